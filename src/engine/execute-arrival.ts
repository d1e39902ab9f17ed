/**
 * The first query over events just loaded from a file or stream, answered from the rows in the
 * order they arrived: one pass over them, no sort. A one-off recompute (load, one query, done)
 * spent about as long sorting 5M events by time and gathering them into the store as it spent
 * reading the file; this path skips both.
 *
 * The result must be exactly the one the sorted store gives (./execute.ts), so the path only
 * takes queries whose answer cannot depend on the order rows are visited in:
 * - counts, and min / max over columns without a -0 (with both 0 and -0 in a cell, the first
 *   seen would win);
 * - sum and avg over whole numbers whose magnitudes add up to less than 2^53: then every partial
 *   sum, in any order, is exact. A fractional value may round differently in another order;
 * - not `latest` (the value at the greatest instant) nor `countDistinct` (counted per window of
 *   sorted rows).
 * It also leaves to the sorted path what it would lay out sparsely (many more windows × groups
 * than events), and anything the sorted path would report an error for (a missing column, a
 * non-number in a numeric measure). For those it returns null, and the events are sorted.
 *
 * Everything else is shared with the sorted path: the window grid over the same first and last
 * instants, the dense cell layout, the measures' states and the read-out. Rows are assigned to
 * windows without a search: when every window is as long as the next (fixed steps, UTC days) a
 * row's window is its offset over that length; otherwise a table of slots at least as fine as
 * the grid gives each row the window its slot starts in, and a row moves on past the boundaries
 * inside its slot.
 */
import type { ColumnTable } from 'arquero';
import { aggregateByName } from './aggregates/index.ts';
import { runArrivalKernel, slots, type ArrivalTask, type Where } from './arrival-kernel.ts';
import { readCells, shardMeasures, whereMask, type ExecOptions } from './execute.ts';
import { denseGroupLayout, wantsSparse } from './layout.ts';
import { readsNumbers } from './measure-ops.ts';
import type { ShardTask } from './parallel/messages.ts';
import { cellCapError, type Plan } from './plan.ts';
import { emptyTable } from './result.ts';
import type { LoadedEvents } from './store/events.ts';
import { numberStats, type ChunkStats, type NumberStats } from './store/stats.ts';
import type { Encoded } from './table.ts';
import { cappedGrid } from './windows.ts';

/** How many queries this path answered, for tests that check it was taken (as `gridCounters`). */
export const arrivalCounters = { answered: 0 };

/** Ops whose result does not depend on the order rows are visited in (given the checks below). */
const ORDER_FREE = new Set(['count', 'sum', 'avg', 'min', 'max']);

/**
 * Whether sums of the summed-up values are exact in any order: every one a whole number, their
 * magnitudes adding up below 2^53. Partial sums of whole numbers are exact below 2^53, so a
 * total computed below it is the true one.
 */
export function sumsExactly(summed: NumberStats[]): boolean {
  return summed.every((k) => k.whole) && summed.reduce((t, k) => t + k.absSum, 0) < 2 ** 53;
}

/**
 * Each part's summary of a number column: its chunk's, where the scanner made one, else made
 * here; null when the column holds something other than numbers (the sorted path reports it).
 */
function columnStats(enc: Encoded, column: string, stats: (ChunkStats | undefined)[]): NumberStats[] | null {
  const known = stats.map((s) => s?.numbers.get(column));
  if (known.every((k) => k !== undefined)) return known as NumberStats[];
  const num = enc.num(column);
  if (!Array.isArray(num)) return null;
  return num.map((values, p) => known[p] ?? numberStats(values, values.length));
}

/** Can the query be answered from these rows in arrival order, with exactly the sorted result? */
function orderFree(enc: Encoded, plan: Plan, stats: (ChunkStats | undefined)[]): boolean {
  if (!plan.measures.every((m) => ORDER_FREE.has(m.op))) return false;
  const columns = [...plan.groupBy, ...plan.where.map((w) => w.column), ...plan.measures.map((m) => m.column)];
  if (!columns.every((c) => c === null || enc.hasColumn(c))) return false;
  for (const m of plan.measures) {
    if (m.column === null || !readsNumbers(m.op) || m.op === 'count') continue;
    const summed = columnStats(enc, m.column, stats);
    if (summed === null) return false;
    if ((m.op === 'sum' || m.op === 'avg') && !sumsExactly(summed)) return false;
    if ((m.op === 'min' || m.op === 'max') && summed.some((k) => k.negativeZero)) return false;
  }
  return true;
}

/** The first and last instants in `[lo, hi)` whose rows pass `where`, over every part (from > to when none do). */
function passingSpan(
  times: Float64Array[],
  lo: number,
  hi: number,
  where: Where[],
  stats: (ChunkStats | undefined)[],
): { from: number; to: number } {
  let from = Infinity,
    to = -Infinity;
  for (let p = 0; p < times.length; p++) {
    const s = stats[p];
    // A part wholly inside the range, with no condition to pass: its summary has the span.
    const span =
      s && where.length === 0 && s.timeMin >= lo && s.timeMax < hi
        ? { from: s.timeMin, to: s.timeMax }
        : partSpan(times[p], lo, hi, where, p);
    if (span.from < from) from = span.from;
    if (span.to > to) to = span.to;
  }
  return { from, to };
}

