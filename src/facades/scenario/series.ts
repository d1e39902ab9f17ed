/**
 * Engine rows → the four point series of the response. Points come from the request's grid
 * (every window of the snapped range); the engine's zero-filled rows land on it by
 * `window_start`. A group the engine split by `is_api_key` is summed back, and its `true` part
 * is the API-key figure. Every total is cleaned of binary noise ({@link cleanTotal}) as it is
 * printed: `"4.3"`, never `"4.300000000000001"`.
 */
import { formatIsoMillis } from '../../time.ts';
import { cleanTotal, formatDecimal } from '../common/numbers.ts';
import { asText } from '../common/text.ts';
import { ASSET_KINDS, USAGE_NAMES, type Granularity } from './enums.ts';
import { compareValues } from '../../engine/values.ts';
import { M, type Columns } from './query.ts';

type Row = Record<string, unknown>;

/** The grid the points sit on, and where each window start falls in it. */
export interface Grid {
  starts: number[];
  index: Map<number, number>;
}

export function makeGrid(starts: number[]): Grid {
  return { starts, index: new Map(starts.map((t, i) => [t, i])) };
}

/** Per series key, per field, one number per window. Keys keep first-seen order. */
class Accumulator {
  readonly series = new Map<unknown, Record<string, Float64Array>>();
  constructor(
    private readonly grid: Grid,
    private readonly fields: readonly string[],
  ) {}

  ensure(key: unknown): Record<string, Float64Array> {
    let s = this.series.get(key);
    if (!s) {
      s = Object.fromEntries(this.fields.map((f) => [f, new Float64Array(this.grid.starts.length)]));
      this.series.set(key, s);
    }
    return s;
  }

