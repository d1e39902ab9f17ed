import { gather, type Aggregate } from './types.ts';

/** `count` without a column: the cell's event count, which the kernel keeps for every query. */
export const countRows: Aggregate = {
  input: 'none',
  states: [],
  add: '',
  finalize: (_s, cells, rows) => gather(rows, cells),
};

/** `count` of a numeric column: its non-null values. */
export const countNum: Aggregate = {
  input: 'num',
  states: [{ kind: 'f64', init: 0 }],
  add: 'if ($v === $v) $s0[$c]++;',
  finalize: ([s], cells) => gather(s, cells),
};

/** `count` of any other column: its non-null values. */
export const countCode: Aggregate = {
  input: 'code',
  states: [{ kind: 'f64', init: 0 }],
  add: 'if ($v !== $null) $s0[$c]++;',
  finalize: ([s], cells) => gather(s, cells),
};
