/**
 * What the first query in arrival order (../execute-arrival.ts) checks of every row before it
 * reads them — the span of the instants, whether a number column's sums are exact in any order,
 * whether it holds a -0 — summed up per chunk where the chunk is made. A file scan computes them
 * right after each chunk, on the thread that read it (../../io/scan/task.ts), so the calling
 * thread, which otherwise made these passes over every row after the last chunk came in, reads a
 * few numbers.
 */
import type { ColumnChunk } from './chunk.ts';

/** One number column's summary: values that are not NaN. */
export interface NumberStats {
  /** Every value is a whole number (or ±Infinity). */
  whole: boolean;
  /** The sum of their magnitudes (meaningful when `whole`). */
  absSum: number;
  /** Some value is -0. */
  negativeZero: boolean;
}

/** A chunk's summary (its rows as they are: n instants, each column's first n values). */
export interface ChunkStats {
  timeMin: number;
  timeMax: number;
  numbers: Map<string, NumberStats>;
}

/**
 * Summaries a column's writer made as it wrote the values, by the values' array: {@link chunkStats}
 * takes them instead of passing over the array again. A writer registers an array only once it
 * is final (a chunk's columns are not written to afterwards).
 */
const known = new WeakMap<Float64Array, NumberStats>();

/** Registers `values`' summary, made by its writer (see `known`). */
export function knowStats(values: Float64Array, stats: NumberStats): void {
  known.set(values, stats);
}

/**
 * Summary of `n` integers (an integer column of a file, before it becomes Float64): whole, no -0,
 * and the sum of magnitudes in an integer loop, several times faster than {@link numberStats}
 * over the same values as doubles. The same sum in the same order: exact while below 2^53
 * (integers), and at or above it once the true sum is, which is all it is checked against.
 */
export function integerStats(values: ArrayLike<number>, n: number): NumberStats {
  let absSum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    absSum += v < 0 ? -v : v;
  }
  return { whole: true, absSum, negativeZero: false };
}

/** Summary of one number column's first `n` values. */
export function numberStats(values: Float64Array, n: number): NumberStats {
  let whole = true,
    absSum = 0,
    negativeZero = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (v !== Math.trunc(v)) whole = false;
    else absSum += Math.abs(v);
    if (v === 0 && 1 / v < 0) negativeZero = true;
  }
  return { whole, absSum, negativeZero };
}

/**
 * The chunk's summary.
 *
 * @example
 * chunkStats({ n: 2, time: Float64Array.of(20, 10), columns: new Map([['q', { kind: 'number', values: Float64Array.of(1, -0) }]]) });
 * // → { timeMin: 10, timeMax: 20, numbers: Map { 'q' => { whole: true, absSum: 1, negativeZero: true } } }
 */
export function chunkStats(chunk: ColumnChunk): ChunkStats {
  const { timeMin, timeMax } = span(chunk.time, chunk.n);
  const numbers = new Map<string, NumberStats>();
  for (const [name, col] of chunk.columns) {
    if (col.kind === 'number') numbers.set(name, known.get(col.values) ?? numberStats(col.values, chunk.n));
  }
  return { timeMin, timeMax, numbers };
}

// The loop has a function of its own: optimized on the stack mid-loop, a function that went on to
// build the Map (never run before that optimization) was thrown away there on every call.
function span(time: Float64Array, n: number): { timeMin: number; timeMax: number } {
  let timeMin = Infinity,
    timeMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (t < timeMin) timeMin = t;
    if (t > timeMax) timeMax = t;
  }
  return { timeMin, timeMax };
}

// Run once on a few values, so the loop's first optimization (on the stack, a chunk's first
// rows in) has seen the code after it: unseen, that code threw the optimized loop away at
// the loop's end, and the next chunk started over unoptimized.
for (let k = 0; k < 12; k++) span(Float64Array.of(2, 1, 3), 3);
