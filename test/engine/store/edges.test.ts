/**
 * Encoding edge cases through `engine.load`, each against the records path (or a value worked
 * out by hand): mixed types, nulls, missing keys, BigInt, Dates, unsorted input, ties, errors.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { createEngine } from '../../../src/engine/engine.ts';
import { loadChunks } from '../../../src/engine/store/load.ts';
import { QueryError } from '../../../src/errors.ts';
import type { Query } from '../../../src/engine/types.ts';
import type { Events } from '../../../src/engine/engine.ts';
import { chunksOf } from './chunks.ts';

const engine = createEngine({ workers: 0 });
afterAll(() => engine.close());

const T = Date.UTC(2026, 2, 1);
const day: Query = { time: 'ts', window: 'day', measures: { n: { op: 'count' } } };
const rows = async (events: Events, q: Query) => (await engine.aggregate(events, q)).objects() as Record<string, unknown>[];
const error = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e) => e,
  );

describe('engine.load edge cases equal the records path', () => {
  const records: Record<string, unknown>[] = [
    { ts: new Date(T + 5000), kind: 'b', mixed: 1, big: 5n, qty: 2 },
    { ts: T + 1000, kind: null, mixed: '1', qty: null },
    { ts: '2026-03-01T00:00:03.000Z', kind: 'a', mixed: true, big: 7n, qty: NaN },
    { ts: '2026-03-01T01:00:01+01:00', kind: 'b', big: 5n },
    { ts: T + 1000, kind: undefined, mixed: 1, qty: 3.5 },
    { ts: T + 2000, extra: 'only here', qty: -0.5 },
  ];
  const queries: Query[] = [
    {
      ...day,
      groupBy: ['kind', 'mixed'],
      measures: { n: { op: 'count' }, q: { op: 'sum', column: 'qty' }, last: { op: 'latest', column: 'qty' } },
    },
    { ...day, groupBy: ['big'], measures: { s: { op: 'sum', column: 'big' }, d: { op: 'countDistinct', column: 'mixed' } } },
    { ...day, groupBy: ['extra'], measures: { l: { op: 'latest', column: 'kind' }, m: { op: 'max', column: 'qty' } } },
    { time: 'ts', window: '1s', measures: { last: { op: 'latest', column: 'kind' }, first: { op: 'min', column: 'qty' } } },
  ];

  it('mixed types, nulls, missing keys, BigInt, Dates, offsets, unsorted input and ties', async () => {
    const loaded = [
      await engine.load(records),
      await engine.load(
        aq.table(Object.fromEntries(['ts', 'kind', 'mixed', 'big', 'qty', 'extra'].map((c) => [c, records.map((r) => r[c])]))),
      ),
      await loadChunks(chunksOf(records, [1, 3]), 'ts'),
      await loadChunks(chunksOf(records, [2, 4, 5]), 'ts'),
    ];
    for (const q of queries) {
      const want = await rows(records, q);
      for (const ev of loaded) expect(await rows(ev, q)).toEqual(want);
    }
    // By hand: the two events at T+1s tie; the later one in input order (qty 3.5) is latest.
    const [second] = await rows(loaded[0], {
      time: 'ts',
      window: '1s',
      range: { start: T + 1000, end: T + 2000 },
      measures: { l: { op: 'latest', column: 'qty' } },
    });
    expect(second.l).toBe(3.5);
    expect((await rows(loaded[0], queries[1])).map((r) => r.big)).toEqual([5n, 7n, null]);
  });

  it('a time that is not an instant names its input row, as the records path does', async () => {
    const bad = [{ ts: T }, { ts: T + 1 }, { ts: '2026-03-01 noon' }];
    const want = await error(rows(bad, day));
    const got = await error(engine.load(bad));
    expect(got).toBeInstanceOf(QueryError);
    expect(got.message).toBe('events[2].ts: "2026-03-01 noon" is not an instant (epoch ms, Date, or ISO-8601 with an offset)');
    expect(got.message).toBe(want.message);
    const far = [{ ts: T }, { ts: 9e15 }];
    const farWant = await error(rows(far, day));
    expect(farWant.message).toBe(
      'events[1].ts: 9000000000000000 is outside the instants a Date can hold (epoch ms within ±8.64e15)',
    );
    expect((await error(engine.load(far))).message).toBe(farWant.message);
    // A door names the row by its place in the whole input, not in its chunk.
    let chunked: Error | null = null;
    try {
      chunksOf([...bad, { ts: 'x' }], [1]);
    } catch (e) {
      chunked = e as Error;
    }
    expect(chunked?.message).toBe(want.message);
  });

  it('a summed column that is not numeric names its first bad row in input order, in whichever chunk', async () => {
    // Row 4 is the first bad row in input order; row 2 comes first in time order.
    const mixed = [
      { ts: T + 9, q: 1 },
      { ts: T + 8, q: 2 },
      { ts: T + 1, q: 'x' },
      { ts: T + 7, q: 3 },
      { ts: T + 2, q: 'y' },
    ].reverse();
    const q: Query = { ...day, measures: { s: { op: 'sum', column: 'q' } } };
    const want = await error(rows(mixed, q));
    expect(want.message).toBe('events[0].q: "y" is not a number (measure \'s\')');
    for (const ev of [
      await engine.load(mixed),
      await loadChunks(chunksOf(mixed, [1, 2]), 'ts'),
      await loadChunks(chunksOf(mixed, [3]), 'ts'),
    ]) {
      expect((await error(rows(ev, q))).message).toBe(want.message);
    }
    const numbersFirst = [
      { ts: T, q: 1 },
      { ts: T, q: 2 },
      { ts: T - 5, q: 'late' },
    ];
    const got = await error(rows(await loadChunks(chunksOf(numbersFirst, [2]), 'ts'), q));
    expect(got.message).toBe('events[2].q: "late" is not a number (measure \'s\')');
    const unsafe = [{ ts: T, q: 2n ** 60n }];
    expect((await error(rows(await engine.load(unsafe), q))).message).toBe((await error(rows(unsafe, q))).message);
  });

  it('skipInvalid drops and counts the events whose time is not an instant', async () => {
    const some = [{ ts: T, a: 'x' }, { ts: 'never' }, { ts: T + 1, a: 'y' }, { ts: null, a: 'z' }];
    const events = await engine.load(some, { skipInvalid: true });
    expect(events.summary).toMatchObject({ rows: 2, skipped: 2 });
    expect(await rows(events, { ...day, groupBy: ['a'] })).toEqual(await rows([some[0], some[2]], { ...day, groupBy: ['a'] }));
  });

  it('no events: every column exists and every query is empty', async () => {
    const none = await engine.load([]);
    expect(none.numRows()).toBe(0);
    expect(await rows(none, { ...day, groupBy: ['anything'] })).toEqual([]);
  });

  it('a column without the time column, a time column loaded under another name, and other inputs are refused', async () => {
    expect((await error(engine.load([{ at: T }]))).message).toBe("time: unknown column 'ts'");
    const events = await engine.load([{ at: T }], { time: 'at' });
    expect((await error(rows(events, day))).message).toBe("time: the events were loaded with time column 'at', not 'ts'");
    expect((await error(engine.load(42 as never))).message).toBe(
      'events: must be a path, a stream, an array of records or an arquero table',
    );
    expect((await error(engine.load([], { time: '' }))).message).toMatch(/^options\.time: /);
  });

  it('columns keeps only the named columns (and the time column)', async () => {
    const events = await engine.load([{ ts: T, a: 1, b: 2 }], { columns: { a: 'number' } });
    expect(events.columnNames()).toEqual(['ts', 'a']);
  });

  it('toArquero gives the events in time order, and aggregates over it equal those over the events', async () => {
    const events = await engine.load(records);
    const table = events.toArquero();
    expect(table.columnNames()).toEqual(['ts', 'kind', 'mixed', 'big', 'qty', 'extra']);
    expect(Array.from(table.array('ts') as ArrayLike<number>)).toEqual([
      T + 1000,
      T + 1000,
      T + 1000,
      T + 2000,
      T + 3000,
      T + 5000,
    ]);
    expect(table.array('kind')).toEqual([null, 'b', null, null, 'a', 'b']);
    expect(events.toArquero()).toBe(table);
    for (const q of queries) expect(await rows(table, q)).toEqual(await rows(events, q));
  });
});
