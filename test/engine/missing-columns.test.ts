/**
 * `missingColumns: 'null'`: a column no event carries reads exactly as a column of nulls. The
 * property drops random columns from random events (records without the keys, or a table
 * without the columns) and compares with the same events carrying those columns as all nulls,
 * which the engine reads the ordinary way. The cases below are worked out by hand.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as aq from 'arquero';
import { createEngine, type Events } from '../../src/engine/engine.ts';
import type { Query } from '../../src/engine/types.ts';
import { arbCase, COLUMNS, type EventRow } from './arbitraries.ts';

const engine = createEngine({ workers: 0 });
afterAll(() => engine.close());

const NUM_RUNS = Number(process.env.ENGINE_PROPERTY_RUNS ?? 100);
const rows = async (events: Events, query: Query) => (await engine.aggregate(events, query)).objects();

describe("missingColumns: 'null'", () => {
  it('a column left out reads as the same column with every value null', async () => {
    const arbDropped = fc.subarray(
      COLUMNS.filter((c) => c !== 'ts'),
      { minLength: 1 },
    );
    await fc.assert(
      fc.asyncProperty(arbCase, arbDropped, async ({ events, asTable, queries }, dropped) => {
        const nulled = events.map((e) => ({ ...e, ...Object.fromEntries(dropped.map((c) => [c, null])) }));
        const left = events.map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !dropped.includes(k))));
        const kept = COLUMNS.filter((c) => !dropped.includes(c));
        const tableOf = (list: EventRow[], columns: string[]) =>
          aq.table(Object.fromEntries(columns.map((c) => [c, list.map((e) => e[c])])));
        const withNulls: Events = asTable ? tableOf(nulled, COLUMNS) : nulled;
        const without: Events = asTable ? tableOf(left, kept) : left;
        for (const q of queries) {
          const query: Query = { ...q, missingColumns: 'null' };
          const got = await rows(without, query);
          expect(got).toEqual(await rows(withNulls, q));
          // Same columns, in the same order.
          if (got.length) expect(Object.keys(got[0])).toEqual(Object.keys((await rows(withNulls, q))[0]));
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  const EVENTS = [
    { ts: Date.UTC(2026, 0, 1, 0, 10), app: 'a', qty: 2 },
    { ts: Date.UTC(2026, 0, 1, 0, 20), app: 'b', qty: 3 },
    { ts: Date.UTC(2026, 0, 1, 2, 0), app: 'a', qty: 5 },
  ];
  const RANGE = { start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 0, 1, 3) };
  const h = (hour: number) => ({ window_start: Date.UTC(2026, 0, 1, hour), window_end: Date.UTC(2026, 0, 1, hour + 1) });

  it('a missing group is null, a missing measure its empty value, keys in query order', async () => {
    const got = await rows(EVENTS, {
      time: 'ts',
      window: 'hour',
      groupBy: ['ws', 'app'],
      missingColumns: 'null',
      measures: {
        n: { op: 'count' },
        s: { op: 'sum', column: 'cost' },
        q: { op: 'sum', column: 'qty' },
        hi: { op: 'max', column: 'cost' },
        d: { op: 'countDistinct', column: 'cost' },
      },
    });
    expect(got).toEqual([
      { ...h(0), ws: null, app: 'a', n: 1, s: 0, q: 2, hi: null, d: 0 },
      { ...h(0), ws: null, app: 'b', n: 1, s: 0, q: 3, hi: null, d: 0 },
      { ...h(2), ws: null, app: 'a', n: 1, s: 0, q: 5, hi: null, d: 0 },
    ]);
    expect(Object.keys(got[0])).toEqual(['window_start', 'window_end', 'ws', 'app', 'n', 's', 'q', 'hi', 'd']);
  });

  it('where on a missing column: null admitted → every event passes; otherwise none does', async () => {
    const base: Query = {
      time: 'ts',
      window: 'hour',
      range: RANGE,
      fill: 'zero',
      missingColumns: 'null',
      measures: { q: { op: 'sum', column: 'qty' } },
    };
    expect(await rows(EVENTS, { ...base, where: { ws: null } })).toEqual([
      { ...h(0), q: 5 },
      { ...h(1), q: 0 },
      { ...h(2), q: 5 },
    ]);
    expect(await rows(EVENTS, { ...base, where: { ws: { not: ['w1'] } } })).toEqual([
      { ...h(0), q: 5 },
      { ...h(1), q: 0 },
      { ...h(2), q: 5 },
    ]);
    // Nothing passes: ungrouped zero-fill still reports every window, grouped reports none.
    expect(await rows(EVENTS, { ...base, where: { ws: ['w1'] } })).toEqual([
      { ...h(0), q: 0 },
      { ...h(1), q: 0 },
      { ...h(2), q: 0 },
    ]);
    expect(await rows(EVENTS, { ...base, where: { ws: ['w1'] }, groupBy: ['app'] })).toEqual([]);
  });

  it('zero-fill grouped only by missing columns: the null group exists when an event passes', async () => {
    const base: Query = {
      time: 'ts',
      window: 'hour',
      range: RANGE,
      fill: 'zero',
      groupBy: ['ws'],
      missingColumns: 'null',
      measures: { n: { op: 'count' } },
    };
    expect(await rows(EVENTS, base)).toEqual([
      { ...h(0), ws: null, n: 2 },
      { ...h(1), ws: null, n: 0 },
      { ...h(2), ws: null, n: 1 },
    ]);
    expect(await rows(EVENTS, { ...base, where: { app: 'zzz' } })).toEqual([]);
    // The internal count never clashes with the query's own names.
    expect(await rows(EVENTS, { ...base, groupBy: ['__passing'], measures: { __passing_: { op: 'count' } } })).toEqual([
      { ...h(0), __passing: null, __passing_: 2 },
      { ...h(1), __passing: null, __passing_: 0 },
      { ...h(2), __passing: null, __passing_: 1 },
    ]);
  });

  it('loaded events: a column the loaded events lack reads as null too', async () => {
    const loaded = await engine.load(EVENTS, { time: 'ts' });
    const query: Query = {
      time: 'ts',
      window: 'hour',
      groupBy: ['ws'],
      missingColumns: 'null',
      measures: { s: { op: 'sum', column: 'cost' }, q: { op: 'sum', column: 'qty' } },
    };
    expect(await rows(loaded, query)).toEqual([
      { ...h(0), ws: null, s: 0, q: 5 },
      { ...h(2), ws: null, s: 0, q: 5 },
    ]);
  });

  it("without it, a missing column is still the engine's unknown-column error; the time column always is", async () => {
    await expect(
      engine.aggregate(EVENTS, { time: 'ts', window: 'hour', groupBy: ['ws'], measures: { n: { op: 'count' } } }),
    ).rejects.toThrow("unknown column 'ws'");
    await expect(
      engine.aggregate(EVENTS, { time: 'at', window: 'hour', missingColumns: 'null', measures: { n: { op: 'count' } } }),
    ).rejects.toThrow("unknown column 'at'");
  });
});
