/**
 * The activity feed: the events themselves, newest first, a page at a time, and the catalog
 * entities the page refers to. This is the one type the engine does not aggregate — it lists
 * rows — so it reads the events row by row, through the engine's column reader (engine/rows.ts). The instants are parsed and
 * ordered once per events object (newest first; for equal instants the later row first), and a
 * page is then a walk from the range's end that stops at its start. An EventSource lists its
 * page itself (activity-source.ts); both build items with {@link activityItem}.
 */
import type { ColumnTable } from 'arquero';
import { eventRows } from '../../engine/rows.ts';
import type { EventSource } from '../../engine/source.ts';
import type { EventRecords } from '../../engine/types.ts';
import type { LoadedEvents } from '../../engine/store/events.ts';
import { QueryError } from '../../errors.ts';
import { formatIsoMillis, toEpochMs } from '../../time.ts';
import { ACTIVITY_PAGE_SIZE } from './enums.ts';
import { asText } from '../common/text.ts';
import { compareValues } from '../../engine/values.ts';
import type { Columns } from './query.ts';

/** Events held in the process, which the feed reads itself. */
export type LocalEvents = LoadedEvents | ColumnTable | EventRecords;
/** What the façade accepts: local events, or a source that lists rows (`rows`) for the feed. */
export type ScenarioEvents = LocalEvents | EventSource;

/** One activity item, keys in the vendor's order; optional fields appear only with a value. */
export interface ActivityItem {
  action: unknown;
  data: { assetId?: unknown; collectionId?: unknown; isApiKey?: boolean; jobId?: unknown; modelId?: unknown };
  projectId: unknown;
  time: string;
  userId: unknown;
  creativeUnitsCost?: number;
}

/** Reads one column of the events by row position (in the table's own row order). */
type ColumnReader = (row: number) => unknown;

export interface ActivityIndex {
  /** Row positions, newest first; for equal instants the later row first. */
  order: Uint32Array;
  /** The instant of `order[k]`, descending. */
  times: Float64Array;
  column(name: string): ColumnReader;
  /**
   * Positions (into `order`) of the rows a filtered listing keeps, per range and filters, so a
   * page at an offset costs the page, not the offset. Kept for the last few listings.
   */
  listings?: Map<string, Uint32Array>;
}

const KEPT_LISTINGS = 16;

/** The columns an activity item reads besides `ts`. */
export const ITEM_COLUMNS = [
  'action',
  'project_id',
  'user_id',
  'is_api_key',
  'creative_units',
  'asset_id',
  'collection_id',
  'job_id',
  'model_id',
] as const;
export type ItemColumn = (typeof ITEM_COLUMNS)[number];

/**
 * Parses every instant once and orders the rows newest first. A column no event carries reads as
 * null, as it does in the engine's queries; only the time column must exist.
 * @throws QueryError for a missing time column or a time value that is not an instant, worded as the engine words them.
 */
export function buildActivityIndex(events: LocalEvents, cols: Columns): ActivityIndex {
  const rows = eventRows(events);
  if (rows.n > 0 && !rows.has(cols.ts)) throw new QueryError([{ path: ['time'], message: `unknown column '${cols.ts}'` }]);
  const ts = rows.column(cols.ts);
  const at = new Float64Array(rows.n);
  for (let i = 0; i < rows.n; i++) {
    const v = ts(i);
    const t = toEpochMs(v);
    if (t === null) {
      throw new QueryError([
        {
          path: [`events[${i}]`, cols.ts],
          message: `${JSON.stringify(v) ?? String(v)} is not an instant (epoch ms, Date, or ISO-8601 with an offset)`,
        },
      ]);
    }
    at[i] = t;
  }
  const order = Uint32Array.from({ length: rows.n }, (_, i) => i);
  order.sort((a, b) => at[b] - at[a] || b - a);
  return { order, times: Float64Array.from(order, (i) => at[i]), column: rows.column };
}

/** First position in `times` (descending) whose instant is < `end`. */
function firstBefore(times: Float64Array, end: number): number {
  let lo = 0,
    hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] >= end) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const present = (v: unknown): boolean => v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v));

/**
 * One event as an activity item; `read` gives the event's value of a logical column, `time` its instant (epoch ms).
 * @example
 * activityItem((c) => ({ action: 'upscale', user_id: 'u1', is_api_key: 0 } as Record<string, unknown>)[c], 0)
 * // { action: 'upscale', data: { isApiKey: false }, projectId: null, time: '1970-01-01T00:00:00.000Z', userId: 'u1' }
 */
