/**
 * Plan + in-process events → result table: resolve columns, build the window grid, lay out the
 * cells, run the shards (inline, or on the pool for large inputs), read the cells out.
 *
 * Shards are cut at window boundaries, so each shard owns its cells outright: no cell's state
 * is ever combined from two shards, and a result is the same bit for bit whatever the number of
 * workers. A query with fewer windows than workers simply uses fewer of them.
 */
import type { ColumnTable } from 'arquero';
import { QueryError } from '../errors.ts';
import type { ShardMeasure, ShardTask } from './parallel/messages.ts';
import type { Pool } from './parallel/pool.ts';
import { aggregateByName } from './aggregates/index.ts';
import type { BufferPool } from './buffers.ts';
import { runShard } from './kernel.ts';
import { denseGroupLayout, groupCodes, sparseLayout, wantsSparse, type GroupLayout } from './layout.ts';
import { aggregateFor, measureOp, readsNumbers } from './measure-ops.ts';
import { cellCapError, type Plan } from './plan.ts';
import { emptyTable, toTable } from './result.ts';
import { describeValue, encode, type DimColumn, type Encoded } from './table.ts';
import type { EventRecords } from './types.ts';
import type { LoadedEvents } from './store/events.ts';
import { cappedGrid } from './windows.ts';
import { lowerBound, rowRuns } from './runs.ts';

export interface ExecOptions {
  maxCells: number;
  inlineThreshold: number;
  /** The worker pool, started on first use; absent (or resolving to null) when the engine runs inline. */
  getPool?: () => Promise<Pool | null>;
  /** Where the per-query state arrays come from and go back to. */
  buffers: BufferPool;
}

function requireColumn(enc: Encoded, column: string, path: (string | number)[]): void {
  if (!enc.hasColumn(column)) throw new QueryError([{ path, message: `unknown column '${column}'` }]);
}

export function whereMask(dim: DimColumn, values: unknown[], negate: boolean, matchNull: boolean): Uint8Array {
  const set = new Set(values);
  const mask = new Uint8Array(Math.max(dim.nullCode, dim.dict.length) + 1);
  dim.dict.forEach((v, code) => {
    mask[code] = set.has(v) !== negate ? 1 : 0;
  });
  mask[dim.nullCode] = matchNull ? 1 : 0;
  return mask;
}

function numericInput(enc: Encoded, column: string, measure: string, required: boolean): Float64Array[] | null {
  const num = enc.num(column);
  if (Array.isArray(num)) return num;
  if (!required) return null;
  throw new QueryError([
    {
      path: [`events[${num.badRow}]`, column],
      message: `${describeValue(num.value)} is not a number (measure '${measure}')`,
    },
  ]);
}

/** The kernel's view of each measure, and the dictionary to decode a coded result with. */
export function shardMeasures(
  plan: Plan,
  enc: Encoded,
  cells: number,
  buffers: BufferPool,
): { measure: ShardMeasure; dict: unknown[] | null }[] {
  return plan.measures.map((m) => {
    const num = m.column !== null && readsNumbers(m.op) ? numericInput(enc, m.column, m.name, measureOp(m.op).numeric) : null;
    const name = aggregateFor(m.op, m.column !== null, num !== null)!;
    const dim = m.column !== null && num === null ? enc.dim(m.column) : null;
    const states = aggregateByName(name).states.map((s) => (s.kind === 'f64' ? buffers.f64(cells) : buffers.i32(cells)));
    const measure = {
      aggregate: name,
      input: num ?? dim?.codes ?? null,
      nullCode: dim?.nullCode ?? -1,
      codes: dim ? dim.dict.length + 1 : 0,
      states,
    };
    return { measure, dict: dim?.dict ?? null };
  });
}

/** Window ranges `[w0, w1)` for `k` shards with about equal rows, cut only at window boundaries. */
function cutShards(rowStart: Float64Array, windows: number, k: number): [number, number][] {
  const first = rowStart[0],
    total = rowStart[windows] - first;
  const cuts = [0];
  for (let j = 1; j < k; j++) {
    const w = lowerBound(rowStart, first + (total * j) / k, 0, windows + 1);
    if (w > cuts[cuts.length - 1] && w < windows) cuts.push(w);
  }
  cuts.push(windows);
  return cuts.slice(1).map((w1, j) => [cuts[j], w1]);
}

