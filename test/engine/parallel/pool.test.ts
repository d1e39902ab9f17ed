import { afterAll, describe, expect, it, vi } from 'vitest';
import { poolLifecycle } from '../../../src/engine/parallel/lifecycle.ts';
import { startPool, type Pool } from '../../../src/engine/parallel/pool.ts';
import { QueryError } from '../../../src/index.ts';
import { runtimeKey } from '../../../src/runtime.ts';

const FAULTY = new URL('./fixtures/faulty-worker.ts', import.meta.url).href;

async function started(size: number, options: Parameters<typeof startPool>[1]): Promise<Pool> {
  const pool = await startPool(size, options);
  if ('error' in pool) throw new Error(pool.error);
  return pool;
}

describe('worker pool', () => {
  let pool: Pool | null = null;
  afterAll(async () => {
    await pool?.close();
  });

  it('starts from source under vitest on Node (tsx loader for the .ts worker)', async () => {
    expect(runtimeKey()).toBe('node');
    pool = await started(2, { taskTimeoutMs: 60_000 });
    expect(pool.size).toBe(2);
  });

  it('runs a shard on a worker and writes into shared memory', async () => {
    const rows = new Float64Array(new SharedArrayBuffer(2 * 8));
    const sums = new Float64Array(new SharedArrayBuffer(2 * 8));
    const values = new Float64Array(new SharedArrayBuffer(3 * 8));
    values.set([1.5, 2, NaN]);
    const rowStart = new Float64Array(new SharedArrayBuffer(3 * 8));
    rowStart.set([0, 1, 3]);
    // One part: window w is one run, rows [rowStart[w], rowStart[w + 1]).
    const runStart = Float64Array.of(0, 1, 2),
      runPart = Int32Array.of(0, 0);
    const runFrom = Float64Array.of(0, 1),
      runTo = Float64Array.of(1, 3);
    await pool!.run([
      {
        w0: 0,
        w1: 2,
        groups: 1,
        rowStart,
        runStart,
        runPart,
        runFrom,
        runTo,
        groupBy: [],
        where: [],
        cellOf: null,
        cellStart: null,
        rows,
        measures: [{ aggregate: 'sum', input: [values], nullCode: -1, codes: 0, states: [sums] }],
      },
    ]);
    expect([...rows]).toEqual([1, 2]);
    expect([...sums]).toEqual([1.5, 2]);
    expect(pool!.counters).toEqual({ tasks: 1, timeouts: 0, failures: 0 });
  });

  it('discard moves the buffers to a thread (they are detached here) and leaves the pool working', async () => {
    const buffers = [new ArrayBuffer(1 << 20), new Float64Array(1000).buffer];
    pool!.discard(buffers);
    expect(buffers.map((b) => b.byteLength)).toEqual([0, 0]);
    // Not a query's task: the counters stay as they were, and the next shard runs as ever.
    expect(pool!.counters.tasks).toBe(1);
    const rows = new Float64Array(new SharedArrayBuffer(8));
    const rowStart = new Float64Array(new SharedArrayBuffer(2 * 8));
    rowStart.set([0, 2]);
    await pool!.run([
      {
        w0: 0,
        w1: 1,
        groups: 1,
        rowStart,
        runStart: Float64Array.of(0, 1),
        runPart: Int32Array.of(0),
        runFrom: Float64Array.of(0),
        runTo: Float64Array.of(2),
        groupBy: [],
        where: [],
        cellOf: null,
        cellStart: null,
        rows,
        measures: [],
      },
    ]);
    expect([...rows]).toEqual([2]);
  });
});

describe('worker faults', () => {
  it('a wedged worker: the task timeout rejects the query and replaces the worker', async () => {
    const pool = await started(1, { taskTimeoutMs: 2_000, filename: FAULTY });
    try {
      const error = await pool.run([{ fault: 'wedge' }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryError);
      expect((error as Error).message).toBe(
        'query: a worker task ran past the task timeout (2000 ms) and was stopped; its worker was replaced',
      );
      // The one thread was replaced: the pool still answers.
      expect(await pool.run([{}, {}])).toEqual(['ok', 'ok']);
      expect(pool.counters).toEqual({ tasks: 3, timeouts: 1, failures: 0 });
    } finally {
      await pool.close();
    }
  });

  it('a worker killed mid-query rejects that query only', async () => {
    const pool = await started(2, { taskTimeoutMs: 60_000, filename: FAULTY });
    try {
      const error = await pool.run([{}, { fault: 'exit' }]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryError);
      expect((error as Error).message).toMatch(/^query: a worker thread failed mid-query \(.+\); the pool replaced it$/);
      await expect(pool.run([{ fault: 'throw' }])).rejects.toThrow(
        'query: a worker thread failed mid-query (boom); the pool replaced it',
      );
      expect(await pool.run([{}, {}, {}])).toEqual(['ok', 'ok', 'ok']);
      expect(pool.counters.failures).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('close() mid-query rejects the running query as closed', async () => {
    const pool = await started(1, { taskTimeoutMs: 60_000, filename: FAULTY });
    const running = pool.run([{ fault: 'wedge' }]).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await pool.close();
    const error = await running;
    expect(error).toBeInstanceOf(QueryError);
    expect((error as Error).message).toBe('engine: was closed while the query ran');
  });

  it('a missing worker file: no pool, one warning, no unhandled error; the engine stays inline', async () => {
    const missing = new URL('./fixtures/no-such-worker.ts', import.meta.url).href;
    const result = await startPool(2, { taskTimeoutMs: 1_000, filename: missing });
    expect(result).toEqual({ error: expect.any(String) });
    const warn = vi.fn();
    const life = poolLifecycle({ workers: 2, taskTimeoutMs: 1_000, filename: missing, warn });
    expect(await life.get()).toBeNull();
    expect(await life.get()).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/^worker threads could not start \(.+\); every query runs inline$/);
    expect(life.stats()).toEqual({ state: 'unavailable', threads: 0, tasks: 0, timeouts: 0, failures: 0 });
    await life.close();
  });
});