export function activityItem(read: (column: ItemColumn) => unknown, time: number): ActivityItem {
  const data: ActivityItem['data'] = {};
  const assetId = read('asset_id'),
    collectionId = read('collection_id'),
    isApiKey = read('is_api_key');
  const jobId = read('job_id'),
    modelId = read('model_id');
  // Ids are strings, as the vendor types them (an event's 42 is "42").
  if (present(assetId)) data.assetId = asText(assetId);
  if (present(collectionId)) data.collectionId = asText(collectionId);
  if (present(isApiKey)) data.isApiKey = isApiKey === true;
  if (present(jobId)) data.jobId = asText(jobId);
  if (present(modelId)) data.modelId = asText(modelId);
  // Required fields stay in the item even when the row lacks them (as null, never dropped).
  const item: ActivityItem = {
    action: asText(read('action')),
    data,
    projectId: asText(read('project_id')),
    time: formatIsoMillis(time),
    userId: asText(read('user_id')),
  };
  const cost = read('creative_units');
  if (typeof cost === 'number' && !Number.isNaN(cost)) item.creativeUnitsCost = cost;
  return item;
}

/**
 * Rows in `[start, end)` that pass `filters` (column → allowed values), newest first, skipping
 * `offset` of them, at most one page.
 */
export function activityPage(
  index: ActivityIndex,
  cols: Columns,
  range: { start: number; end: number },
  filters: Record<string, readonly unknown[]>,
  offset: number,
): ActivityItem[] {
  const checks = Object.entries(filters).map(([name, list]) => ({ read: index.column(name), allowed: new Set(list) }));
  const readers = new Map(ITEM_COLUMNS.map((c) => [c, index.column(cols[c])]));
  const item = (k: number) => activityItem((c) => readers.get(c)!(index.order[k]), index.times[k]);
  const first = firstBefore(index.times, range.end);
  const inRange = (k: number) => k < index.order.length && index.times[k] >= range.start;
  const items: ActivityItem[] = [];
  if (checks.length === 0) {
    // Every row in the range is listed: the page starts `offset` rows in.
    for (let k = first + offset; inRange(k) && items.length < ACTIVITY_PAGE_SIZE; k++) items.push(item(k));
    return items;
  }
  const passes = (k: number) => checks.every(({ read, allowed }) => allowed.has(read(index.order[k])));
  if (offset === 0) {
    for (let k = first; inRange(k) && items.length < ACTIVITY_PAGE_SIZE; k++) if (passes(k)) items.push(item(k));
    return items;
  }
  // A later page: the positions the filters keep, found once per range and filters.
  const key = JSON.stringify([range.start, range.end, filters]);
  index.listings ??= new Map();
  let kept = index.listings.get(key);
  if (!kept) {
    const found: number[] = [];
    for (let k = first; inRange(k); k++) if (passes(k)) found.push(k);
    kept = Uint32Array.from(found);
    if (index.listings.size >= KEPT_LISTINGS) index.listings.delete(index.listings.keys().next().value!);
  }
  index.listings.delete(key);
  index.listings.set(key, kept);
  for (let j = offset; j < kept.length && items.length < ACTIVITY_PAGE_SIZE; j++) items.push(item(kept[j]));
  return items;
}

/** A catalog entity as the vendor document describes it: an object with an `id`. */
export type CatalogEntity = { id: string } & Record<string, unknown>;

/** The catalogs entities are taken from; each list of entity objects is returned as it is. */
export interface ScenarioCatalogs {
  assets?: readonly CatalogEntity[];
  collections?: readonly CatalogEntity[];
  jobs?: readonly CatalogEntity[];
  models?: readonly CatalogEntity[];
  users?: readonly CatalogEntity[];
}

export const ENTITY_KINDS = ['assets', 'collections', 'jobs', 'models', 'users'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export type Entities = Record<EntityKind, CatalogEntity[]>;
export type CatalogIndex = Record<EntityKind, Map<unknown, CatalogEntity>>;

/** Catalog lists → lookups by id (the first entity wins when an id repeats). */
export function indexCatalogs(catalogs: ScenarioCatalogs = {}): CatalogIndex {
  const out = {} as CatalogIndex;
  for (const kind of ENTITY_KINDS) {
    const map = new Map<unknown, CatalogEntity>();
    for (const e of catalogs[kind] ?? []) if (!map.has(e.id)) map.set(e.id, e);
    out[kind] = map;
  }
  return out;
}

/** The entities a page refers to, each once, each list by id ascending; ids missing from a catalog are left out. */
export function pageEntities(items: ActivityItem[], catalogs: CatalogIndex): Entities {
  const refs: Record<EntityKind, unknown[]> = {
    assets: items.map((a) => a.data.assetId),
    collections: items.map((a) => a.data.collectionId),
    jobs: items.map((a) => a.data.jobId),
    models: items.map((a) => a.data.modelId),
    users: items.map((a) => a.userId),
  };
  const out = {} as Entities;
  for (const kind of ENTITY_KINDS) {
    const found = new Set<CatalogEntity>();
    for (const id of refs[kind]) {
      const e = present(id) ? catalogs[kind].get(id) : undefined;
      if (e) found.add(e);
    }
    out[kind] = [...found].sort((a, b) => compareValues(a.id, b.id));
  }
  return out;
}