export async function executeLocal(
  events: LoadedEvents | ColumnTable | EventRecords,
  plan: Plan,
  opts: ExecOptions,
): Promise<ColumnTable> {
  // Events this many may well need the pool: let its threads start while the main thread encodes.
  const size = Array.isArray(events)
    ? events.length
    : typeof (events as ColumnTable)?.numRows === 'function'
      ? (events as ColumnTable).numRows()
      : 0;
  if (opts.getPool && size >= opts.inlineThreshold) opts.getPool().catch(() => null);
  const enc = encode(events, plan.time);
  plan.groupBy.forEach((c, i) => requireColumn(enc, c, ['groupBy', i]));
  plan.where.forEach((w) => requireColumn(enc, w.column, ['where', w.column]));
  plan.measures.forEach((m) => m.column !== null && requireColumn(enc, m.column, ['measures', m.name, 'column']));

  const times = enc.times;
  const where = plan.where.map((w) => {
    const dim = enc.dim(w.column);
    return { codes: dim.codes, mask: whereMask(dim, w.values, w.negate, w.matchNull) };
  });
  const lo = times.map((t) => (plan.range ? lowerBound(t, plan.range.start) : 0));
  const hi = times.map((t) => (plan.range ? lowerBound(t, plan.range.end) : t.length));

  // The grid spans the range when every window is reported (zero fill, or the one window
  // 'none'); otherwise only the events that pass `where` within it, so a wide range over few
  // events costs what the events cost.
  let from: number, to: number;
  if (plan.range && (plan.fill === 'zero' || plan.window.kind === 'none')) {
    from = plan.range.start;
    to = plan.range.end - 1;
  } else {
    from = Infinity;
    to = -Infinity;
    times.forEach((time, p) => {
      const passes = (i: number) => where.every((w) => w.mask[w.codes[p][i]] === 1);
      let a = lo[p],
        b = hi[p] - 1;
      while (a <= b && !passes(a)) a++;
      while (b >= a && !passes(b)) b--;
      if (a <= b) {
        from = Math.min(from, time[a]);
        to = Math.max(to, time[b]);
      }
    });
    if (from > to) return emptyTable(plan);
  }
  const grid = cappedGrid(plan.window, from, to, opts.maxCells);
  const windows = grid.length - 1;

  const runs = rowRuns(times, grid, lo, hi);
  const rowStart = runs.rowStart;
  const dims = plan.groupBy.map((c) => enc.dim(c));
  const sparse = wantsSparse(dims, windows, rowStart[windows], opts.maxCells);
  const layout: GroupLayout = sparse
    ? sparseLayout(dims, where, runs, plan.fill === 'zero', opts.maxCells)
    : denseGroupLayout(dims);
  const cells = layout.cellStart ? layout.cellStart[windows] : windows * layout.groups;
  if (cells > opts.maxCells) throw cellCapError(opts.maxCells);

  const measures = shardMeasures(plan, enc, cells, opts.buffers);
  const base: Omit<ShardTask, 'w0' | 'w1'> = {
    groups: layout.groups,
    rowStart,
    runStart: runs.runStart,
    runPart: runs.runPart,
    runFrom: runs.runFrom,
    runTo: runs.runTo,
    groupBy: sparse ? [] : dims.map((d, j) => ({ codes: d.codes, stride: layout.strides[j] })),
    where: sparse ? [] : where,
    cellOf: layout.cellOf,
    cellStart: layout.cellStart,
    rows: opts.buffers.f64(cells),
    measures: measures.map((m) => m.measure),
  };
  // Small inputs, and queries with a single window, never pay a worker round-trip.
  const pool =
    opts.getPool && windows > 1 && rowStart[windows] - rowStart[0] >= opts.inlineThreshold ? await opts.getPool() : null;
  const tasks = (pool ? cutShards(rowStart, windows, pool.size) : [[0, windows] as [number, number]]).map(([w0, w1]) => ({
    ...base,
    w0,
    w1,
  }));
  if (pool && tasks.length > 1) await pool.run(tasks);
  else tasks.forEach(runShard);
  const result = readCells(
    plan,
    grid,
    layout,
    dims,
    base as ShardTask,
    measures.map((m) => m.dict),
  );
  opts.buffers.give([base.rows, ...base.measures.flatMap((m) => m.states)]);
  return result;
}

