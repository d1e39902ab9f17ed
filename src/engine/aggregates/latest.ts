import { gatherNullable, type Aggregate } from './types.ts';

// Rows reach the kernel in time order, ties in input order, so the last non-null value seen
// in a cell is the one at the greatest instant, and among equal instants the later row's.

/** Value at the greatest instant, numeric column. */
export const latestNum: Aggregate = {
  input: 'num',
  states: [{ kind: 'f64', init: NaN }],
  add: 'if ($v === $v) $s0[$c] = $v;',
  finalize: ([s], cells) => gatherNullable(s, cells),
};

/** Value at the greatest instant, any other column (kept as its dictionary code). */
export const latestCode: Aggregate = {
  input: 'code',
  states: [{ kind: 'i32', init: -1 }],
  add: 'if ($v !== $null) $s0[$c] = $v;',
  finalize: ([s], cells, _rows, decode) => Array.from(cells, (c) => (s[c] >= 0 ? decode(s[c]) : null)),
};
