import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createEngine, QueryError, type Query } from '../../../src/index.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const count = { n: { op: 'count' as const } };

describe('engine lifecycle', () => {
  it('rejects a query after close() with a clear error', async () => {
    const engine = createEngine({ workers: 0 });
    await engine.close();
    const error = await engine.aggregate([{ ts: 0 }], { time: 'ts', window: 'day', measures: count }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as Error).message).toBe('engine: is closed; create a new engine');
    expect(engine.stats()).toEqual({ queries: 0, workers: { state: 'closed', threads: 0, tasks: 0, timeouts: 0, failures: 0 } });
  });

  it('stats: workers off, idle until a query needs them, then active with the tasks they ran', async () => {
    expect(createEngine({ workers: 0 }).stats().workers.state).toBe('off');
    const engine = createEngine({ workers: 2, inlineThreshold: 0 });
    try {
      expect(engine.stats().workers).toEqual({ state: 'idle', threads: 0, tasks: 0, timeouts: 0, failures: 0 });
      const events = Array.from({ length: 1_000 }, (_, i) => ({ ts: i * 3_600_000 }));
      const t = await engine.aggregate(events, { time: 'ts', window: 'day', measures: count });
      expect(t.numRows()).toBe(42);
      const stats = engine.stats();
      expect(stats.queries).toBe(1);
      expect(stats.workers).toMatchObject({ state: 'active', threads: 2, timeouts: 0, failures: 0 });
      expect(stats.workers.tasks).toBeGreaterThanOrEqual(2); // the probe, then a shard per thread
    } finally {
      await engine.close();
    }
    expect(engine.stats().workers.state).toBe('closed');
  });

  it('close() mid-query never leaves the query pending: it answers right or rejects as closed', async () => {
    const engine = createEngine({ workers: 2, inlineThreshold: 0 });
    const events = Array.from({ length: 20_000 }, (_, i) => ({ ts: i * 60_000, g: i % 7 }));
    const query: Query = { time: 'ts', window: 'hour', groupBy: ['g'], measures: count };
    const running = [engine.aggregate(events, query), engine.aggregate(events, query)];
    await engine.close();
    for (const outcome of await Promise.allSettled(running)) {
      if (outcome.status === 'fulfilled') expect(outcome.value.numRows()).toBe(334 * 7);
      else expect(outcome.reason).toBeInstanceOf(QueryError);
    }
  });

  it('close() releases the shared state buffers kept for reuse: resident memory drops', async () => {
    const engine = createEngine({ workers: 0 });
    // 4M one-minute windows zero-filled: the count and sum states are 2 × 32 MB of shared memory.
    const range = { start: 0, end: 4_000_000 * 60_000 };
    let t: unknown = await engine.aggregate([{ ts: 0, v: 1 }], {
      time: 'ts',
      window: 'minute',
      range,
      fill: 'zero',
      measures: { v: { op: 'sum', column: 'v' } },
    });
    t = null;
    gc();
    gc();
    const before = process.memoryUsage().rss;
    await engine.close();
    gc();
    gc();
    await new Promise((r) => setTimeout(r, 50));
    const after = process.memoryUsage().rss;
    expect(t).toBeNull();
    expect(before - after).toBeGreaterThan(40 * 1024 * 1024);
  });
});
