import { afterAll, describe, expect, it } from 'vitest';
import { startPool, type Pool } from '../../../src/engine/parallel/pool.ts';
import { runtimeKey } from '../../../src/runtime.ts';

describe('worker pool', () => {
  let pool: Pool | null = null;
  afterAll(async () => { await pool?.close(); });

  it('starts from source under vitest on Node (tsx loader for the .ts worker)', async () => {
    expect(runtimeKey()).toBe('node');
    pool = await startPool(2);
    expect(pool?.size).toBe(2);
  });

  it('runs a shard on a worker and writes into shared memory', async () => {
    const rows = new Float64Array(new SharedArrayBuffer(2 * 8));
    const sums = new Float64Array(new SharedArrayBuffer(2 * 8));
    const values = new Float64Array(new SharedArrayBuffer(3 * 8));
    values.set([1.5, 2, NaN]);
    const rowStart = new Float64Array(new SharedArrayBuffer(3 * 8));
    rowStart.set([0, 1, 3]);
    await pool!.run([{
      w0: 0, w1: 2, groups: 1, rowStart, groupBy: [], where: [], cellOf: null, cellStart: null, rows,
      measures: [{ aggregate: 'sum', input: values, nullCode: -1, states: [sums] }],
    }]);
    expect([...rows]).toEqual([1, 2]);
    expect([...sums]).toEqual([1.5, 2]);
  });
});
