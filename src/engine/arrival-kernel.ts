/**
 * The arrival path's row loop (see ./execute-arrival.ts): generated per query shape, as
 * ./kernel.ts generates the sorted one, and compiled once with `new Function`. Rows come part by
 * part in arrival order; each finds its window from its instant (`slots`), its cell from its
 * window and group codes, and updates the measures' states there.
 */
import { dimensionLines, measureLines } from './kernel.ts';
import type { ShardMeasure } from './parallel/messages.ts';

/** The largest slot table, in entries (16 MiB): past it, rows step over several boundaries a slot. */
const MAX_SLOTS = 1 << 22;

/** A `where` condition as the kernel reads it: each part's codes, and which codes pass. */
export interface Where {
  codes: Int32Array[];
  mask: Uint8Array;
}

/** The row loop over one part, `p`, of the task's rows. */
type Kernel = (t: ArrivalTask, p: number) => void;

/** What the arrival kernel reads: the rows (by part), where each row's window is, and the cells' states. */
export interface ArrivalTask {
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

/**
 * The row loop for one query shape, generated as ./kernel.ts generates the sorted one: one part
 * per call. A loop over the parts inside the generated function ran 20–25% slower, optimized
 * or not, on 5M rows in 38 parts (it is only ever optimized on the stack, and leaving the first
 * part's loop reached code without type feedback, which threw the optimized code away); called
 * per part, it is optimized on the stack once and then as a whole.
 */
function compile(t: ArrivalTask, uniform: boolean, ranged: boolean): Kernel {
  const head = [
    'const lo = t.lo, hi = t.hi, grid = t.grid, g0 = t.g0, scale = t.slotScale, last = t.lastSlot;',
    'const slotWindow = t.slotWindow, G = t.groups, rows = t.rows;',
    'const time = t.times[p];',
  ];
  const { pass, cell, ...dims } = dimensionLines(t.where, t.groupBy, 'w * G');
  const measures = measureLines(t.measures);
  head.push(...dims.head, ...dims.perPart, ...measures.head, ...measures.perPart);
  const body = [
    ...head,
    'for (let i = 0, n = time.length; i < n; i++) {',
    '  const tm = time[i];',
    // Without a range every row is in it (an instant is never NaN).
    ...(ranged ? ['  if (!(tm >= lo && tm < hi)) continue;'] : []),
    ...pass.map((l) => `  ${l}`),
    '  let slot = ((tm - g0) * scale) | 0;',
    '  if (slot > last) slot = last;',
    ...(!uniform
      ? ['  let w = slotWindow[slot];', '  while (grid[w + 1] <= tm) w++;']
      : // The product is within a hair of the true quotient: off by one at most, next to a boundary.
        ['  let w = slot;', '  if (grid[w] > tm) w--;', '  else if (grid[w + 1] <= tm) w++;']),
    `  const c = ${cell};`,
    '  rows[c]++;',
    ...measures.adds.map((l) => `  ${l}`),
    '}',
  ];
  return new Function('t', 'p', body.join('\n')) as Kernel;
}

/** Runs the row loop over `t`, part by part, compiled on first use for its shape. */
export function runArrivalKernel(t: ArrivalTask): void {
  const uniform = t.slotWindow === null;
  const ranged = t.lo !== -Infinity || t.hi !== Infinity;
  const key = [
    uniform ? 'uniform' : 'slots',
    ranged ? 'ranged' : 'all',
    `g${t.groupBy.length}`,
    `w${t.where.length}`,
    ...t.measures.map((m) => m.aggregate),
  ].join(',');
  let kernel = kernels.get(key);
  if (!kernel) kernels.set(key, (kernel = compile(t, uniform, ranged)));
  for (let p = 0; p < t.times.length; p++) kernel(t, p);
}

/**
 * Slots of equal width over the grid; `slotWindow[k]` is the last window starting in a slot
 * before k. The slot of an instant is computed the same way here and in the kernel, and that
 * computation never decreases as the instant grows, so a row's own window is never before its
 * slot's, whatever the rounding.
 */
export function slots(grid: Float64Array): { scale: number; table: Int32Array | null; last: number } {
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
