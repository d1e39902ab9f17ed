/**
 * The response of `GET /usages`: only the asked types' keys, in the vendor document's key order
 * (activity, assetUsages, consumption, entities, modelUsages, nsfwUsages, usages); `entities`
 * comes with `activity`.
 */
import type { ActivityItem, Entities } from './activity.ts';
import type { ConsumptionItem, CountPoint, ModelPoint, UsageSeries } from './series.ts';

export interface UsagesListResponse {
  activity?: ActivityItem[];
  assetUsages?: { kind: string; points: CountPoint[] }[];
  consumption?: ConsumptionItem[];
  entities?: Entities;
  modelUsages?: { modelId: string; points: ModelPoint[] }[];
  nsfwUsages?: { label: string; points: CountPoint[] }[];
  usages?: UsageSeries[];
}

const KEY_ORDER = ['activity', 'assetUsages', 'consumption', 'entities', 'modelUsages', 'nsfwUsages', 'usages'] as const;

/** The parts computed for a request, laid out in the vendor's key order. */
export function formatResponse(parts: UsagesListResponse): UsagesListResponse {
  const out: UsagesListResponse = {};
  for (const key of KEY_ORDER) {
    if (parts[key] !== undefined) (out as Record<string, unknown>)[key] = parts[key];
  }
  return out;
}
