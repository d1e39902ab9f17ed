import { gatherNullable, type Aggregate } from './types.ts';

// The state starts as NaN; `!(s <= v)` is true for NaN, so the first value always lands.
/** Smallest non-null value; null for an empty cell. */
export const min: Aggregate = {
  input: 'num',
  states: [{ kind: 'f64', init: NaN }],
  add: 'if ($v === $v && !($s0[$c] <= $v)) $s0[$c] = $v;',
  finalize: ([s], cells) => gatherNullable(s, cells),
};
