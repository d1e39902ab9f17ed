/**
 * `recompute --facade`: per vendor, building the façade, calling it (following pages on
 * request) and the rows its response lists for NDJSON and CSV output. The column types its
 * event file is read with are in ./vendor-columns.ts.
 */
import type { Engine, Events } from '../engine/engine.ts';
import { createAdverity } from '../facades/adverity/index.ts';
import { createBoltz } from '../facades/boltz/index.ts';
import { createMiosa } from '../facades/miosa/index.ts';
import { createScenario } from '../facades/scenario/index.ts';
import type { Params, VendorName } from './recompute-args.ts';

export interface FacadeRun {
  vendor: VendorName;
  /** The events: a table, or events from `engine.load`. */
  events: Events;
  engine: Engine;
  params: Params;
  now?: Date;
  columns?: Record<string, string>;
  catalogs?: unknown;
  workspaces?: unknown;
  scope?: string;
  allPages: boolean;
}

type Json = Record<string, unknown>;

/** Calls the vendor's façade; rejects with its FacadeError, or a TypeError for bad options. */
export async function runFacade(run: FacadeRun): Promise<Json> {
  const base = { events: run.events, engine: run.engine, now: run.now ? () => run.now! : undefined };
  // Column mappings are validated by each façade; the casts only bridge the CLI's loose JSON.
  const columns = run.columns as never;
  switch (run.vendor) {
    case 'boltz': {
      const boltz = createBoltz({ ...base, columns });
      let page = await boltz.admin.usage.list(run.params);
      if (!run.allPages) return page as unknown as Json;
      const data = [...page.data];
      while (page.has_more && page.next_page) {
        page = await boltz.admin.usage.list({ ...run.params, page: page.next_page });
        data.push(...page.data);
      }
      return { data, has_more: false, next_page: null };
    }
    case 'miosa':
      return (await createMiosa({ ...base, columns }).usage.get(run.params)) as unknown as Json;
    case 'scenario':
      return (await createScenario({ ...base, columns, catalogs: run.catalogs as never }).usages.list(
        run.params,
      )) as unknown as Json;
    case 'adverity': {
      const adverity = createAdverity({ ...base, columns, workspaces: run.workspaces as never });
      const scope = scopeId(run.scope!, run.workspaces);
      const first = await adverity.usage.list(run.params, { scope });
      if (!run.allPages) return first as unknown as Json;
      const items = [...first.items];
      for (let page = Number(run.params.page ?? 1) + 1; items.length < first.count; page++) {
        const next = await adverity.usage.list({ ...run.params, page: String(page) }, { scope });
        if (next.items.length === 0) break;
        items.push(...next.items);
      }
      return { items, count: first.count };
    }
  }
}

/** A numeric scope matches a numeric workspace id when the catalog uses numbers. */
function scopeId(scope: string, workspaces: unknown): string | number {
  const list = Array.isArray(workspaces) ? (workspaces as { id?: unknown }[]) : [];
  if (list.some((w) => w.id === scope)) return scope;
  const n = Number(scope);
  return scope.trim() !== '' && list.some((w) => w.id === n) ? n : scope;
}

/** The rows a response lists, for NDJSON and CSV: one per bucket, result, item or point. */
export function responseRows(vendor: VendorName, response: Json): Record<string, unknown>[] {
  switch (vendor) {
    case 'boltz':
      return response.data as Json[];
    case 'miosa':
      return response.results as Json[];
    case 'adverity':
      return response.items as Json[];
    case 'scenario':
      return scenarioRows(response);
  }
}

const SERIES: [string, string][] = [
  ['usages', 'usageName'],
  ['modelUsages', 'modelId'],
  ['assetUsages', 'kind'],
  ['nsfwUsages', 'label'],
];

/** Scenario's nested series flattened: a row per point (with its series key), per consumer, per activity. */
function scenarioRows(response: Json): Json[] {
  const rows: Json[] = [];
  for (const [type, key] of SERIES) {
    for (const series of (response[type] as Json[] | undefined) ?? []) {
      const extra = series.granularity === undefined ? {} : { granularity: series.granularity };
      for (const point of series.points as Json[]) rows.push({ type, [key]: series[key], ...extra, ...point });
    }
  }
  for (const c of (response.consumption as Json[] | undefined) ?? []) rows.push({ type: 'consumption', ...c });
  for (const a of (response.activity as Json[] | undefined) ?? []) {
    const { data, ...rest } = a;
    rows.push({ type: 'activity', ...rest, ...(data as Json) });
  }
  return rows;
}
