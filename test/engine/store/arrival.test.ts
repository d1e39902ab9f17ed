/**
 * The first query over events loaded from a file or stream reads the rows in arrival order, with
 * no sort (src/engine/execute-arrival.ts). Its answer must be the sorted store's, bit for bit:
 * each property loads the same chunks twice, once left in arrival order and once sorted, and
 * compares the first query's result on each. A counter shows the arrival path really answered
 * (enough of) them; the cases it must leave to the sorted path are checked one by one.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type LocalEngine } from '../../../src/engine/engine.ts';
import { arrivalCounters, sumsExactly } from '../../../src/engine/execute-arrival.ts';
import { arrivalParts, sortParts } from '../../../src/engine/store/arrival.ts';
import { loadChunks } from '../../../src/engine/store/load.ts';
import { chunkStats, integerStats, numberStats } from '../../../src/engine/store/stats.ts';
import { buildPartSync } from '../../../src/engine/store/part.ts';
import type { Query } from '../../../src/engine/types.ts';
import { arbCase, arbLargeCase, type EventRow } from '../arbitraries.ts';
import { chunksOf } from './chunks.ts';

const NUM_RUNS = Number(process.env.ENGINE_PROPERTY_RUNS ?? 40);
let inline: LocalEngine;
beforeAll(() => {
  inline = createEngine({ workers: 0 });
});
afterAll(async () => {
  await inline.close();
});

const arbCuts = fc.array(fc.nat({ max: 1600 }), { maxLength: 4 });

/**
 * The first query over the chunks left in arrival order (with each chunk's summary made as a
 * scanner thread makes it, when `summed`), and over the same chunks sorted.
 */
async function bothWays(events: EventRow[], cuts: number[], query: Query, summed = false) {
  const chunks = chunksOf(events, cuts);
  if (summed) for (const c of chunks) c.stats = chunkStats(c);
  const arrival = await loadChunks(chunks, 'ts', 'arrival');
  const sorted = await loadChunks(chunksOf(events, cuts), 'ts', 'time');
  const run = async (e: typeof arrival) => {
    try {
      return { rows: (await inline.aggregate(e, query)).objects() };
    } catch (error) {
      return { error: String(error) };
    }
  };
  return { arrival: await run(arrival), sorted: await run(sorted) };
}

/** Whole quantities (and costs), so sums and averages can take the arrival path; sometimes a -0. */
function wholeNumbers(events: EventRow[], negativeZero: boolean): EventRow[] {
  return events.map((e, i) => {
    const round = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : v);
    return { ...e, qty: negativeZero && i === 0 ? -0 : round(e.qty), cost: round(e.cost) };
  });
}

/** The query with `latest` and `countDistinct` (which always take the sorted path) made max and count. */
function orderFreeOps(query: Query): Query {
  const ops: Record<string, string> = { latest: 'max', countDistinct: 'count' };
  const measures = Object.fromEntries(
    Object.entries(query.measures).map(([name, m]) => {
      const op = ops[m.op] ?? m.op;
      // max reads numbers: give it the quantity when the measure was on a dimension.
      const column = op === 'max' && m.op === 'latest' ? 'qty' : m.column;
      return [name, { ...m, op, column } as Query['measures'][string]];
    }),
  );
  return { ...query, measures };
}

