/**
 * The time sort of ./sort.ts (with `inverse`) on several threads: the same LSD radix passes on
 * the same 11-bit digits, each pass split into equal slices of the rows, one per thread. A
 * slice's keys of a bucket go after those of every earlier slice, so the sort stays stable
 * (equal instants keep input order) and its result is exactly the one-thread sort's.
 *
 * Each round is one task per slice on the engine's pool, over shared memory: the slices' least
 * and greatest instants, then their digit counts, then one round per pass. A pass counts the
 * next pass's digits by output slice as it writes, so no round reads the keys only to count.
 * At 5M events this takes the ≈ 190 ms the sort spends on the main thread after a file scan
 * down by about the number of threads, while the threads that scanned would otherwise idle.
 *
 * Anything the radix sort does not take (fractional instants, a span of 2^48 ms or more) is
 * sorted on one thread by ./sort.ts, as is an input already in order (returned as it is).
 */
import { sharedBuffer } from './buffers.ts';
import { RADIX, type RangeStats, type ScatterRange } from './radix-range.ts';
import type { SortedTimes } from './sort.ts';

const TWO_48 = 281_474_976_710_656;

/** A task of the parallel sort, run by the store's worker (or inline, in tests). */
export type RadixTask =
  | { kind: 'radix-stats'; keys: Float64Array; from: number; to: number }
  | { kind: 'radix-hist'; keys: Float64Array; from: number; to: number; min: number }
  | ({ kind: 'radix-scatter' } & ScatterRange)
  | { kind: 'sort'; time: Float64Array };

/** Runs a round of tasks, one per slice, and hands back their answers in task order. */
export type RunRound = (tasks: RadixTask[]) => Promise<unknown[]>;

/**
 * Sorts shared-memory instants stably on `threads` slices, as `sortTimes(t, true)` does (the
 * same result: sorted times, each input row's sorted position, the spent scratch arrays).
 *
 * @example
 * const sorted = await sortTimesParallel(times, 2, (tasks) => pool.run(tasks, { filename: STORE_WORKER }));
 * sorted.time; // ascending; sorted.inv[i] is where input row i went
 */
export async function sortTimesParallel(t: Float64Array, threads: number, run: RunRound): Promise<SortedTimes> {
  const n = t.length;
  const slices = Math.max(1, Math.min(threads, n));
  const slice = Math.ceil(n / slices);
  const ranges = Array.from({ length: slices }, (_, s) => [s * slice, Math.min(n, (s + 1) * slice)] as const);

  const stats = (await run(ranges.map(([from, to]) => ({ kind: 'radix-stats', keys: t, from, to })))) as RangeStats[];
  let min = Infinity,
    max = -Infinity,
    integral = true,
    sorted = true;
  stats.forEach((s, i) => {
    if (s.min < min) min = s.min;
    if (s.max > max) max = s.max;
    integral &&= s.integral;
    sorted &&= s.sorted && (i === 0 || t[ranges[i][0] - 1] <= t[ranges[i][0]]);
  });
  if (sorted) return { time: t, perm: null, inv: null };
  if (!integral || max - min >= TWO_48) return (await run([{ kind: 'sort', time: t }]))[0] as SortedTimes;

  const hists = (await run(ranges.map(([from, to]) => ({ kind: 'radix-hist', keys: t, from, to, min })))) as Uint32Array[];
  const passes = [0, 1, 2, 3, 4].filter((d) => {
    for (let b = 0; b < RADIX; b++) {
      let c = 0;
      for (const h of hists) c += h[d * RADIX + b];
      if (c === n) return false;
    }
    return true;
  });
  // counts[s][b]: keys of bucket b in slice s for the coming pass.
  let counts = ranges.map((_, s) => hists[s].subarray(passes[0] * RADIX, (passes[0] + 1) * RADIX));

  const rows = () => new Uint32Array(sharedBuffer(n * 4));
  let keys = t,
    keysOut = new Float64Array(sharedBuffer(n * 8));
  let idx: Uint32Array | null = null;
  let free: Uint32Array | null = null; // a row array no pass reads any more
  let inv: Uint32Array | null = null;
  let lastRead: Uint32Array | null = null;
  const last = passes.length - 1;
  for (let k = 0; k <= last; k++) {
    const offsets = ranges.map(() => new Uint32Array(RADIX));
    for (let b = 0, sum = 0; b < RADIX; b++) {
      for (let s = 0; s < slices; s++) {
        offsets[s][b] = sum;
        sum += counts[s][b];
      }
    }
    let idxOut: Uint32Array | null = null;
    if (k === last) {
      // As on one thread: the row array this pass does not read becomes the inverse.
      inv = free ?? rows();
      lastRead = idx;
    } else idxOut = free ?? rows();
    const next = k < last ? passes[k + 1] : -1;
    const tasks: RadixTask[] = ranges.map(([from, to], s) => ({
      kind: 'radix-scatter',
      keys,
      idx,
      keysOut,
      idxOut,
      inv: k === last ? inv : null,
      from,
      to,
      min,
      digit: passes[k],
      offsets: offsets[s],
      next,
      slice,
      slices,
    }));
    const nextCounts = (await run(tasks)) as Uint32Array[];
    if (next >= 0) {
      counts = ranges.map((_, s) => {
        const c = new Uint32Array(RADIX);
        for (const from of nextCounts) for (let b = 0; b < RADIX; b++) c[b] += from[s * RADIX + b];
        return c;
      });
    }
    [keys, keysOut] = [keysOut, keys];
    free = idx;
    idx = idxOut;
  }
  return { time: keys, perm: null, inv, spare: { keys: keysOut, rows: lastRead } };
}