function partSpan(time: Float64Array, lo: number, hi: number, where: Where[], p: number): { from: number; to: number } {
  let from = Infinity,
    to = -Infinity;
  const n = time.length;
  if (where.length === 0) {
    for (let i = 0; i < n; i++) {
      const t = time[i];
      if (t < from && t >= lo) from = t;
      if (t > to && t < hi) to = t;
    }
    // The least instant ≥ lo is the least in the range when any row is in it (rows past `hi`
    // are larger), and the greatest below `hi` likewise; with no row in the range, one falls outside.
    if (from >= hi || to < lo) return { from: Infinity, to: -Infinity };
    return { from, to };
  }
  rows: for (let i = 0; i < n; i++) {
    const t = time[i];
    if (!(t >= lo && t < hi) || (t >= from && t <= to)) continue;
    for (const w of where) if (w.mask[w.codes[p][i]] === 0) continue rows;
    if (t < from) from = t;
    if (t > to) to = t;
  }
  return { from, to };
}

/** Rows in `[lo, hi)` and inside the grid. */
function rowsInGrid(times: Float64Array[], lo: number, hi: number, grid: Float64Array): number {
  const a = Math.max(lo, grid[0]),
    b = Math.min(hi, grid[grid.length - 1]);
  let n = 0;
  for (const time of times) for (let i = 0; i < time.length; i++) if (time[i] >= a && time[i] < b) n++;
  return n;
}

/**
 * The query over `enc`, a view of parts in arrival order (`stats`: each part's summary, where
 * its chunk came with one), or null when only the sorted path
 * gives its exact result (see the header). Synchronous: nothing else touches the part meanwhile.
 */
export function executeArrival(
  enc: Encoded,
  plan: Plan,
  opts: ExecOptions,
  stats: (ChunkStats | undefined)[] = [],
): ColumnTable | null {
  if (!orderFree(enc, plan, stats)) return null;
  const times = enc.times;
  const lo = plan.range ? plan.range.start : -Infinity,
    hi = plan.range ? plan.range.end : Infinity;
  const where = plan.where.map((w) => {
    const dim = enc.dim(w.column);
    return { codes: dim.codes, mask: whereMask(dim, w.values, w.negate, w.matchNull) };
  });

  // The grid spans what the sorted path's would: the range, or the first and last passing instants.
  let from = Infinity,
    to = -Infinity;
  if (plan.range && (plan.fill === 'zero' || plan.window.kind === 'none')) {
    from = plan.range.start;
    to = plan.range.end - 1;
  } else {
    ({ from, to } = passingSpan(times, lo, hi, where, stats));
    if (from > to) return emptyTable(plan);
  }
  const grid = cappedGrid(plan.window, from, to, opts.maxCells);
  const windows = grid.length - 1;

  // The sorted path lays cells out sparsely when windows × groups far exceeds its rows: those
  // in the range and inside the grid, whether or not they pass `where` (counted only when
  // there are groups: without, the layout is always dense). With neither range nor where the
  // grid spans every row.
  const dims = plan.groupBy.map((c) => enc.dim(c));
  if (dims.length > 0) {
    const rows = where.length === 0 && !plan.range ? enc.n : rowsInGrid(times, lo, hi, grid);
    if (wantsSparse(dims, windows, rows, opts.maxCells)) return null;
  }
  const layout = denseGroupLayout(dims);
  const cells = windows * layout.groups;
  if (cells > opts.maxCells) throw cellCapError(opts.maxCells);

  const measures = shardMeasures(plan, enc, cells, opts.buffers);
  const rowsState = opts.buffers.f64(cells).fill(0);
  for (const { measure } of measures) {
    aggregateByName(measure.aggregate).states.forEach((spec, s) => measure.states[s].fill(spec.init));
  }
  const { scale, table, last } = slots(grid);
  const task: ArrivalTask = {
    times,
    lo,
    hi,
    grid,
    g0: grid[0],
    slotScale: scale,
    lastSlot: last,
    slotWindow: table,
    groups: layout.groups,
    where,
    groupBy: dims.map((d, j) => ({ codes: d.codes, stride: layout.strides[j] })),
    measures: measures.map((m) => m.measure),
    rows: rowsState,
  };
  runArrivalKernel(task);
  arrivalCounters.answered++;
  const result = readCells(
    plan,
    grid,
    layout,
    dims,
    { rows: rowsState, measures: task.measures } as unknown as ShardTask,
    measures.map((m) => m.dict),
  );
  opts.buffers.give([rowsState, ...task.measures.flatMap((m) => m.states)]);
  return result;
}

/**
 * The first query over `events` from their rows in arrival order, or null when they are already
 * sorted, have been queried before, or the query needs the sorted path.
 */
export function executeFirstQuery(events: LoadedEvents, plan: Plan, opts: ExecOptions): ColumnTable | null {
  const arrival = events.arrivalView(plan.time);
  return arrival ? executeArrival(arrival.view, plan, opts, arrival.stats) : null;
}
