import { gather, type Aggregate } from './types.ts';

/** Sum of the non-null values; 0 for an empty cell. */
export const sum: Aggregate = {
  input: 'num',
  states: [{ kind: 'f64', init: 0 }],
  add: 'if ($v === $v) $s0[$c] += $v;',
  finalize: ([s], cells) => gather(s, cells),
};