  /** Adds `values` to the series of `key` at the row's window (rows off the grid are ignored). */
  add(row: Row, key: unknown, values: Record<string, number>): void {
    const i = this.grid.index.get(row.window_start as number);
    if (i === undefined) return;
    const s = this.ensure(key);
    for (const f in values) s[f][i] += values[f];
  }
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Points of one series; with `dropZero`, those whose numbers are all zero are left out. */
function points<P>(grid: Grid, s: Record<string, Float64Array>, dropZero: boolean, make: (i: number, time: string) => P): P[] {
  const out: P[] = [];
  const arrays = Object.values(s);
  for (let i = 0; i < grid.starts.length; i++) {
    if (dropZero && arrays.every((a) => a[i] === 0)) continue;
    out.push(make(i, formatIsoMillis(grid.starts[i])));
  }
  return out;
}

export interface UsagePoint {
  apiKey: string;
  time: string;
  value: string;
}
export interface UsageSeries {
  granularity: Granularity;
  points: UsagePoint[];
  usageName: string;
}

export function usagesSeries(rows: Row[], cols: Columns, grid: Grid, granularity: Granularity, dropZero: boolean): UsageSeries[] {
  const acc = new Accumulator(grid, ['value', 'apiKey']);
  for (const name of USAGE_NAMES) acc.ensure(name);
  for (const r of rows) {
    const name = r[cols.usage_name];
    if (!acc.series.has(name)) continue;
    const v = num(r[M.value]);
    acc.add(r, name, { value: v, apiKey: r[cols.is_api_key] === true ? v : 0 });
  }
  return USAGE_NAMES.map((usageName) => {
    const s = acc.ensure(usageName);
    return {
      granularity,
      points: points(grid, s, dropZero, (i, time) => ({
        apiKey: formatDecimal(cleanTotal(s.apiKey[i])),
        time,
        value: formatDecimal(cleanTotal(s.value[i])),
      })),
      usageName,
    };
  });
}

export interface CountPoint {
  count: number;
  countApiKey: number;
  time: string;
}

function countSeries(rows: Row[], keyColumn: string, apiColumn: string, grid: Grid, dropZero: boolean, keys?: readonly string[]) {
  const acc = new Accumulator(grid, ['count', 'countApiKey']);
  for (const k of keys ?? []) acc.ensure(k);
  for (const r of rows) {
    const key = asText(r[keyColumn]);
    if (keys && !acc.series.has(key)) continue;
    const n = num(r[M.count]);
    acc.add(r, key, { count: n, countApiKey: r[apiColumn] === true ? n : 0 });
  }
  const ordered = keys ? [...keys] : [...acc.series.keys()].sort(compareValues);
  return ordered.map((key) => {
    const s = acc.ensure(key);
    return {
      key,
      points: points(grid, s, dropZero, (i, time): CountPoint => ({ count: s.count[i], countApiKey: s.countApiKey[i], time })),
    };
  });
}

export function assetSeries(rows: Row[], cols: Columns, grid: Grid, dropZero: boolean): { kind: string; points: CountPoint[] }[] {
  return countSeries(rows, cols.asset_kind, cols.is_api_key, grid, dropZero, ASSET_KINDS).map(({ key, points }) => ({
    kind: key as string,
    points,
  }));
}

/** One series per label the engine saw in the range (zero-fill reports every such label). */
export function nsfwSeries(rows: Row[], cols: Columns, grid: Grid, dropZero: boolean): { label: string; points: CountPoint[] }[] {
  return countSeries(rows, cols.nsfw_label, cols.is_api_key, grid, dropZero).map(({ key, points }) => ({
    label: key as string,
    points,
  }));
}

export interface ModelPoint {
  apiKeyCost: number;
  apiKeyDiscount: number;
  cost: number;
  discount: number;
  jobs: number;
  time: string;
}

/** The model ids that print alike though they differ (`9` and `"9"`): their job counts cannot be added. */
export function mergedModels(all: Row[], cols: Columns): Set<string> {
  const raw = new Map<string | null, unknown>();
  const merged = new Set<string>();
  for (const r of all) {
    const id = r[cols.model_id],
      key = asText(id);
    if (key === null) continue;
    if (!raw.has(key)) raw.set(key, id);
    else if (raw.get(key) !== id) merged.add(key);
  }
  return merged;
}

/** Distinct jobs per window of the `merged` models, from (model, job) rows: job ids compared as text. */
export function mergedJobs(rows: Row[], cols: Columns, grid: Grid, merged: Set<string>): Map<string, Float64Array> {
  const seen = new Map<string, Set<string>>();
  const out = new Map<string, Float64Array>();
  for (const r of rows) {
    const model = asText(r[cols.model_id]),
      i = grid.index.get(r.window_start as number);
    if (model === null || !merged.has(model) || i === undefined) continue;
    const id = `${model}\u0000${i}`;
    let jobs = seen.get(id);
    if (!jobs) seen.set(id, (jobs = new Set()));
    jobs.add(asText(r[cols.job_id])!);
    let counts = out.get(model);
    if (!counts) out.set(model, (counts = new Float64Array(grid.starts.length)));
    counts[i] = jobs.size;
  }
  return out;
}

/**
 * One series per model of `all` (every model with a row in the range); `apiKey` rows add the
 * API-key sums. `jobs` replaces the job counts of models whose ids print alike (see {@link mergedJobs}).
 */
export function modelSeries(
  all: Row[],
  apiKey: Row[],
  cols: Columns,
  grid: Grid,
  dropZero: boolean,
  jobs: Map<string, Float64Array> = new Map(),
): { modelId: string; points: ModelPoint[] }[] {
  const acc = new Accumulator(grid, ['apiKeyCost', 'apiKeyDiscount', 'cost', 'discount', 'jobs']);
  for (const r of all) {
    acc.add(r, asText(r[cols.model_id]), { cost: num(r[M.cost]), discount: num(r[M.discount]), jobs: num(r[M.jobs]) });
  }
  for (const [model, counts] of jobs) acc.ensure(model).jobs = counts;
  for (const r of apiKey) {
    const key = asText(r[cols.model_id]);
    if (!acc.series.has(key)) continue;
    acc.add(r, key, { apiKeyCost: num(r[M.cost]), apiKeyDiscount: num(r[M.discount]) });
  }
  return [...acc.series.keys()].sort(compareValues).map((modelId) => {
    const s = acc.ensure(modelId);
    return {
      modelId: modelId as string,
      points: points(
        grid,
        s,
        dropZero,
        (i, time): ModelPoint => ({
          apiKeyCost: cleanTotal(s.apiKeyCost[i]),
          apiKeyDiscount: cleanTotal(s.apiKeyDiscount[i]),
          cost: cleanTotal(s.cost[i]),
          discount: cleanTotal(s.discount[i]),
          jobs: s.jobs[i],
          time,
        }),
      ),
    };
  });
}

export interface ConsumptionItem {
  discount: number;
  total: number;
  userId: string;
  value: number;
}

/** Users with creative units or a discount in the range, by user id (as text: 42 and "42" are one user). */
export function consumptionItems(rows: Row[], cols: Columns): ConsumptionItem[] {
  const users = new Map<string, { value: number; discount: number; counted: number }>();
  for (const r of rows) {
    const userId = asText(r[cols.user_id])!; // the query keeps only rows with a user
    const u = users.get(userId) ?? { value: 0, discount: 0, counted: 0 };
    u.value += num(r[M.value]);
    u.discount += num(r[M.discount]);
    u.counted += num(r[M.valueCount]) + num(r[M.discountCount]);
    users.set(userId, u);
  }
  return [...users]
    .filter(([, u]) => u.counted > 0)
    .sort(([a], [b]) => compareValues(a, b))
    .map(([userId, { value, discount }]) => ({
      discount: cleanTotal(discount),
      total: cleanTotal(value + discount),
      userId,
      value: cleanTotal(value),
    }));
}
