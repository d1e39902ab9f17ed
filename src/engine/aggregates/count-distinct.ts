import { gather, type Aggregate } from './types.ts';

/**
 * Exact count of distinct non-null values. Not a per-row update: the kernel hands each window's
 * rows to {@link countDistinctWindow} (kernel.ts), which buckets them by group and counts with a
 * stamp per dictionary code, so no per-cell set is ever built.
 */
export const countDistinct: Aggregate = {
  input: 'code',
  states: [{ kind: 'f64', init: 0 }],
  add: '',
  finalize: ([s], cells) => gather(s, cells),
};
