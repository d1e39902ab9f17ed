import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/index.ts';

// Many windows and few rows: the engine numbers only the groups present ("compact" layout).
// A zero-filled result must still report every window, also when `where` keeps no row at all.
describe.each([{ workers: 0 }, { workers: 2, inlineThreshold: 0 }])('sparse grids %o', (options) => {
  const engine = createEngine(options);
  afterAll(() => engine.close());
  const range = { start: 0, end: 600_000_000 }; // 10,000 one-minute windows
  const events = [{ ts: 90_000, ws: 'a' }, { ts: 150_000, ws: 'b' }];

  it('no groups, no matching row: every window, zero', async () => {
    const t = await engine.aggregate(events, {
      time: 'ts', window: 'minute', range, fill: 'zero', where: { ws: 'zzz' }, measures: { n: { op: 'count' } },
    });
    expect(t.numRows()).toBe(10_000);
    expect(Array.from(t.array('n') as ArrayLike<number>).every((n) => n === 0)).toBe(true);
  });

  it('groups: every window × each group seen, in order', async () => {
    const t = await engine.aggregate(events, {
      time: 'ts', window: 'minute', range, fill: 'zero', groupBy: ['ws'], measures: { n: { op: 'count' } },
    });
    expect(t.numRows()).toBe(20_000);
    expect(t.objects().slice(2, 6)).toEqual([
      { window_start: 60_000, window_end: 120_000, ws: 'a', n: 1 },
      { window_start: 60_000, window_end: 120_000, ws: 'b', n: 0 },
      { window_start: 120_000, window_end: 180_000, ws: 'a', n: 0 },
      { window_start: 120_000, window_end: 180_000, ws: 'b', n: 1 },
    ]);
  });

  it('groups, no matching row: nothing to report', async () => {
    const t = await engine.aggregate(events, {
      time: 'ts', window: 'minute', range, fill: 'zero', groupBy: ['ws'], where: { ws: 'zzz' }, measures: { n: { op: 'count' } },
    });
    expect(t.numRows()).toBe(0);
  });
});

describe('BigInt values (Arrow int64 columns)', () => {
  const engine = createEngine({ workers: 0 });
  afterAll(() => engine.close());

  it('are read as numbers in the time column and in summed columns', async () => {
    const t = await engine.aggregate([{ ts: 60_000n, q: 5n }, { ts: 61_000n, q: 2 }], {
      time: 'ts', window: 'minute', measures: { q: { op: 'sum', column: 'q' } },
    });
    expect(t.objects()).toEqual([{ window_start: 60_000, window_end: 120_000, q: 7 }]);
  });

  it('beyond 2^53 are refused with a QueryError naming the row', async () => {
    await expect(engine.aggregate([{ ts: 0, q: 1n }, { ts: 1, q: 2n ** 60n }], {
      time: 'ts', window: 'minute', measures: { q: { op: 'sum', column: 'q' } },
    })).rejects.toThrow("events[1].q: 1152921504606846976n is not a number (measure 'q')");
  });
});