describe('the first query in arrival order', () => {
  it('equals the sorted store, whatever the query (small cases, floats included)', async () => {
    const before = arrivalCounters.answered;
    await fc.assert(
      fc.asyncProperty(arbCase, arbCuts, fc.boolean(), async ({ events, queries }, cuts, summed) => {
        const { arrival, sorted } = await bothWays(events, cuts, queries[0], summed);
        expect(arrival).toEqual(sorted);
      }),
      { numRuns: NUM_RUNS },
    );
    expect(arrivalCounters.answered).toBeGreaterThan(before);
  });

  it('equals the sorted store over whole numbers, where most queries take the arrival path', async () => {
    const before = arrivalCounters.answered;
    let asked = 0;
    await fc.assert(
      fc.asyncProperty(
        arbLargeCase,
        arbCuts,
        fc.boolean(),
        fc.boolean(),
        async ({ events, queries }, cuts, negativeZero, summed) => {
          asked++;
          const { arrival, sorted } = await bothWays(wholeNumbers(events, negativeZero), cuts, orderFreeOps(queries[0]), summed);
          expect(arrival).toEqual(sorted);
        },
      ),
      { numRuns: NUM_RUNS },
    );
    // -0 under min/max and sparse layouts go the sorted way; the others take the arrival path.
    expect(arrivalCounters.answered - before).toBeGreaterThan(0);
    expect(arrivalCounters.answered - before).toBeLessThanOrEqual(asked);
  });

  it('sums of fractions in one cell, which another order would round differently, still equal the sorted store', async () => {
    const arbRows = fc.array(
      fc.record({
        ts: fc.integer({ min: 0, max: 3 * 86_400_000 }),
        app: fc.constantFrom('a', 'b'),
        qty: fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -9, max: 9 })),
      }),
      { minLength: 3, maxLength: 200 },
    );
    await fc.assert(
      fc.asyncProperty(
        arbRows,
        arbCuts,
        fc.constantFrom('sum', 'avg', 'min', 'max'),
        fc.boolean(),
        async (rows, cuts, op, summed) => {
          const query: Query = {
            time: 'ts',
            window: 'none',
            groupBy: ['app'],
            measures: { m: { op, column: 'qty' } as Query['measures'][string] },
          };
          const { arrival, sorted } = await bothWays(rows, cuts, query, summed);
          expect(arrival).toEqual(sorted);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('places rows in windows of unequal length over decades (months, weeks and days in a zone with DST)', async () => {
    const from = Date.UTC(2010, 0, 1),
      span = 25 * 365 * 86_400_000;
    const arbRows = fc.array(
      fc.record({
        ts: fc.oneof(fc.integer({ min: from, max: from + span }), fc.constantFrom(from, from + span - 1)),
        app: fc.constantFrom('a', 'b'),
        qty: fc.integer({ min: 0, max: 9 }),
      }),
      { minLength: 1, maxLength: 300 },
    );
    const arbWindow = fc.constantFrom<Query['window']>('month', 'quarter', 'week', 'day', 'year');
    await fc.assert(
      fc.asyncProperty(
        arbRows,
        arbCuts,
        arbWindow,
        fc.constantFrom('UTC', 'America/New_York', 'Australia/Lord_Howe'),
        async (rows, cuts, window, timeZone) => {
          const query: Query = {
            time: 'ts',
            window,
            timeZone,
            measures: { m: { op: 'sum', column: 'qty' }, n: { op: 'count' } },
          };
          const { arrival, sorted } = await bothWays(rows, cuts, query);
          expect(arrival).toEqual(sorted);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  const events = [
    { ts: '2026-03-02T10:00:00Z', app: 'b', qty: 2 },
    { ts: '2026-03-01T10:00:00Z', app: 'a', qty: 1 },
    { ts: '2026-03-01T11:00:00Z', app: 'a', qty: 4 },
  ];
  const daily = (op: string, column = 'qty'): Query => ({
    time: 'ts',
    window: 'day',
    groupBy: ['app'],
    measures: { m: { op, column } as Query['measures'][string] },
  });
  const first = async (rows: EventRow[], query: Query) => {
    const loaded = await loadChunks(chunksOf(rows, [1]), 'ts', 'arrival');
    const before = arrivalCounters.answered;
    const result = (await inline.aggregate(loaded, query)).objects();
    return { result, arrival: arrivalCounters.answered > before, loaded };
  };

  it('answers an order-free query without sorting, then sorts for the next one', async () => {
    const { result, arrival, loaded } = await first(events, daily('sum'));
    expect(arrival).toBe(true);
    expect(result).toEqual([
      { window_start: Date.parse('2026-03-01'), window_end: Date.parse('2026-03-02'), app: 'a', m: 5 },
      { window_start: Date.parse('2026-03-02'), window_end: Date.parse('2026-03-03'), app: 'b', m: 2 },
    ]);
    const before = arrivalCounters.answered;
    expect((await inline.aggregate(loaded, daily('sum'))).objects()).toEqual(result);
    expect(arrivalCounters.answered).toBe(before);
    // Whatever reads the rows afterwards reads them in time order.
    expect(loaded.values('ts')).toEqual([
      Date.parse('2026-03-01T10:00:00Z'),
      Date.parse('2026-03-01T11:00:00Z'),
      Date.parse('2026-03-02T10:00:00Z'),
    ]);
  });

  it('leaves to the sorted path what depends on order: latest, fractions summed, -0 under min', async () => {
    expect((await first(events, daily('latest'))).arrival).toBe(false);
    expect((await first(events, daily('countDistinct'))).arrival).toBe(false);
    const fractions = events.map((e, i) => ({ ...e, qty: i === 0 ? 0.1 : e.qty }));
    expect((await first(fractions, daily('sum'))).arrival).toBe(false);
    expect((await first(fractions, daily('max'))).arrival).toBe(true);
    // Whole numbers, but two chunks' magnitudes add up to 2^53: past it, sums may round.
    const huge = events.map((e, i) => ({ ...e, qty: i < 2 ? 2 ** 52 : 1 }));
    expect((await first(huge, daily('sum'))).arrival).toBe(false);
    const zeros = events.map((e, i) => ({ ...e, qty: i === 0 ? -0 : e.qty }));
    expect((await first(zeros, daily('min'))).arrival).toBe(false);
    expect((await first(zeros, daily('sum'))).arrival).toBe(true);
    const { result, arrival } = await first(fractions, daily('latest'));
    expect(arrival).toBe(false);
    // The latest value of 'a' on the 1st is 4 (11:00), though it arrived last.
    expect(result.map((r) => (r as { m: unknown }).m)).toEqual([4, 0.1]);
  });

  it('appends after a load sort the loaded rows first', async () => {
    const engine = createEngine({ workers: 0 });
    try {
      const ndjson = events.map((e) => JSON.stringify(e)).join('\n');
      const loaded = await engine.load(Readable.from([Buffer.from(ndjson)]), { format: 'ndjson' });
      await loaded.append([{ ts: '2026-03-01T09:00:00Z', app: 'c', qty: 8 }]);
      expect(loaded.values('app')).toEqual(['c', 'a', 'a', 'b']);
      expect((await engine.aggregate(loaded, daily('sum'))).objects().map((r) => (r as { m: unknown }).m)).toEqual([5, 8, 2]);
    } finally {
      await engine.close();
    }
  });

  it('sorting the parts left in arrival order gives the part a sorted load builds, array for array', async () => {
    await fc.assert(
      fc.property(arbCase, arbCuts, ({ events }, cuts) => {
        const sorted = buildPartSync(chunksOf(events, cuts));
        const parts = arrivalParts(chunksOf(events, cuts));
        expect(parts.reduce((s, p) => s + p.n, 0)).toBe(events.length);
        expect(sortParts(parts)).toEqual(sorted);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('names the same first non-number as the sorted store, when it arrived in a later chunk', async () => {
    const rows = [
      ...events,
      { ts: '2026-03-01T08:00:00Z', app: 'a', qty: 'x' },
      { ts: '2026-03-01T07:00:00Z', app: 'a', qty: 'y' },
    ];
    const { arrival, sorted } = await bothWays(rows, [2], daily('sum'));
    expect(arrival).toEqual(sorted);
    expect(arrival.error).toMatch(/events\[3\]/);
  });

  it('spans only the range with a summed chunk, so a narrow range stays under a small cell cap', async () => {
    const capped = createEngine({ workers: 0, maxCells: 10 });
    try {
      const rows = [
        { ts: Date.UTC(2026, 0, 1, 5), app: 'a', qty: 1 },
        { ts: Date.UTC(2027, 5, 1), app: 'a', qty: 2 },
        { ts: Date.UTC(2026, 0, 2, 5), app: 'a', qty: 4 },
      ];
      const chunks = chunksOf(rows, []);
      for (const c of chunks) c.stats = chunkStats(c);
      const loaded = await loadChunks(chunks, 'ts', 'arrival');
      const range = { start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 0, 3) };
      const before = arrivalCounters.answered;
      const result = await capped.aggregate(loaded, { ...daily('sum'), range });
      expect(arrivalCounters.answered).toBe(before + 1);
      expect(result.objects().map((r) => (r as { m: unknown }).m)).toEqual([1, 4]);
    } finally {
      await capped.close();
    }
  });

  it("a chunk's summary: the span of its instants, and per number column what the checks need", () => {
    const arb = fc.array(fc.oneof(fc.integer({ min: -9, max: 9 }), fc.double(), fc.constantFrom(-0, 0, Number.NaN, 2 ** 60)), {
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(arb, fc.array(fc.integer({ min: -1e12, max: 1e12 }), { minLength: 40, maxLength: 40 }), (values, instants) => {
        const n = values.length;
        const stats = chunkStats({
          n,
          time: Float64Array.from(instants.slice(0, n)),
          columns: new Map([['q', { kind: 'number', values: Float64Array.from([...values, 7.5]) }]]),
        });
        const present = values.filter((v) => !Number.isNaN(v));
        expect([stats.timeMin, stats.timeMax]).toEqual([Math.min(...instants.slice(0, n)), Math.max(...instants.slice(0, n))]);
        const q = stats.numbers.get('q')!;
        expect(q.whole).toBe(present.every((v) => Number.isInteger(v) || !Number.isFinite(v)));
        expect(q.negativeZero).toBe(present.some((v) => Object.is(v, -0)));
        if (q.whole) expect(q.absSum).toBe(present.reduce((t, v) => t + Math.abs(v), 0));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a summary made from integers is the one made from the same values as doubles', () => {
    const kinds = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), { maxLength: 60 }),
        fc.nat(60),
        (Kind, ints, cut) => {
          const values = Kind.from(ints);
          const n = Math.min(cut, values.length);
          expect(integerStats(values, n)).toEqual(numberStats(Float64Array.from(values), n));
        },
      ),
      { numRuns: NUM_RUNS },
    );
    // Sums past 2^53 stay past it (the check they are for fails either way).
    const big = Uint32Array.from({ length: 2 ** 21 + 1 }, () => 2 ** 32 - 1);
    expect(integerStats(big, big.length).absSum).toBeGreaterThanOrEqual(2 ** 53);
  });

  it('sumsExactly: whole numbers whose magnitudes add up below 2^53, over every part', () => {
    const exact = (parts: Float64Array[]) => sumsExactly(parts.map((v) => numberStats(v, v.length)));
    expect(exact([Float64Array.of(1, -2, NaN, 3)])).toBe(true);
    expect(exact([Float64Array.of(1, 0.5)])).toBe(false);
    expect(exact([Float64Array.of(2 ** 52, -(2 ** 52))])).toBe(false);
    expect(exact([Float64Array.of(2 ** 52, 2 ** 51)])).toBe(true);
    expect(exact([Float64Array.of(2 ** 52), Float64Array.of(2 ** 52)])).toBe(false);
    expect(exact([Float64Array.of(Infinity)])).toBe(false);
  });
});
