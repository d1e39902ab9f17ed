/**
 * The SQL that gives each event the index of its window in the grid the engine built.
 *
 * The grid (window boundaries, ascending epoch ms) is the single source of calendar truth, so
 * the server never does calendar or time-zone work and its own zone database cannot disagree
 * with the engine's. Per row the cost is a subtraction and an integer division, plus, for a grid
 * whose windows differ in length (months, days across DST), two constant-array lookups:
 *
 *  - uniform grid (fixed windows, UTC hours and days, 'none'): `intDiv(ts - g0, step)`;
 *  - otherwise the span is cut into equal buckets of Q ms; `lut[k]` is the window holding bucket
 *    k's start, and since Q is chosen so that at most `m` boundaries fall inside a bucket, the
 *    window is `lut[k]` plus how many of the next `m` boundaries `ts` has reached. Q is the
 *    shortest window when that keeps the table small (then m = 1), else coarser with larger m.
 *
 * Offsets are relative to g0 so every array holds non-negative integers (18.16 has no common
 * type for a mix of Int64 and UInt64 literals). `arrayFirstIndex` with a lambda would be the
 * obvious search, but it is linear in the grid per row: minutes, not milliseconds, at 10M rows.
 */
import { windowIndex } from '../engine/windows.ts';
import { sqlInteger } from './literals.ts';

/** Lookup tables larger than this many entries use coarser buckets (and more comparisons). */
const MIN_LUT_LIMIT = 4096;
/** Past the last boundary; compares greater than any offset an event can have. */
const SENTINEL = '9223372036854775807';

/** How window indices are found for one grid; evaluated per row by the SQL {@link windowIndexSql} writes. */
export type WindowLookup =
  | { kind: 'single' }
  | { kind: 'uniform'; step: number }
  /** Bucket k = floor(offset / q); window = lut[k] + #{ j in 1..m : offset >= offsets[lut[k] + j] }. */
  | { kind: 'buckets'; q: number; lut: number[]; offsets: number[]; m: number };

/** The lookup for a grid of whole-millisecond boundaries. */
export function windowLookup(grid: Float64Array): WindowLookup {
  const n = grid.length - 1;
  if (n <= 1) return { kind: 'single' };
  const g0 = grid[0],
    span = grid[n] - g0;
  let minLen = Infinity,
    uniform = true;
  for (let i = 0; i < n; i++) {
    const len = grid[i + 1] - grid[i];
    if (len !== grid[1] - g0) uniform = false;
    if (len < minLen) minLen = len;
  }
  if (uniform) return { kind: 'uniform', step: minLen };
  const q = Math.max(minLen, Math.ceil(span / Math.max(MIN_LUT_LIMIT, 4 * n)));
  const lut = new Array<number>(Math.ceil(span / q));
  let m = 1;
  for (let k = 0; k < lut.length; k++) {
    lut[k] = windowIndex(grid, g0 + k * q);
    m = Math.max(m, windowIndex(grid, Math.min(g0 + (k + 1) * q, grid[n]) - 1) - lut[k]);
  }
  return { kind: 'buckets', q, lut, offsets: Array.from(grid, (b) => b - g0), m };
}

export interface WindowSql {
  /** `WITH` entries (`expr AS name`) the expression refers to. */
  with: string[];
  /** The window index (0-based) of the event whose offset from grid[0] is in column `offset`. */
  index: string;
}

/**
 * @param offset SQL for `ts - grid[0]` (an alias); the caller keeps events to [grid[0], grid[n]).
 * @example windowIndexSql('__ua_d', Float64Array.of(0, 3_600_000, 7_200_000)).index
 * // 'intDiv(__ua_d, 3600000)'
 */
export function windowIndexSql(offset: string, grid: Float64Array): WindowSql {
  const lookup = windowLookup(grid);
  if (lookup.kind === 'single') return { with: [], index: '0' };
  if (lookup.kind === 'uniform') return { with: [], index: `intDiv(${offset}, ${sqlInteger(lookup.step)})` };
  const { q, lut, offsets, m } = lookup;
  const padded = [...offsets.map(sqlInteger), ...Array<string>(m).fill(SENTINEL)];
  // arrayElement is 1-based: the boundary after window b is offsets[b + 1] (0-based) = element b + 2.
  const steps = Array.from({ length: m }, (_, j) => `(${offset} >= arrayElement(__ua_offsets, __ua_b + ${j + 2}))`);
  return {
    with: [
      `[${lut.join(',')}] AS __ua_lut`,
      `[${padded.join(',')}] AS __ua_offsets`,
      `arrayElement(__ua_lut, intDiv(${offset}, ${sqlInteger(q)}) + 1) AS __ua_b`,
    ],
    index: `__ua_b + ${steps.join(' + ')}`,
  };
}