export function readCells(
  plan: Plan,
  grid: Float64Array,
  layout: GroupLayout,
  dims: DimColumn[],
  t: ShardTask,
  dicts: (unknown[] | null)[],
): ColumnTable {
  const W = grid.length - 1,
    rows = t.rows;
  const cells = layout.cellStart
    ? Int32Array.from({ length: rows.length }, (_, c) => c)
    : denseCells(plan, layout, dims, rows, W);
  const count = cells.length;
  const windowStart = new Float64Array(count),
    windowEnd = new Float64Array(count);
  for (let k = 0, w = 0; k < count; k++) {
    const c = cells[k];
    if (layout.cellStart) while (layout.cellStart[w + 1] <= c) w++;
    else w = Math.floor(c / layout.groups);
    windowStart[k] = grid[w];
    windowEnd[k] = grid[w + 1];
  }
  const groups = plan.groupBy.map((name) => ({ name, values: new Array<unknown>(count) }));
  if (dims.length) {
    // Dense: decode each group once and gather; sparse: each cell carries its group key.
    const distinct = layout.cellStart ? count : layout.groups;
    const byGroup = dims.map(() => new Array<unknown>(distinct));
    const codes: number[] = [];
    for (let g = 0; g < distinct; g++) {
      groupCodes(layout, g, codes);
      for (let j = 0; j < dims.length; j++) byGroup[j][g] = codes[j] === dims[j].nullCode ? null : dims[j].dict[codes[j]];
    }
    groups.forEach(({ values }, j) => {
      const src = byGroup[j];
      for (let k = 0; k < count; k++) values[k] = src[layout.cellStart ? cells[k] : cells[k] % layout.groups];
    });
  }
  const measures = plan.measures.map((m, j) => {
    const sm = t.measures[j],
      dict = dicts[j];
    const decode = (code: number) => (dict ? dict[code] : code);
    return { name: m.name, values: aggregateByName(sm.aggregate).finalize(sm.states, cells, rows, decode) };
  });
  return toTable({ windowStart, windowEnd, groups, measures });
}

/**
 * The dense groups in result order: group columns' values ascending, nulls last. Codes a
 * dictionary gained after the load are not in value order, so the groups are then listed
 * through each column's order; otherwise group order is result order (null).
 */
function groupOrder(layout: GroupLayout, dims: DimColumn[]): Int32Array | null {
  const orders = dims.map((d) => d.order());
  if (orders.every((o) => o === null)) return null;
  const G = layout.groups,
    out = new Int32Array(G);
  for (let pos = 0; pos < G; pos++) {
    let g = 0;
    for (let j = 0; j < dims.length; j++) {
      const digit = Math.floor(pos / layout.strides[j]) % layout.cards[j];
      g += (orders[j] ? orders[j]![digit] : digit) * layout.strides[j];
    }
    out[pos] = g;
  }
  return out;
}

/** Dense cells the result reports, in order: those with events, or with zero-fill every window × group seen. */
function denseCells(plan: Plan, layout: GroupLayout, dims: DimColumn[], rows: Float64Array, W: number): Int32Array {
  const G = layout.groups;
  const order = groupOrder(layout, dims);
  let keepGroup: Uint8Array | null = null;
  if (plan.fill === 'zero') {
    keepGroup = new Uint8Array(G);
    if (plan.groupBy.length === 0) keepGroup.fill(1);
    else for (let c = 0; c < rows.length; c++) if (rows[c] > 0) keepGroup[c % G] = 1;
  }
  let count = 0;
  if (keepGroup) {
    for (let g = 0; g < G; g++) count += keepGroup[g];
    count *= W;
  } else {
    for (let c = 0; c < rows.length; c++) if (rows[c] > 0) count++;
  }
  const cells = new Int32Array(count);
  for (let w = 0, k = 0; w < W; w++) {
    for (let pos = 0; pos < G; pos++) {
      const g = order ? order[pos] : pos,
        c = w * G + g;
      if (keepGroup ? keepGroup[g] === 1 : rows[c] > 0) cells[k++] = c;
    }
  }
  return cells;
}
