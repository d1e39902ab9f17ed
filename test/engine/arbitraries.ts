/**
 * fast-check generators for the engine property tests: events whose instants crowd around
 * real DST transitions (2025–2027) and random queries over them.
 */
import fc from 'fast-check';
import type { MeasureOp, MeasureSpec, Query, WhereCondition, WindowSpec } from '../../src/engine/types.ts';

export const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Havana',
  'Asia/Kolkata',
];

/** An instant worth crowding events around, and the zone it matters in. */
interface Anchor {
  ms: number;
  zone: string;
}

const TRANSITION_ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Havana'];
const NEW_YEAR_ZONES = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];

/** Transition instants grouped by season (zones in TRANSITION_ZONES order), so a run stays in one. */
const SEASONS: Anchor[][] = (
  [
    ['2025-03-09T07:00:00Z', '2025-03-30T01:00:00Z', '2025-04-05T15:00:00Z', '2025-04-05T14:00:00Z', '2025-03-09T05:00:00Z'],
    ['2025-11-02T06:00:00Z', '2025-10-26T01:00:00Z', '2025-10-04T15:30:00Z', '2025-09-27T14:00:00Z', '2025-11-02T05:00:00Z'],
    ['2026-03-08T07:00:00Z', '2026-03-29T01:00:00Z', '2026-04-04T15:00:00Z', '2026-04-04T14:00:00Z', '2026-03-08T05:00:00Z'],
    ['2026-11-01T06:00:00Z', '2026-10-25T01:00:00Z', '2026-10-03T15:30:00Z', '2026-09-26T14:00:00Z', '2026-11-01T05:00:00Z'],
    ['2027-03-14T07:00:00Z', '2027-03-28T01:00:00Z', '2027-04-03T15:00:00Z', '2027-04-03T14:00:00Z', '2027-03-14T05:00:00Z'],
    ['2027-11-07T06:00:00Z', '2027-10-31T01:00:00Z', '2027-10-02T15:30:00Z', '2027-09-25T14:00:00Z', '2027-11-07T05:00:00Z'],
    // Local midnight of 2026-01-01 (a year, quarter, month and day start) in UTC, New York, Kolkata, Lord Howe, Chatham.
    ['2026-01-01T00:00:00Z', '2026-01-01T05:00:00Z', '2025-12-31T18:30:00Z', '2025-12-31T13:00:00Z', '2025-12-31T10:15:00Z'],
  ] as string[][]
).map((season, i, all) =>
  season.map((iso, j) => ({ ms: Date.parse(iso), zone: (i === all.length - 1 ? NEW_YEAR_ZONES : TRANSITION_ZONES)[j] })),
);

/** How far a run's instants spread, so that fine windows stay few. */
type Scale = 'fine' | 'hours' | 'days';
const SPREAD: Record<Scale, { offset: number; anchors: number }> = {
  fine: { offset: 3 * 3_600_000, anchors: 1 },
  hours: { offset: 2 * 86_400_000, anchors: 3 },
  days: { offset: 45 * 86_400_000, anchors: 3 },
};
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
  ['5m', 'fine'],
  ['15m', 'fine'],
  ['1h', 'hours'],
  [{ minutes: 90 }, 'hours'],
  [{ hours: 1, minutes: 15 }, 'hours'],
  ['6h', 'hours'],
  ['1d', 'days'],
  ['7d', 'days'],
];

const SMALL_OFFSETS = [
  0, -1, 1, -60_000, 60_000, -900_000, 900_000, -1_800_000, 1_800_000, -2_700_000, 2_700_000, -3_600_000, 3_600_000,
];

function arbInstant(anchors: number[], spread: number): fc.Arbitrary<number> {
  return fc
    .tuple(
      fc.constantFrom(...anchors),
      fc.oneof(
        fc.constantFrom(...SMALL_OFFSETS),
        fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }),
        fc.integer({ min: -spread, max: spread }),
      ),
    )
    .map(([a, o]) => a + o);
}

/** A distance from an anchor: often a round one, sometimes anything up to `max`. */
function arbReach(min: number, max: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constantFrom(...SMALL_OFFSETS.filter((o) => o >= min)),
    fc.integer({ min, max: 3 * 3_600_000 }),
    fc.integer({ min, max }),
  );
}

function isoWithOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(offsetMinutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${hhmm}`;
}

/** One instant in any form the time column accepts. */
function arbTimeValue(ms: fc.Arbitrary<number>): fc.Arbitrary<unknown> {
  return fc
    .tuple(ms, fc.constantFrom('ms', 'Z', 'offset', 'Date'), fc.constantFrom(-600, -300, -240, 0, 330, 345, 525, 825))
    .map(([t, form, off]) =>
      form === 'ms' ? t : form === 'Z' ? new Date(t).toISOString() : form === 'Date' ? new Date(t) : isoWithOffset(t, off),
    );
}

export const POOLS = {
  region: ['eu', 'us', 'ap'],
  plan: [1, 2, '1', true],
  user: ['a', 'b', 'c', 'B', 1],
} as const;
type DimColumn = keyof typeof POOLS;
const DIMS = Object.keys(POOLS) as DimColumn[];

const nullish = fc.constantFrom(null, undefined);
const noNegZero = (v: number) => (v === 0 ? 0 : v);
const arbQty = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  fc.integer({ min: -800, max: 800 }).map((k) => k / 8),
  fc.double({ min: -1000, max: 1000, noNaN: true }).map(noNegZero),
  fc.constantFrom(0.1, 0.2, 0.3, -0.7),
  nullish,
  fc.constant(NaN),
);
const arbCost = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 100, noNaN: true }).map(noNegZero));

export type EventRow = Record<string, unknown>;
export const COLUMNS = ['ts', 'region', 'plan', 'user', 'qty', 'cost'];

/** How many events a case has, and which columns its queries may group by. */
interface CaseShape {
  minEvents: number;
  maxEvents: number;
  groupable: string[];
}

function arbEvents(anchors: number[], spread: number, shape: CaseShape): fc.Arbitrary<EventRow[]> {
  const dim = (c: DimColumn) =>
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom<unknown>(...POOLS[c]) }, { weight: 1, arbitrary: nullish });
  const row: fc.Arbitrary<EventRow> = fc.record(
    {
      ts: arbTimeValue(arbInstant(anchors, spread)),
      region: dim('region'),
      plan: dim('plan'),
      user: dim('user'),
      qty: arbQty,
      cost: arbCost,
    },
    { noNullPrototype: true },
  );
  const some = fc.array(row, { minLength: Math.max(1, shape.minEvents), maxLength: shape.maxEvents, size: 'medium' });
  const rows: fc.Arbitrary<EventRow[]> =
    shape.minEvents > 0 ? some : fc.oneof({ weight: 1, arbitrary: fc.constant<EventRow[]>([]) }, { weight: 9, arbitrary: some });
  // Duplicate rows: copies of some rows appended at the end.
  return fc
    .tuple(rows, fc.array(fc.nat({ max: shape.maxEvents - 1 }), { maxLength: 5 }))
    .map(([list, dups]) => list.concat(dups.filter((i) => i < list.length).map((i) => ({ ...list[i] }))));
}

function arbWhereCondition(c: DimColumn): fc.Arbitrary<WhereCondition> {
  const values = [...POOLS[c], null] as (string | number | boolean | null)[];
  return fc.oneof(
    fc.constantFrom(...POOLS[c]),
    fc.subarray(values),
    fc.subarray(values).map((not) => ({ not })),
    fc.constant(null),
  );
}

const QTY_VALUES = [0, 1, 5, -3, 0.1, 0.3, -0.7];
const arbWhere: fc.Arbitrary<Query['where']> = fc.option(
  fc.record(
    {
      ...(Object.fromEntries(DIMS.map((c) => [c, arbWhereCondition(c)])) as Record<DimColumn, fc.Arbitrary<WhereCondition>>),
      qty: fc.oneof(
        fc.subarray([...QTY_VALUES, null]),
        fc.subarray([...QTY_VALUES, null]).map((not) => ({ not })),
      ),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined, freq: 2 },
);

/** An instant as a query may give it: epoch ms, ISO with Z or an offset, or a Date. */
function instantForm(ms: number, form: number): number | string | Date {
  return [ms, new Date(ms).toISOString(), isoWithOffset(ms, 345), new Date(ms)][form % 4];
}

const arbMeasure = fc
  .constantFrom<MeasureOp>('sum', 'count', 'min', 'max', 'avg', 'countDistinct', 'latest')
  .chain((op): fc.Arbitrary<MeasureSpec> => {
    if (op === 'sum' || op === 'min' || op === 'max' || op === 'avg')
      return fc.constantFrom('qty', 'cost').map((column) => ({ op, column }));
    const any = fc.constantFrom('region', 'plan', 'user', 'qty', 'cost');
    if (op === 'count') return fc.option(any, { nil: undefined }).map((column) => (column ? { op, column } : { op }));
    return any.map((column) => ({ op, column }));
  });

function arbQuery(anchors: Anchor[], scale: Scale, window: WindowSpec, shape: CaseShape): fc.Arbitrary<Query> {
  const { offset } = SPREAD[scale];
  const instants = anchors.map((a) => a.ms);
  const fixed = typeof window === 'object' || /\d/.test(window);
  return fc
    .record({
      // Half the time the zone of an anchor, so that its transition is inside the data.
      timeZone: fc.oneof(fc.constantFrom(...ZONES), fc.constantFrom(...anchors.map((a) => a.zone))),
      origin: fixed ? fc.option(arbInstant(instants, 86_400_000), { nil: undefined }) : fc.constant(undefined),
      // Around an anchor, where the events crowd: [anchor - before, anchor + after).
      range: fc.option(fc.tuple(fc.constantFrom(...instants), arbReach(0, offset), arbReach(1, offset)), { nil: undefined }),
      form: fc.nat(),
      groupBy: fc.shuffledSubarray(shape.groupable),
      where: arbWhere,
      measures: fc.array(arbMeasure, { minLength: 1, maxLength: 4 }),
      zeroFill: fc.boolean(),
    })
    .map((q) => {
      const query: Query = {
        time: 'ts',
        window,
        timeZone: q.timeZone,
        groupBy: q.groupBy,
        measures: Object.fromEntries(q.measures.map((m, i) => [`m${i}`, m])),
      };
      if (q.origin !== undefined) query.origin = instantForm(q.origin, q.form >> 2);
      if (q.where !== undefined) query.where = q.where;
      if (q.range) {
        const [anchor, before, after] = q.range;
        query.range = { start: instantForm(anchor - before, q.form), end: instantForm(anchor + after, q.form >> 1) };
        query.fill = q.zeroFill ? 'zero' : 'none';
      }
      return query;
    });
}

/** Events plus one or two queries over the same events object (the second one hits the engine's cache). */
function arbCaseOf(shape: CaseShape) {
  return fc
    .tuple(fc.constantFrom(...WINDOWS), fc.constantFrom(...SEASONS), fc.constantFrom(...WINDOWS))
    .chain(([[window, scale], season, [window2, scale2]]) => {
      // The finest window of the two decides how far the instants may spread.
      const narrowest: Scale =
        scale === 'fine' || scale2 === 'fine' ? 'fine' : scale === 'hours' || scale2 === 'hours' ? 'hours' : 'days';
      return fc.shuffledSubarray(season, { minLength: 1, maxLength: SPREAD[narrowest].anchors }).chain((anchors) =>
        fc.record({
          events: arbEvents(
            anchors.map((a) => a.ms),
            SPREAD[narrowest].offset,
            shape,
          ),
          asTable: fc.boolean(),
          queries: fc
            .tuple(
              arbQuery(anchors, narrowest, window, shape),
              fc.option(arbQuery(anchors, narrowest, window2, shape), { nil: undefined }),
            )
            .map(([a, b]) => (b ? [a, b] : [a])),
        }),
      );
    });
}

/** Up to 35 events; queries may group by the float column too. */
export const arbCase = arbCaseOf({ minEvents: 0, maxEvents: 30, groupable: [...DIMS, 'qty'] });
/** 300–1,500 events, enough for the shards to split the windows between them. */
export const arbLargeCase = arbCaseOf({ minEvents: 300, maxEvents: 1500, groupable: [...DIMS] });
