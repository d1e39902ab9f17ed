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
import { readCells, shardMeasures, whereMask, type ExecOptions } from './execute.ts';
import { denseLayout, type GroupLayout } from './layout.ts';
import { readsNumbers } from './measure-ops.ts';
import type { ShardMeasure, ShardTask } from './parallel/messages.ts';
import { cellCapError, type Plan } from './plan.ts';
import { emptyTable } from './result.ts';
import type { LoadedEvents } from './store/events.ts';
import type { Encoded } from './table.ts';
import { cappedGrid } from './windows.ts';

/** How many queries this path answered, for tests that check it was taken (as `gridCounters`). */
export const arrivalCounters = { answered: 0 };

/** Ops whose result does not depend on the order rows are visited in (given the checks below). */
const ORDER_FREE = new Set(['count', 'sum', 'avg', 'min', 'max']);

/** The largest slot table, in entries (16 MiB): past it, rows step over several boundaries a slot. */
const MAX_SLOTS = 1 << 22;

/**
 * Every non-null value of every part a whole number, their magnitudes summing below 2^53: sums
 * of any of them are exact in any order.
 */
export function sumsExactly(parts: Float64Array[]): boolean {
  let total = 0;
  for (const values of parts) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== v) continue;
      if (v !== Math.trunc(v)) return false;
      total += Math.abs(v);
    }
  }
  // Partial sums of whole numbers are exact below 2^53, so a total computed below it is the true one.
  return total < 2 ** 53;
}

function hasNegativeZero(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === 0 && 1 / values[i] < 0) return true;
  return false;
}

/** Can the query be answered from these rows in arrival order, with exactly the sorted result? */
function orderFree(enc: Encoded, plan: Plan): boolean {
  if (!plan.measures.every((m) => ORDER_FREE.has(m.op))) return false;
  const columns = [...plan.groupBy, ...plan.where.map((w) => w.column), ...plan.measures.map((m) => m.column)];
  if (!columns.every((c) => c === null || enc.hasColumn(c))) return false;
  for (const m of plan.measures) {
    if (m.column === null || !readsNumbers(m.op) || m.op === 'count') continue;
    const num = enc.num(m.column);
    if (!Array.isArray(num)) return false;
    if ((m.op === 'sum' || m.op === 'avg') && !sumsExactly(num)) return false;
    if ((m.op === 'min' || m.op === 'max') && num.some(hasNegativeZero)) return false;
  }
  return true;
}

type Kernel = (t: ArrivalTask) => void;

/** What the arrival kernel reads: the rows (by part), where each row's window is, and the cells' states. */
interface ArrivalTask {
  times: Float64Array[];
  lo: number;
  hi: number;
  grid: Float64Array;
  g0: number;
  slotScale: number;
  lastSlot: number;
  /** Null when every window has the same length: a slot is then a window. */
  slotWindow: Int32Array | null;
  groups: number;
  where: Where[];
  groupBy: { codes: Int32Array[]; stride: number }[];
  measures: ShardMeasure[];
  rows: Float64Array;
}

const kernels = new Map<string, Kernel>();

/** The row loop for one query shape, generated as ./kernel.ts generates the sorted one. */
function compile(t: ArrivalTask): Kernel {
  const head = [
    'const lo = t.lo, hi = t.hi, grid = t.grid, g0 = t.g0, scale = t.slotScale, last = t.lastSlot;',
    'const slotWindow = t.slotWindow, G = t.groups, rows = t.rows;',
  ];
  // Per part: its arrays, hoisted out of the row loop.
  const perPart = ['const time = t.times[p];'];
  const pass: string[] = [];
  t.where.forEach((_, j) => {
    head.push(`const wcs${j} = t.where[${j}].codes, wm${j} = t.where[${j}].mask;`);
    perPart.push(`const wc${j} = wcs${j}[p];`);
    pass.push(`if (wm${j}[wc${j}[i]] === 0) continue;`);
  });
  t.groupBy.forEach((_, j) => {
    head.push(`const gcs${j} = t.groupBy[${j}].codes, gs${j} = t.groupBy[${j}].stride;`);
    perPart.push(`const gc${j} = gcs${j}[p];`);
  });
  const cell = ['w * G', ...t.groupBy.map((_, j) => `gc${j}[i] * gs${j}`)].join(' + ');
  const adds: string[] = [];
  t.measures.forEach((m, k) => {
    const agg = aggregateByName(m.aggregate);
    if (!agg.add) return;
    head.push(`const vs${k} = t.measures[${k}].input, n${k} = t.measures[${k}].nullCode;`);
    perPart.push(`const v${k} = vs${k}[p];`);
    agg.states.forEach((_, s) => head.push(`const s${k}_${s} = t.measures[${k}].states[${s}];`));
    adds.push(
      `{ const v = v${k}[i]; ${agg.add
        .replaceAll('$v', 'v')
        .replaceAll('$c', 'c')
        .replaceAll('$null', `n${k}`)
        .replace(/\$s(\d)/g, `s${k}_$1`)} }`,
    );
  });
  const body = [
    ...head,
    'for (let p = 0; p < t.times.length; p++) {',
    ...perPart.map((l) => `  ${l}`),
    '  for (let i = 0, n = time.length; i < n; i++) {',
    '    const tm = time[i];',
    '    if (!(tm >= lo && tm < hi)) continue;',
    ...pass.map((l) => `    ${l}`),
    '    let slot = ((tm - g0) * scale) | 0;',
    '    if (slot > last) slot = last;',
    ...(t.slotWindow
      ? ['    let w = slotWindow[slot];', '    while (grid[w + 1] <= tm) w++;']
      : // The product is within a hair of the true quotient: off by one at most, next to a boundary.
        ['    let w = slot;', '    if (grid[w] > tm) w--;', '    else if (grid[w + 1] <= tm) w++;']),
    `    const c = ${cell};`,
    '    rows[c]++;',
    ...adds.map((l) => `    ${l}`),
    '  }',
    '}',
  ];
  return new Function('t', body.join('\n')) as Kernel;
}

