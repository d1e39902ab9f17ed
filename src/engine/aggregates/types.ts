/**
 * A measure is data, in the four steps of DuckDB's and ClickHouse's aggregate functions:
 * `states` (initialise), `add` (update), merge and finalize. State is typed arrays indexed by
 * cell, so it lives in shared memory and crosses threads without cloning.
 *
 * Shards own whole windows (see execute.ts), so no cell is ever split between shards and the
 * merge step is placement: each shard writes its own slice of the same arrays. That makes a
 * result bit-for-bit identical whatever the number of workers, floating sums included.
 */

/** How the measure's column reaches the kernel: none, numbers (NaN = null) or dictionary codes. */
export type MeasureInput = 'none' | 'num' | 'code';

export interface StateSpec {
  kind: 'f64' | 'i32';
  /** Value of an empty cell. */
  init: number;
}

export interface Aggregate {
  input: MeasureInput;
  states: StateSpec[];
  /**
   * A JavaScript statement for the generated kernel: updates the state for the current row.
   * `$v` is the row's input value, `$c` the cell, `$s0`, `$s1` the state arrays, `$null` the
   * null code of a dictionary input.
   */
  add: string;
  /**
   * The reported values of `cells`, in that order; `decode` maps a dictionary code back to its
   * value. Whole columns at once: a call per cell was the slowest part of a 4M-row result.
   */
  finalize(
    states: ArrayLike<number>[],
    cells: Int32Array,
    rows: ArrayLike<number>,
    decode: (code: number) => unknown,
  ): ArrayLike<unknown>;
}

/** `out[k] = state[cells[k]]`: a measure that is never null. */
export function gather(state: ArrayLike<number>, cells: Int32Array): Float64Array {
  const out = new Float64Array(cells.length);
  for (let k = 0; k < cells.length; k++) out[k] = state[cells[k]];
  return out;
}

/** Like {@link gather}, with NaN (an empty cell) reported as null. */
export function gatherNullable(state: ArrayLike<number>, cells: Int32Array): (number | null)[] {
  const out = new Array<number | null>(cells.length);
  for (let k = 0; k < cells.length; k++) {
    const v = state[cells[k]];
    out[k] = v === v ? v : null;
  }
  return out;
}
