import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/index.ts';

// Many windows and few rows: the engine numbers only the groups present ("compact" layout).
// A zero-filled result must still report every window, also when `where` keeps no row at all.
describe.each([{ workers: 0 }, { workers: 2, inlineThreshold: 0 }])('sparse grids %o', (options) => {
  const engine = createEngine(options);
  afterAll(() => engine.close());
  const range = { start: 0, end: 600_000_000 }; // 10,000 one-minute windows
  const events = [
    { ts: 90_000, ws: 'a' },
    { ts: 150_000, ws: 'b' },
  ];

  it('no groups, no matching row: every window, zero', async () => {
    const t = await engine.aggregate(events, {
      time: 'ts',
      window: 'minute',
      range,
      fill: 'zero',
      where: { ws: 'zzz' },
      measures: { n: { op: 'count' } },
    });
    expect(t.numRows()).toBe(10_000);
    expect(Array.from(t.array('n') as ArrayLike<number>).every((n) => n === 0)).toBe(true);
  });

  it('groups: every window × each group seen, in order', async () => {
    const t = await engine.aggregate(events, {
      time: 'ts',
      window: 'minute',
      range,
      fill: 'zero',
      groupBy: ['ws'],
      measures: { n: { op: 'count' } },
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
      time: 'ts',
      window: 'minute',
      range,
      fill: 'zero',
      groupBy: ['ws'],
      where: { ws: 'zzz' },
      measures: { n: { op: 'count' } },
    });
    expect(t.numRows()).toBe(0);
  });
});

describe('BigInt values (Arrow int64 columns)', () => {
  const engine = createEngine({ workers: 0 });
  afterAll(() => engine.close());

  it('are read as numbers in the time column and in summed columns', async () => {
    const t = await engine.aggregate(
      [
        { ts: 60_000n, q: 5n },
        { ts: 61_000n, q: 2 },
      ],
      {
        time: 'ts',
        window: 'minute',
        measures: { q: { op: 'sum', column: 'q' } },
      },
    );
    expect(t.objects()).toEqual([{ window_start: 60_000, window_end: 120_000, q: 7 }]);
  });

  it('beyond 2^53 are refused with a QueryError naming the row', async () => {
    await expect(
      engine.aggregate(
        [
          { ts: 0, q: 1n },
          { ts: 1, q: 2n ** 60n },
        ],
        {
          time: 'ts',
          window: 'minute',
          measures: { q: { op: 'sum', column: 'q' } },
        },
      ),
    ).rejects.toThrow("events[1].q: 1152921504606846976n is not a number (measure 'q')");
  });
});

describe('the cell cap counts the cells the data fills, not windows × every group', () => {
  // 2,000 users and 10 hourly windows would be 20,010 dense cells; 100 events fill at most 100.
  const events = Array.from({ length: 100 }, (_, i) => ({
    ts: (i % 10) * 3_600_000 + i,
    user: `u${String(i * 20).padStart(4, '0')}`,
  }));
  const users = Array.from({ length: 2000 }, (_, i) => ({ ts: 0, user: `u${String(i).padStart(4, '0')}` }));
  const table = [...events, ...users.slice(1).map((u) => ({ ...u, ts: 40 * 3_600_000 }))]; // other users, outside the range
  const range = { start: 0, end: 10 * 3_600_000 };
  const engine = createEngine({ workers: 0, maxCells: 1_000 });
  afterAll(() => engine.close());

  it('answers when the filled cells fit', async () => {
    const t = await engine.aggregate(table, {
      time: 'ts',
      window: 'hour',
      range,
      groupBy: ['user'],
      measures: { n: { op: 'count' } },
    });
    expect(t.numRows()).toBe(100);
    expect(t.objects()[0]).toEqual({ window_start: 0, window_end: 3_600_000, user: 'u0000', n: 1 });
  });

  it('zero-fill: 10 windows × 100 users seen = 1,000 cells, exactly the cap', async () => {
    const t = await engine.aggregate(table, {
      time: 'ts',
      window: 'hour',
      range,
      fill: 'zero',
      groupBy: ['user'],
      measures: { n: { op: 'count' } },
    });
    expect(t.numRows()).toBe(1_000);
  });

  it('refuses what does not fit', async () => {
    await expect(
      engine.aggregate(table, {
        time: 'ts',
        window: 'hour',
        range: { start: 0, end: 11 * 3_600_000 },
        fill: 'zero',
        groupBy: ['user'],
        measures: { n: { op: 'count' } },
      }),
    ).rejects.toThrow('plans more than 1000 cells');
  });
});

describe('sparse cells over a huge group space (301³ combinations)', () => {
  const id = (i: number) => `v${String(i).padStart(3, '0')}`;
  const events = Array.from({ length: 600 }, (_, i) => ({
    ts: (i % 7) * 3_600_000 + i,
    a: id((i * 7) % 300),
    b: id((i * 13) % 300),
    c: i % 5 ? id((i * 31) % 300) : null,
  }));
  const engine = createEngine({ workers: 0 });
  afterAll(() => engine.close());

  it('counts every (hour, a, b, c) present, in order', async () => {
    const t = await engine.aggregate(events, {
      time: 'ts',
      window: 'hour',
      groupBy: ['a', 'b', 'c'],
      measures: { n: { op: 'count' } },
    });
    // Naive: group by the window start and the three values, then order as the engine does.
    const naive = new Map<string, { window_start: number; a: string; b: string; c: string | null; n: number }>();
    for (const e of events) {
      const w = Math.floor(e.ts / 3_600_000) * 3_600_000;
      const key = JSON.stringify([w, e.a, e.b, e.c]);
      const cell = naive.get(key) ?? { window_start: w, a: e.a, b: e.b, c: e.c, n: 0 };
      cell.n++;
      naive.set(key, cell);
    }
    const cmp = (x: string | null, y: string | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1);
    const expected = [...naive.values()]
      .sort((x, y) => x.window_start - y.window_start || cmp(x.a, y.a) || cmp(x.b, y.b) || cmp(x.c, y.c))
      .map((r) => ({ window_start: r.window_start, window_end: r.window_start + 3_600_000, a: r.a, b: r.b, c: r.c, n: r.n }));
    expect(t.objects()).toEqual(expected);
  });
});

describe('calendarWindowStart (public helper) agrees with the grid', () => {
  it('Kolkata hours start at :30 UTC; a Chatham hour cut by the jump starts at the jump; New York days at local midnight', async () => {
    const { calendarWindowStart } = await import('../../src/index.ts');
    expect(calendarWindowStart(Date.parse('2026-11-01T05:10:00Z'), 'hour', 'Asia/Kolkata')).toBe(
      Date.parse('2026-11-01T04:30:00Z'),
    );
    expect(calendarWindowStart(Date.parse('2026-09-26T14:05:00Z'), 'hour', 'Pacific/Chatham')).toBe(
      Date.parse('2026-09-26T14:00:00Z'),
    );
    expect(calendarWindowStart(Date.parse('2026-03-08T18:00:00Z'), 'day', 'America/New_York')).toBe(
      Date.parse('2026-03-08T05:00:00Z'),
    );
    expect(calendarWindowStart(Date.parse('2026-11-22T12:00:00Z'), 'week', 'UTC')).toBe(Date.parse('2026-11-16T00:00:00Z'));
  });
});
