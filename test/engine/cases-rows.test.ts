/**
 * Hand-worked engine cases about rows rather than windows: measures, where, fill, range, the
 * forms events and instants come in, row order, empty results. UTC hour windows throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { createEngine } from '../../src/engine/engine.ts';
import type { Query } from '../../src/engine/types.ts';
import type { Engine, EngineOptions, Events } from '../../src/engine/engine.ts';

const Z = (iso: string) => Date.parse(iso);
const h0 = Z('2026-01-01T00:00:00Z'),
  h1 = Z('2026-01-01T01:00:00Z'),
  h2 = Z('2026-01-01T02:00:00Z'),
  h3 = Z('2026-01-01T03:00:00Z');
const count = { n: { op: 'count' } } as const;

describe.each<EngineOptions>([{ workers: 0 }, { workers: 2, inlineThreshold: 0 }])('engine %o', (options) => {
  let engine: Engine;
  beforeAll(() => {
    engine = createEngine(options);
  });
  afterAll(async () => {
    await engine?.close();
  });
  const run = async (events: Events, query: Query) => (await engine.aggregate(events, query)).objects() as Record<string, any>[];

  describe('measures', () => {
    const events = [
      { ts: h0 + 10, region: 'eu', user: 'a', qty: 5 },
      { ts: h0 + 20, region: 'eu', user: null, qty: null },
      { ts: h0 + 20, region: 'eu', user: 'c', qty: 7 },
      { ts: h0 + 5, region: 'eu', user: 'a', qty: undefined },
      { ts: h0 + 30, region: 'us', user: undefined, qty: 2.5 },
      { ts: h0 + 40, region: 'us', user: 'b', qty: -4 },
      { ts: h0 + 40, region: 'us', user: 'd', qty: NaN },
    ];
    const measures: Query['measures'] = {
      n: { op: 'count' },
      q: { op: 'count', column: 'qty' },
      s: { op: 'sum', column: 'qty' },
      lo: { op: 'min', column: 'qty' },
      hi: { op: 'max', column: 'qty' },
      avg: { op: 'avg', column: 'qty' },
      users: { op: 'countDistinct', column: 'user' },
      last: { op: 'latest', column: 'user' },
      lastQty: { op: 'latest', column: 'qty' },
    };

    it('all seven ops skip null, undefined and NaN; latest breaks a tie by the later row', async () => {
      expect(await run(events, { time: 'ts', window: 'hour', groupBy: ['region'], measures })).toEqual([
        // eu: qty 5, null, 7, undefined → 2 values, sum 12, avg 6; users a, null, c, a → 2 distinct;
        // latest user: +20 ms has null and 'c' (rows 2, 3) → 'c'; latest qty: +20 → 7 (row 3; row 2 is null).
        {
          window_start: h0,
          window_end: h1,
          region: 'eu',
          n: 4,
          q: 2,
          s: 12,
          lo: 5,
          hi: 7,
          avg: 6,
          users: 2,
          last: 'c',
          lastQty: 7,
        },
        // us: qty 2.5, -4, NaN → sum -1.5, avg -0.75; users undefined, b, d → 2; +40 ms tie b/d → 'd';
        // latest qty: +40 has -4 and NaN (skipped) → -4.
        {
          window_start: h0,
          window_end: h1,
          region: 'us',
          n: 3,
          q: 2,
          s: -1.5,
          lo: -4,
          hi: 2.5,
          avg: -0.75,
          users: 2,
          last: 'd',
          lastQty: -4,
        },
      ]);
    });

    it('countDistinct is exact and strict: 1 and "1" are two values, null is none', async () => {
      const ev = [1, '1', 1, null, 'a', 'A', true, undefined, 'a'].map((v, i) => ({ ts: h0 + i, v }));
      expect(
        await run(ev, {
          time: 'ts',
          window: 'hour',
          measures: { d: { op: 'countDistinct', column: 'v' }, c: { op: 'count', column: 'v' } },
        }),
      ).toEqual([{ window_start: h0, window_end: h1, d: 5, c: 7 }]); // 1, '1', 'a', 'A', true
    });

    it('an empty zero-filled cell has sum 0, count 0, countDistinct 0 and null min, max, avg, latest', async () => {
      expect(await run(events, { time: 'ts', window: 'hour', fill: 'zero', range: { start: h1, end: h2 }, measures })).toEqual([
        {
          window_start: h1,
          window_end: h2,
          n: 0,
          q: 0,
          s: 0,
          lo: null,
          hi: null,
          avg: null,
          users: 0,
          last: null,
          lastQty: null,
        },
      ]);
    });
  });

  describe('where', () => {
    const events = [
      { ts: h0, region: 'eu', plan: 1 },
      { ts: h0, region: 'us', plan: '1' },
      { ts: h0, region: null, plan: 2 },
      { ts: h0, region: undefined, plan: null },
      { ts: h0, region: 'ap', plan: 1 },
    ];
    const n = async (where: Query['where']) =>
      (await run(events, { time: 'ts', window: 'hour', where, measures: count })).map((r) => r.n);

    it('a value is strict equality', async () => {
      expect(await n({ region: 'eu' })).toEqual([1]);
      expect(await n({ plan: 1 })).toEqual([2]); // rows 1 and 5, not the string '1'
      expect(await n({ plan: '1' })).toEqual([1]);
    });
    it('a list is IN; a null in the list matches null and undefined', async () => {
      expect(await n({ region: ['eu', 'us'] })).toEqual([2]);
      expect(await n({ region: ['eu', null] })).toEqual([3]);
    });
    it('{ not } lets nulls pass unless null is listed', async () => {
      expect(await n({ region: { not: ['eu'] } })).toEqual([4]);
      expect(await n({ region: { not: ['eu', null] } })).toEqual([2]);
    });
    it('null is IS NULL; conditions on several columns all apply', async () => {
      expect(await n({ region: null })).toEqual([2]);
      expect(await n({ region: ['eu', 'ap'], plan: 1 })).toEqual([2]);
      expect(await n({ region: 'eu', plan: 2 })).toEqual([]);
    });
  });

  it('fill zero gives every window of the range × every group with an event in range after where', async () => {
    const events = [
      { ts: Z('2026-01-01T01:10:00Z'), region: 'us', qty: 3 },
      { ts: Z('2026-01-01T00:50:00Z'), region: 'eu', qty: 1 },
      { ts: Z('2026-01-01T05:00:00Z'), region: 'ap', qty: 9 }, // outside the range: no 'ap' rows
      { ts: Z('2026-01-01T00:20:00Z'), region: 'sa', qty: 9 }, // removed by where: no 'sa' rows
      { ts: Z('2026-01-01T02:30:00Z'), region: 'eu', qty: 2 },
    ];
    expect(
      await run(events, {
        time: 'ts',
        window: 'hour',
        groupBy: ['region'],
        fill: 'zero',
        where: { region: { not: ['sa'] } },
        range: { start: h0, end: h3 },
        measures: { qty: { op: 'sum', column: 'qty' }, top: { op: 'max', column: 'qty' } },
      }),
    ).toEqual([
      { window_start: h0, window_end: h1, region: 'eu', qty: 1, top: 1 },
      { window_start: h0, window_end: h1, region: 'us', qty: 0, top: null },
      { window_start: h1, window_end: h2, region: 'eu', qty: 0, top: null },
      { window_start: h1, window_end: h2, region: 'us', qty: 3, top: 3 },
      { window_start: h2, window_end: h3, region: 'eu', qty: 2, top: 2 },
      { window_start: h2, window_end: h3, region: 'us', qty: 0, top: null },
    ]);
  });

  it('the range is half-open: an event at start counts, one at end does not', async () => {
    const start = Z('2026-01-01T00:30:00Z'),
      end = Z('2026-01-01T01:30:00Z');
    const events = [start - 1, start, end - 1, end].map((ts) => ({ ts }));
    // Windows 00:00 and 01:00 are reported whole, but only the events inside [start, end) count.
    expect(await run(events, { time: 'ts', window: 'hour', range: { start, end }, measures: count })).toEqual([
      { window_start: h0, window_end: h1, n: 1 },
      { window_start: h1, window_end: h2, n: 1 },
    ]);
  });

  it('events as records, aq.table and aq.from give the same rows', async () => {
    const records = [
      { ts: h0 + 1, k: 'b', v: 2 },
      { ts: h1 + 1, k: 'a', v: 3 },
      { ts: h0 + 2, k: 'a', v: 4 },
      { ts: h0 + 3, k: 'b', v: 8 },
    ];
    const expected = [
      { window_start: h0, window_end: h1, k: 'a', v: 4 },
      { window_start: h0, window_end: h1, k: 'b', v: 10 },
      { window_start: h1, window_end: h2, k: 'a', v: 3 },
    ];
    const q: Query = { time: 'ts', window: 'hour', groupBy: ['k'], measures: { v: { op: 'sum', column: 'v' } } };
    expect(await run(records, q)).toEqual(expected);
    expect(await run(aq.from(records), q)).toEqual(expected);
    expect(await run(aq.table({ ts: [h0 + 1, h1 + 1, h0 + 2, h0 + 3], k: ['b', 'a', 'a', 'b'], v: [2, 3, 4, 8] }), q)).toEqual(
      expected,
    );
  });

  it('the time column takes epoch ms, ISO strings with Z or an offset, and Dates, also mixed', async () => {
    const times = [
      '2026-01-01T05:30:00+05:30', // 00:00Z
      '2025-12-31T20:15:00-04:00', // 00:15Z
      new Date(Z('2026-01-01T00:45:00Z')),
      Z('2026-01-01T01:00:00Z'),
      '2026-01-01T01:10:00.250Z',
    ];
    const q: Query = { time: 't', window: 'hour', measures: { n: { op: 'count' }, last: { op: 'latest', column: 'i' } } };
    const expected = [
      { window_start: h0, window_end: h1, n: 3, last: 2 },
      { window_start: h1, window_end: h2, n: 2, last: 4 },
    ];
    expect(
      await run(
        times.map((t, i) => ({ t, i })),
        q,
      ),
    ).toEqual(expected);
    expect(await run(aq.table({ t: times, i: [0, 1, 2, 3, 4] }), q)).toEqual(expected);
    const strings = times.map((t) => ({ t: new Date(t as string | number | Date).toISOString() }));
    expect(await run(strings, { ...q, measures: count })).toEqual(expected.map(({ last: _, ...r }) => r));
  });

  it('orders rows by window, then each group column: numbers numerically, strings by code unit, nulls last', async () => {
    const events = [
      { ts: h0, a: 10, b: 'a' },
      { ts: h0, a: null, b: 'a' },
      { ts: h0, a: 2, b: 'a' },
      { ts: h0, a: 2, b: 'B' },
      { ts: h0, a: 2, b: null },
      { ts: h0 - 1, a: 99, b: 'z' },
    ];
    const rows = await run(events, { time: 'ts', window: 'hour', groupBy: ['a', 'b'], measures: count });
    expect(rows.map((r) => [r.window_start, r.a, r.b])).toEqual([
      [h0 - 3_600_000, 99, 'z'],
      [h0, 2, 'B'],
      [h0, 2, 'a'],
      [h0, 2, null],
      [h0, 10, 'a'],
      [h0, null, 'a'],
    ]);
  });

  it('names its columns window_start, window_end, groups, measures, also when empty', async () => {
    const q: Query = {
      time: 'ts',
      window: 'day',
      groupBy: ['k'],
      measures: { s: { op: 'sum', column: 'v' }, n: { op: 'count' } },
    };
    const full = await engine.aggregate([{ ts: 0, k: 'x', v: 1 }], q);
    expect(full.columnNames()).toEqual(['window_start', 'window_end', 'k', 's', 'n']);
    const empty = await engine.aggregate([{ ts: 0, k: 'x', v: 1 }], { ...q, where: { k: 'y' } });
    expect(empty.objects()).toEqual([]);
    expect(empty.columnNames()).toEqual(['window_start', 'window_end', 'k', 's', 'n']);
  });

  it('gives no rows for no events, no event in range, or fill zero with groups and no events', async () => {
    const events = [{ ts: h0, k: 'x' }];
    expect(await run([], { time: 'ts', window: 'hour', measures: count })).toEqual([]);
    expect(await run(events, { time: 'ts', window: 'hour', range: { start: h1, end: h2 }, measures: count })).toEqual([]);
    expect(
      await run(events, {
        time: 'ts',
        window: 'hour',
        range: { start: h1, end: h2 },
        groupBy: ['k'],
        fill: 'zero',
        measures: count,
      }),
    ).toEqual([]);
    // Without groups, zero fill still reports every window.
    expect(
      await run(events, { time: 'ts', window: 'hour', range: { start: h1, end: h3 }, fill: 'zero', measures: count }),
    ).toEqual([
      { window_start: h1, window_end: h2, n: 0 },
      { window_start: h2, window_end: h3, n: 0 },
    ]);
  });
});