/** A `where` condition as the kernel reads it: each part's codes, and which codes pass. */
interface Where {
  codes: Int32Array[];
  mask: Uint8Array;
}

/** The first and last instants in `[lo, hi)` whose rows pass `where`, over every part (from > to when none do). */
function passingSpan(times: Float64Array[], lo: number, hi: number, where: Where[]): { from: number; to: number } {
  let from = Infinity,
    to = -Infinity;
  for (let p = 0; p < times.length; p++) {
    const span = partSpan(times[p], lo, hi, where, p);
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

/**
 * Slots of equal width over the grid; `slotWindow[k]` is the last window starting in a slot
 * before k. The slot of an instant is computed the same way here and in the kernel, and that
 * computation never decreases as the instant grows, so a row's own window is never before its
 * slot's, whatever the rounding.
 */
function slots(grid: Float64Array): { scale: number; table: Int32Array | null; last: number } {
  const W = grid.length - 1;
  const step = grid[1] - grid[0];
  let uniform = true;
  for (let w = 1; w < W && uniform; w++) uniform = grid[w + 1] - grid[w] === step;
  if (uniform) return { scale: 1 / step, table: null, last: W - 1 };
  const count = Math.min(MAX_SLOTS, 4 * W + 16);
  const scale = count / (grid[W] - grid[0]);
  // Truncation is the floor here (never negative) and, below 2^31 slots, what the kernel's `| 0` does.
  const slotOf = (t: number) => Math.min(count - 1, ((t - grid[0]) * scale) | 0);
  const table = new Int32Array(count);
  for (let k = 0, w = 0; k < count; k++) {
    while (w + 1 < W && slotOf(grid[w + 1]) < k) w++;
    table[k] = w;
  }
  return { scale, table, last: count - 1 };
}

/**
 * The query over `enc`, a view of parts in arrival order, or null when only the sorted path
 * gives its exact result (see the header). Synchronous: nothing else touches the part meanwhile.
 */
export function executeArrival(enc: Encoded, plan: Plan, opts: ExecOptions): ColumnTable | null {
  if (!orderFree(enc, plan)) return null;
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
    ({ from, to } = passingSpan(times, lo, hi, where));
    if (from > to) return emptyTable(plan);
  }
  const grid = cappedGrid(plan.window, from, to, opts.maxCells);
  const windows = grid.length - 1;

  // The sorted path lays cells out sparsely when windows × groups far exceeds its rows: those
  // in the range and inside the grid, whether or not they pass `where`.
  const a = Math.max(lo, grid[0]),
    b = Math.min(hi, grid[windows]);
  let inGrid = 0;
  // With neither, the grid spans every row.
  if (where.length === 0 && !plan.range) inGrid = enc.n;
  else for (const time of times) for (let i = 0; i < time.length; i++) if (time[i] >= a && time[i] < b) inGrid++;
  const dims = plan.groupBy.map((c) => enc.dim(c));
  const dense = denseLayout(dims);
  if (dims.length > 0 && (windows * dense.size > opts.maxCells || windows * dense.size > 8 * inGrid + 4096)) return null;
  const layout: GroupLayout = {
    groups: dense.size,
    strides: dense.strides,
    cards: dense.cards,
    keys: null,
    cellOf: null,
    cellStart: null,
    orders: [],
  };
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
  const key = [table ? 'slots' : 'uniform', `g${dims.length}`, `w${where.length}`, ...task.measures.map((m) => m.aggregate)].join(',');
  let kernel = kernels.get(key);
  if (!kernel) kernels.set(key, (kernel = compile(task)));
  kernel(task);
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
  const view = events.arrivalView(plan.time);
  return view ? executeArrival(view, plan, opts) : null;
}
