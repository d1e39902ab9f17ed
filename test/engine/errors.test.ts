/**
 * Every QueryError a user of the engine can see: the message and the `field` it names.
 * Messages from query validation (plan.ts) are asserted whole; those about the events
 * (unknown column, a bad value in a row, the cell cap) by field and key words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { QueryError } from '../../src/errors.ts';
import { createEngine } from '../../src/engine/engine.ts';
import type { Query } from '../../src/engine/types.ts';
import type { Engine, EngineOptions, Events } from '../../src/engine/engine.ts';

const h0 = Date.parse('2026-01-01T00:00:00Z');
const base: Query = { time: 'ts', window: 'hour', measures: { n: { op: 'count' } } };
const events = Array.from({ length: 8 }, (_, i) => ({ ts: h0 + i * 60_000, region: i % 2 ? 'eu' : 'us', qty: i }));

async function rejection(p: Promise<unknown>): Promise<QueryError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(QueryError);
    return e as QueryError;
  }
  throw new Error('expected a QueryError, the query succeeded');
}

describe.each<EngineOptions>([{ workers: 0 }, { workers: 2, inlineThreshold: 0 }])('engine %o', (options) => {
  let engine: Engine;
  beforeAll(() => {
    engine = createEngine(options);
  });
  afterAll(async () => {
    await engine?.close();
  });
  const fails = (query: unknown, ev: Events = events) => rejection(engine.aggregate(ev, query as Query));

  describe('query validation', () => {
    it.each<[string, unknown, string, string]>([
      [
        'unknown op',
        { ...base, measures: { total: { op: 'median', column: 'qty' } } },
        'measures.total.op',
        'measures.total.op: must be one of sum, count, min, max, avg, countDistinct, latest',
      ],
      [
        'an op without its column',
        { ...base, measures: { total: { op: 'sum' } } },
        'measures.total.column',
        'measures.total.column: needs a column for this op',
      ],
      ['unknown time zone', { ...base, timeZone: 'Mars/Olympus' }, 'timeZone', 'timeZone: is not a known IANA time zone'],
      [
        'bad window name',
        { ...base, window: 'fortnight' },
        'window',
        "window: must be one of minute, hour, day, week, month, quarter, year, none, a duration like '5m', '6h', '1d', or { minutes: 90 }",
      ],
      ['zero-length window', { ...base, window: '0m' }, 'window', 'window: must be a whole number of milliseconds, at least 1'],
      [
        'fractional-ms window',
        { ...base, window: '1.5ms' },
        'window',
        'window: must be a whole number of milliseconds, at least 1',
      ],
      ['unknown duration part', { ...base, window: { weeks: 1 } }, 'window', "window: unknown field 'weeks'"],
      ['start = end', { ...base, range: { start: h0, end: h0 } }, 'range', 'range: start must be before end'],
      ['start > end', { ...base, range: { start: h0 + 1, end: h0 } }, 'range', 'range: start must be before end'],
      [
        'a range bound without an offset',
        { ...base, range: { start: '2026-01-01T00:00:00', end: h0 } },
        'range.start',
        'range.start: must be epoch milliseconds, a Date, or an ISO-8601 date-time with Z or an offset',
      ],
      ['fill zero without a range', { ...base, fill: 'zero' }, 'fill', "fill: 'zero' needs a range"],
      ['origin with a calendar window', { ...base, origin: 0 }, 'origin', 'origin: applies only to fixed-duration windows'],
      ['a groupBy column twice', { ...base, groupBy: ['region', 'region'] }, 'groupBy.1', "groupBy.1: 'region' is listed twice"],
      [
        'a reserved group name',
        { ...base, groupBy: ['window_end'] },
        'groupBy.0',
        "groupBy.0: 'window_end' is a reserved output column",
      ],
      [
        'a measure named like a group',
        { ...base, groupBy: ['n'] },
        'measures.n',
        'measures.n: clashes with another output column',
      ],
      [
        'a bad where condition',
        { ...base, where: { region: { in: ['eu'] } } },
        'where.region',
        'where.region: must be a value, a list of values, { not: [...] } or null',
      ],
      ['an unknown query field', { ...base, limit: 5 }, '', "unknown field 'limit'"],
      [
        'an unknown measure field',
        { ...base, measures: { n: { op: 'count', as: 'x' } } },
        'measures.n',
        "measures.n: unknown field 'as'",
      ],
    ])('%s', async (_, query, field, message) => {
      const e = await fails(query);
      expect(e.field).toBe(field);
      expect(e.message).toBe(message);
    });
  });

  describe('columns missing from the events', () => {
    it.each<[string, Partial<Query>, string, string]>([
      ['time', { time: 'when' }, 'time', 'when'],
      ['groupBy', { groupBy: ['region', 'foo'] }, 'groupBy.1', 'foo'],
      ['where', { where: { foo: 'x' } }, 'where.foo', 'foo'],
      ['measure', { measures: { total: { op: 'sum', column: 'amount' } } }, 'measures.total.column', 'amount'],
      ['countDistinct measure', { measures: { u: { op: 'countDistinct', column: 'user' } } }, 'measures.u.column', 'user'],
    ])('%s', async (_, patch, field, column) => {
      for (const ev of [events, aq.from(events)]) {
        const e = await fails({ ...base, ...patch }, ev);
        expect(e.field).toBe(field);
        expect(e.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}: unknown column '${column}'`));
      }
    });
  });

  describe('event values that do not fit the query', () => {
    it.each<[string, unknown]>([
      ['null', null],
      ['undefined', undefined],
      ['NaN', NaN],
      ['an ISO string without an offset', '2026-01-01T00:05:00'],
      ['a date without a time', '2026-01-01'],
      ['words', 'yesterday'],
      ['an object', { ms: 5 }],
      ['an invalid Date', new Date(NaN)],
    ])('a time value that is %s names its row', async (_, value) => {
      const ev = events.map((r, i) => (i === 5 ? { ...r, ts: value } : r));
      const e = await fails(base, ev);
      expect(e.field).toBe('events[5].ts');
      expect(e.message).toMatch(/^events\[5\]\.ts: .* is not an instant/);
    });

    it('the message shows the bad value as JSON', async () => {
      const e = await fails(
        base,
        events.map((r, i) => (i === 6 ? { ...r, ts: '2026-01-01 00:05' } : r)),
      );
      expect(e.message).toMatch(/^events\[6\]\.ts: "2026-01-01 00:05" is not an instant/);
    });

    it('a bad time value in an arquero table names its row', async () => {
      const e = await fails(base, aq.table({ ts: [h0, h0, 'soon', h0], k: [1, 2, 3, 4] }));
      expect(e.field).toBe('events[2].ts');
      expect(e.message).toMatch(/^events\[2\]\.ts: "soon" is not an instant/);
    });

    it.each(['sum', 'min', 'max', 'avg'] as const)('a string or boolean in a %s column names its row and measure', async (op) => {
      const withString = events.map((r, i) => (i === 5 ? { ...r, qty: '5' } : r));
      const e = await fails({ ...base, measures: { total: { op, column: 'qty' } } }, withString);
      expect(e.field).toBe('events[5].qty');
      expect(e.message).toMatch(/^events\[5\]\.qty: "5" is not a number \(measure 'total'\)/);
      const withBool = events.map((r, i) => (i === 7 ? { ...r, qty: true } : r));
      const b = await fails({ ...base, measures: { total: { op, column: 'qty' } } }, withBool);
      expect(b.field).toBe('events[7].qty');
      expect(b.message).toMatch(/^events\[7\]\.qty: true is not a number \(measure 'total'\)/);
    });
  });
});

describe('engine options', () => {
  it.each<[string, unknown, string, string]>([
    ['negative workers', { workers: -1 }, 'options.workers', 'options.workers: Too small: expected number to be >=0'],
    ['zero maxCells', { maxCells: 0 }, 'options.maxCells', 'options.maxCells: Too small: expected number to be >0'],
    ['an unknown option', { threads: 2 }, 'options', 'options: Unrecognized key: "threads"'],
  ])('%s', (_, options, field, message) => {
    let error: unknown;
    try {
      createEngine(options as EngineOptions);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).field).toBe(field);
    expect((error as QueryError).message).toBe(message);
  });
});

describe.each<EngineOptions>([
  { workers: 0, maxCells: 10 },
  { workers: 2, inlineThreshold: 0, maxCells: 10 },
])('cell cap %o', (options) => {
  let engine: Engine;
  beforeAll(() => {
    engine = createEngine(options);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('refuses a result over maxCells, naming the cap', async () => {
    // 11 hour windows, zero-filled: 11 cells > 10.
    const e = await rejection(
      engine.aggregate(events, { ...base, fill: 'zero', range: { start: h0, end: h0 + 11 * 3_600_000 } }),
    );
    expect(e.field).toBe('query');
    expect(e.message).toMatch(/cells/);
    expect(e.message).toMatch(/\b10\b/);
  });

  it('counts windows × group combinations: 6 windows × 2 regions = 12 > 10', async () => {
    const e = await rejection(
      engine.aggregate(events, {
        ...base,
        groupBy: ['region'],
        fill: 'zero',
        range: { start: h0, end: h0 + 6 * 3_600_000 },
      }),
    );
    expect(e.field).toBe('query');
    expect(e.message).toMatch(/cells/);
  });

  it('allows exactly maxCells', async () => {
    const t = await engine.aggregate(events, { ...base, fill: 'zero', range: { start: h0, end: h0 + 10 * 3_600_000 } });
    expect(t.numRows()).toBe(10);
  });
});
