import type { Aggregate } from './types.ts';

/** Mean of the non-null values (their sum over their count); null when there are none. */
export const avg: Aggregate = {
  input: 'num',
  states: [
    { kind: 'f64', init: 0 },
    { kind: 'f64', init: 0 },
  ],
  add: 'if ($v === $v) { $s0[$c] += $v; $s1[$c]++; }',
  finalize: ([s, n], cells) => Array.from(cells, (c) => (n[c] > 0 ? s[c] / n[c] : null)),
};
