/**
 * Reading several time-sorted parts as one sequence. Events that were loaded and then appended
 * to live in several parts (see store/events.ts), each sorted by time; a query must still visit
 * the rows of every cell in (time, arrival) order, or floating sums and `latest` would depend on
 * how the events were split. Parts are kept in arrival order, so on equal instants the earlier
 * part's rows come first.
 *
 * Rather than materialising the merged order, each window's rows are described as runs: stretches
 * of consecutive rows of one part that come next in the merged order. Parts rarely interleave at
 * fine grain (appends are mostly recent events), so a window is usually one run per part, and a
 * single part is exactly one run per window: the kernel's inner loop is the same tight loop over
 * one part's arrays as before. Runs are found by a k-way merge that jumps by binary search.
 */
import { sharedBuffer } from './buffers.ts';

/** A query's rows in merged order: window w is runs `[runStart[w], runStart[w + 1])`. */
export interface RowRuns {
  /** Rows before window w, over every part (`rowStart[0]` is 0): the merged position of its first row. */
  rowStart: Float64Array;
  runStart: Float64Array;
  /** Run r is rows `[runFrom[r], runTo[r])` of part `runPart[r]`. */
  runPart: Int32Array;
  runFrom: Float64Array;
  runTo: Float64Array;
}

/** First index in sorted `a` (within [lo, hi)) whose value is ≥ x. */
export function lowerBound(a: Float64Array, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in sorted `a` (within [lo, hi)) whose value is > x. */
function upperBound(a: Float64Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class Growable {
  part = new Int32Array(64);
  from = new Float64Array(64);
  to = new Float64Array(64);
  length = 0;
  push(p: number, a: number, e: number): void {
    if (this.length === this.part.length) {
      const n = this.length * 2;
      const part = new Int32Array(n),
        from = new Float64Array(n),
        to = new Float64Array(n);
      part.set(this.part);
      from.set(this.from);
      to.set(this.to);
      this.part = part;
      this.from = from;
      this.to = to;
    }
    this.part[this.length] = p;
    this.from[this.length] = a;
    this.to[this.length++] = e;
  }
}

function shared<T extends Float64Array | Int32Array>(src: T, n: number): T {
  const out = (src instanceof Int32Array ? new Int32Array(sharedBuffer(n * 4)) : new Float64Array(sharedBuffer(n * 8))) as T;
  out.set(src.subarray(0, n));
  return out;
}

/**
 * The runs of every window of `grid` (boundaries, ascending), over the rows `[lo[p], hi[p])` of
 * each part's `times`.
 *
 * @example
 * const r = rowRuns([Float64Array.of(1, 5), Float64Array.of(3)], Float64Array.of(0, 10), [0, 0], [2, 1]);
 * // r.runPart [0, 1, 0], r.runFrom [0, 0, 1], r.runTo [1, 1, 2], r.rowStart [0, 3]
 */
export function rowRuns(times: Float64Array[], grid: Float64Array, lo: number[], hi: number[]): RowRuns {
  const W = grid.length - 1,
    P = times.length;
  const rowStart = new Float64Array(sharedBuffer((W + 1) * 8));
  const runStart = new Float64Array(sharedBuffer((W + 1) * 8));
  const runs = new Growable();
  // Each part's first row of the current window; the window's end is found as we go.
  const at = times.map((t, p) => Math.min(hi[p], Math.max(lo[p], lowerBound(t, grid[0], lo[p], hi[p]))));
  const end = new Array<number>(P);
  let total = 0;
  for (let w = 0; w < W; w++) {
    rowStart[w] = total;
    runStart[w] = runs.length;
    let live = 0,
      only = -1;
    for (let p = 0; p < P; p++) {
      end[p] = Math.min(hi[p], Math.max(at[p], lowerBound(times[p], grid[w + 1], at[p], hi[p])));
      if (end[p] > at[p]) {
        live++;
        only = p;
        total += end[p] - at[p];
      }
    }
    if (live === 1) {
      runs.push(only, at[only], end[only]);
      at[only] = end[only];
    } else if (live > 1) {
      mergeWindow(times, at, end, runs);
    }
  }
  rowStart[W] = total;
  runStart[W] = runs.length;
  return {
    rowStart,
    runStart,
    runPart: shared(runs.part, runs.length),
    runFrom: shared(runs.from, runs.length),
    runTo: shared(runs.to, runs.length),
  };
}

/** Emits the runs of one window whose rows are `[at[p], end[p])` of each part; advances `at`. */
function mergeWindow(times: Float64Array[], at: number[], end: number[], runs: Growable): void {
  const P = times.length;
  for (;;) {
    // The head that comes first (earliest instant, then earliest part), and the one after it.
    let best = -1,
      next = -1;
    for (let p = 0; p < P; p++) {
      if (at[p] >= end[p]) continue;
      if (best < 0 || times[p][at[p]] < times[best][at[best]]) {
        next = best;
        best = p;
      } else if (next < 0 || times[p][at[p]] < times[next][at[next]]) next = p;
    }
    if (best < 0) return;
    if (next < 0) {
      runs.push(best, at[best], end[best]);
      at[best] = end[best];
      return;
    }
    // `best`'s rows come first while they are earlier than `next`'s head, or equal to it and
    // `best` arrived first (a lower part index).
    const t2 = times[next][at[next]];
    const stop =
      best < next ? upperBound(times[best], t2, at[best], end[best]) : lowerBound(times[best], t2, at[best], end[best]);
    runs.push(best, at[best], stop);
    at[best] = stop;
  }
}
