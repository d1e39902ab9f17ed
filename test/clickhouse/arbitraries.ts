/**
 * Random typed events and queries for comparing the ClickHouse source with the in-process
 * engine. Columns have one type each (as a ClickHouse table has); values include the awkward
 * ones: empty strings, quotes, backslashes, NUL, comment markers, non-ASCII, floats that decimal
 * parsing gets wrong, subnormals. `qty` holds integers and eighths only, so its sums are exact in
 * any order; `price` holds any double and is never summed.
 */
import fc from 'fast-check';
import type { ColumnKind } from '../../src/clickhouse/literals.ts';
import type { MeasureOp, MeasureSpec, Query, WhereCondition, WindowSpec } from '../../src/engine/types.ts';

export const COLUMNS: Record<string, ColumnKind> = {
  region: 'string',
  plan: 'number',
  flag: 'boolean',
  qty: 'number',
  price: 'number',
};

export const REGIONS = [
  'eu',
  'us',
  '',
  "o'k",
  'back\\slash',
  'nul\u0000byte',
  '-- not a comment',
  '/* c */',
  "'); DROP TABLE x; --",
  'ünï\tcode',
];
const PLANS = [1, 2, 0.5, -3];
const PRICES = [0.1, 0.30000000000000004, 90.63035, 5e-324, 1.7976931348623157e308, -2.5, 1e-7, 3];

/** Instants worth crowding events around: DST changes and local new years in the zones below. */
const ANCHORS = [
  '2026-03-08T07:00:00Z',
  '2026-04-04T15:00:00Z',
  '2026-10-25T01:00:00Z',
  '2025-12-31T18:30:00Z',
  '2026-04-04T14:00:00Z',
  '2026-09-27T02:45:00Z',
].map(Date.parse);
export const ZONES = ['UTC', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'Europe/London'];

type Scale = 'fine' | 'hours' | 'days';
const SPREAD: Record<Scale, number> = { fine: 3 * 3_600_000, hours: 2 * 86_400_000, days: 60 * 86_400_000 };
const WINDOWS: [WindowSpec, Scale][] = [
  ['minute', 'fine'],
  ['hour', 'hours'],
  ['day', 'days'],
  ['week', 'days'],
  ['month', 'days'],
  ['quarter', 'days'],
  ['year', 'days'],
  ['none', 'days'],
  ['45s', 'fine'],
  ['15m', 'fine'],
  [{ minutes: 90 }, 'hours'],
  ['1d', 'days'],
];

const nullable = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) });
const qty = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  fc.integer({ min: -400, max: 400 }).map((k) => k / 8),
);
const price = fc.oneof(
  fc.constantFrom(...PRICES),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).filter((v) => !Object.is(v, -0)),
);

export type Event = Record<string, unknown>;

function arbEvents(anchor: number, spread: number): fc.Arbitrary<Event[]> {
  const offset = fc.oneof(fc.constantFrom(0, -1, 1, -1_800_000, 1_800_000, 3_600_000), fc.integer({ min: -spread, max: spread }));
  const row = fc.record({
    ts: offset.map((o) => anchor + o),
    region: nullable(fc.constantFrom(...REGIONS)),
    plan: nullable(fc.constantFrom(...PLANS)),
    flag: nullable(fc.boolean()),
    qty: nullable(qty),
    price: nullable(price),
  });
  return fc.array(row, { minLength: 1, maxLength: 40 });
}

const arbWhere: fc.Arbitrary<Record<string, WhereCondition>> = fc.record(
  {
    region: fc.oneof(
      fc.constantFrom<WhereCondition>(...REGIONS),
      fc.subarray<string | number | boolean | null>([...REGIONS.slice(0, 6), 1, true, null]),
    ),
    plan: fc.oneof(
      fc.constantFrom<WhereCondition>(1, '1', 0.5),
      fc.subarray<number | string | null>([1, '1', 0.5, -3, null]).map((not) => ({ not })),
    ),
    flag: fc.oneof(
      fc.constantFrom<WhereCondition>(true, false, null, 1),
      fc.subarray<boolean | number | null>([true, 1, null]).map((not) => ({ not })),
    ),
    price: fc.subarray<number | null>([...PRICES, null]),
  },
  { requiredKeys: [] },
);

const arbMeasure = fc
  .constantFrom<MeasureOp>('sum', 'count', 'min', 'max', 'avg', 'countDistinct', 'latest')
  .chain((op): fc.Arbitrary<MeasureSpec> => {
    if (op === 'sum' || op === 'avg') return fc.constant({ op, column: 'qty' });
    if (op === 'min' || op === 'max') return fc.constantFrom('qty', 'price', 'plan').map((column) => ({ op, column }));
    const any = fc.constantFrom('region', 'plan', 'flag', 'qty', 'price', 'ts');
    if (op === 'count') return fc.option(any, { nil: undefined }).map((column) => (column ? { op, column } : { op }));
    return any.map((column) => ({ op, column }));
  });

function arbQuery(anchor: number, window: WindowSpec, scale: Scale): fc.Arbitrary<Query> {
  const fixed = typeof window === 'object' || /\d/.test(window);
  return fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      origin: fixed
        ? fc.option(
            fc.integer({ min: -86_400_000, max: 86_400_000 }).map((o) => anchor + o),
            { nil: undefined },
          )
        : fc.constant(undefined),
      range: fc.option(fc.tuple(fc.integer({ min: 0, max: SPREAD[scale] }), fc.integer({ min: 1, max: SPREAD[scale] })), {
        nil: undefined,
      }),
      zero: fc.boolean(),
      groupBy: fc.shuffledSubarray(['region', 'plan', 'flag', 'price'], { maxLength: 2 }),
      where: fc.option(arbWhere, { nil: undefined, freq: 2 }),
      measures: fc.array(arbMeasure, { minLength: 1, maxLength: 4 }),
    })
    .map((q) => {
      const query: Query = {
        time: 'ts',
        window,
        timeZone: q.timeZone,
        groupBy: q.groupBy,
        measures: Object.fromEntries(q.measures.map((m, i) => [`m${i}`, m])),
      };
      if (q.origin !== undefined) query.origin = q.origin;
      if (q.where) query.where = q.where;
      if (q.range) {
        query.range = { start: anchor - q.range[0], end: anchor + q.range[1] };
        query.fill = q.zero ? 'zero' : 'none';
      }
      return query;
    });
}

/** Events and three queries over them, each with its own window. */
export const arbCase = fc
  .tuple(fc.constantFrom(...ANCHORS), fc.constantFrom(...WINDOWS), fc.constantFrom(...WINDOWS), fc.constantFrom(...WINDOWS))
  .chain(([anchor, ...windows]) => {
    const scale: Scale = windows.some(([, s]) => s === 'fine')
      ? 'fine'
      : windows.some(([, s]) => s === 'hours')
        ? 'hours'
        : 'days';
    return fc.record({
      events: arbEvents(anchor, SPREAD[scale]),
      queries: fc.tuple(...windows.map(([w]) => arbQuery(anchor, w, scale))),
    });
  });
