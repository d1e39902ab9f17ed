/**
 * The reference checked by hand: every expected instant below is written out in UTC from the
 * zone's known offsets, with the local reading in the comment.
 */
import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import * as aq from 'arquero';
import { QueryError } from '../../src/errors.ts';
import type { Query } from '../../src/engine/types.ts';
import { referenceAggregate } from './reference.ts';
import { clockWindowStart, windowOf, windowsCovering, type RefWindow } from './windows.ts';

const Z = (iso: string) => Date.parse(iso);
const cal = (unit: 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year', timeZone = 'UTC'): RefWindow => ({
  kind: 'calendar',
  unit,
  timeZone,
});
const span = (start: string, end: string) => ({ start: Z(start), end: Z(end) });

describe('reference windows', () => {
  it('a New York day is 23 hours on 2026-03-08 and 25 on 2026-11-01', () => {
    // EST is -05:00, EDT -04:00: 03-08 00:00 EST = 05:00Z, 03-09 00:00 EDT = 04:00Z.
    expect(windowOf(cal('day', 'America/New_York'), Z('2026-03-08T12:00:00Z'))).toEqual(
      span('2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z'),
    );
    // 11-01 00:00 EDT = 04:00Z, 11-02 00:00 EST = 05:00Z.
    expect(windowOf(cal('day', 'America/New_York'), Z('2026-11-01T12:00:00Z'))).toEqual(
      span('2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z'),
    );
  });

  it('a day whose midnight is skipped starts at the first instant after it (Havana 2026-03-08)', () => {
    // Havana jumps 00:00 CST (-05) → 01:00 CDT (-04) at 05:00Z.
    expect(windowOf(cal('day', 'America/Havana'), Z('2026-03-08T05:00:00Z'))).toEqual(
      span('2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z'),
    );
    expect(windowOf(cal('day', 'America/Havana'), Z('2026-03-08T04:59:59.999Z'))).toEqual(
      span('2026-03-07T05:00:00Z', '2026-03-08T05:00:00Z'),
    );
  });

  it('weeks start on Monday, months and quarters at local midnight of their first day', () => {
    // 2026-03-08 is a Sunday: its week is Mon 03-02 .. Mon 03-09.
    expect(windowOf(cal('week'), Z('2026-03-08T23:00:00Z'))).toEqual(span('2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z'));
    expect(windowOf(cal('week'), Z('2026-03-09T00:00:00Z'))).toEqual(span('2026-03-09T00:00:00Z', '2026-03-16T00:00:00Z'));
    // March in New York: 03-01 00:00 EST = 05:00Z to 04-01 00:00 EDT = 04:00Z.
    expect(windowOf(cal('month', 'America/New_York'), Z('2026-03-20T00:00:00Z'))).toEqual(
      span('2026-03-01T05:00:00Z', '2026-04-01T04:00:00Z'),
    );
    expect(windowOf(cal('quarter'), Z('2026-05-20T00:00:00Z'))).toEqual(span('2026-04-01T00:00:00Z', '2026-07-01T00:00:00Z'));
    expect(windowOf(cal('year', 'Asia/Kolkata'), Z('2026-05-20T00:00:00Z'))).toEqual(
      span('2025-12-31T18:30:00Z', '2026-12-31T18:30:00Z'),
    );
  });

  it('an hour in Asia/Kolkata starts at :30 UTC', () => {
    // 00:10Z = 05:40 IST; its hour is 05:00–06:00 IST = 23:30Z–00:30Z.
    expect(windowOf(cal('hour', 'Asia/Kolkata'), Z('2026-01-01T00:10:00Z'))).toEqual(
      span('2025-12-31T23:30:00Z', '2026-01-01T00:30:00Z'),
    );
  });

  it('the repeated New York hour is two windows', () => {
    // 05:30Z = 01:30 EDT, 06:30Z = 01:30 EST.
    expect(windowOf(cal('hour', 'America/New_York'), Z('2026-11-01T05:30:00Z'))).toEqual(
      span('2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z'),
    );
    expect(windowOf(cal('hour', 'America/New_York'), Z('2026-11-01T06:30:00Z'))).toEqual(
      span('2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z'),
    );
    // Spring: 01:00 EST (06:00Z) is followed by 03:00 EDT (07:00Z).
    expect(windowOf(cal('hour', 'America/New_York'), Z('2026-03-08T06:59:59.999Z'))).toEqual(
      span('2026-03-08T06:00:00Z', '2026-03-08T07:00:00Z'),
    );
  });

  it('Lord Howe: 02:00 → 02:30 starts a window at the jump; 02:00 → 01:30 makes a 90-minute hour', () => {
    const w = cal('hour', 'Australia/Lord_Howe');
    // Spring 2026-10-03T15:30Z: 01:00+10:30 = 14:30Z, the jump to 02:30+11 at 15:30Z, 03:00+11 = 16:00Z.
    expect(windowOf(w, Z('2026-10-03T15:10:00Z'))).toEqual(span('2026-10-03T14:30:00Z', '2026-10-03T15:30:00Z'));
    expect(windowOf(w, Z('2026-10-03T15:40:00Z'))).toEqual(span('2026-10-03T15:30:00Z', '2026-10-03T16:00:00Z'));
    expect(windowOf(w, Z('2026-10-03T16:10:00Z'))).toEqual(span('2026-10-03T16:00:00Z', '2026-10-03T17:00:00Z'));
    // Autumn 2026-04-04T15:00Z: 01:00+11 = 14:00Z; back to 01:30+10:30; 02:00+10:30 = 15:30Z.
    expect(windowOf(w, Z('2026-04-04T14:10:00Z'))).toEqual(span('2026-04-04T14:00:00Z', '2026-04-04T15:30:00Z'));
    expect(windowOf(w, Z('2026-04-04T15:10:00Z'))).toEqual(span('2026-04-04T14:00:00Z', '2026-04-04T15:30:00Z'));
    expect(windowOf(w, Z('2026-04-04T15:40:00Z'))).toEqual(span('2026-04-04T15:30:00Z', '2026-04-04T16:30:00Z'));
  });

  it('Chatham: the hour whose mark is jumped over (02:45 → 03:45) starts at the jump', () => {
    const w = cal('hour', 'Pacific/Chatham');
    // Spring 2026-09-26T14:00Z: 02:00+12:45 = 13:15Z; jump to 03:45+13:45; 04:00+13:45 = 14:15Z.
    expect(windowOf(w, Z('2026-09-26T13:50:00Z'))).toEqual(span('2026-09-26T13:15:00Z', '2026-09-26T14:00:00Z'));
    expect(windowOf(w, Z('2026-09-26T14:05:00Z'))).toEqual(span('2026-09-26T14:00:00Z', '2026-09-26T14:15:00Z'));
    expect(windowOf(w, Z('2026-09-26T14:20:00Z'))).toEqual(span('2026-09-26T14:15:00Z', '2026-09-26T15:15:00Z'));
    // Autumn 2026-04-04T14:00Z: 03:00+13:45 = 13:15Z; back to 02:45+12:45; 03:00+12:45 = 14:15Z.
    expect(windowOf(w, Z('2026-04-04T14:05:00Z'))).toEqual(span('2026-04-04T13:15:00Z', '2026-04-04T14:15:00Z'));
  });

  it('agrees with Temporal round(floor) around every 2026 transition where no mark is jumped over', () => {
    // Pacific/Chatham is left out: there Temporal's floor of 03:50+13:45 is 04:00+13:45, after the instant.
    const zones = ['UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'America/Havana', 'Australia/Lord_Howe'];
    for (const timeZone of zones) {
      const z = Temporal.Instant.fromEpochMilliseconds(Z('2026-01-01T00:00:00Z')).toZonedDateTimeISO(timeZone);
      const centres = [z.epochMilliseconds];
      for (let next = z.getTimeZoneTransition('next'); next && next.year === 2026; next = next.getTimeZoneTransition('next')) {
        centres.push(next.epochMilliseconds);
      }
      for (const c of centres) {
        for (let t = c - 3 * 3_600_000; t < c + 3 * 3_600_000; t += 4 * 60_000 + 7_000) {
          for (const unit of ['minute', 'hour'] as const) {
            const floor = Temporal.Instant.fromEpochMilliseconds(t)
              .toZonedDateTimeISO(timeZone)
              .round({ smallestUnit: unit, roundingMode: 'floor' }).epochMilliseconds;
            expect(clockWindowStart(t, unit, timeZone)).toBe(floor);
          }
        }
      }
    }
  });

  it('fixed windows count from the origin; 1d is not a New York day', () => {
    const w: RefWindow = { kind: 'fixed', step: 15 * 60_000, origin: Z('2026-01-01T00:05:00Z') };
    expect(windowOf(w, Z('2026-01-01T00:04:00Z'))).toEqual(span('2025-12-31T23:50:00Z', '2026-01-01T00:05:00Z'));
    const day: RefWindow = { kind: 'fixed', step: 86_400_000, origin: 0 };
    expect(windowOf(day, Z('2026-03-08T06:00:00Z'))).toEqual(span('2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z'));
  });

  it('lists the windows of a range through a DST change', () => {
    // 00:00–04:00 local on 2026-03-08 in New York: 00 (05Z), 01 (06Z), 03 (07Z), 04 (08Z) up to 08:59Z.
    expect(
      windowsCovering(cal('hour', 'America/New_York'), Z('2026-03-08T05:00:00Z'), Z('2026-03-08T08:59:59.999Z')).map((s) =>
        new Date(s.start).toISOString().slice(11, 16),
      ),
    ).toEqual(['05:00', '06:00', '07:00', '08:00']);
  });
});

const base: Pick<Query, 'time'> = { time: 'ts' };

describe('reference aggregation', () => {
  const events = [
    { ts: Z('2026-01-01T00:10:00Z'), region: 'eu', user: 'a', qty: 5 },
    { ts: Z('2026-01-01T00:20:00Z'), region: 'eu', user: null, qty: null },
    { ts: Z('2026-01-01T00:20:00Z'), region: 'us', user: 'a', qty: 2.5 },
    { ts: Z('2026-01-01T01:05:00Z'), region: null, user: 'b', qty: -1 },
    { ts: Z('2026-01-01T00:20:00Z'), region: 'eu', user: 'c', qty: 7 },
  ];

  it('computes the seven measures per window × group, nulls last', () => {
    const rows = referenceAggregate(events, {
      ...base,
      window: 'hour',
      groupBy: ['region'],
      measures: {
        n: { op: 'count' },
        q: { op: 'count', column: 'qty' },
        s: { op: 'sum', column: 'qty' },
        lo: { op: 'min', column: 'qty' },
        hi: { op: 'max', column: 'qty' },
        a: { op: 'avg', column: 'qty' },
        u: { op: 'countDistinct', column: 'user' },
        last: { op: 'latest', column: 'user' },
      },
    });
    const h0 = Z('2026-01-01T00:00:00Z'),
      h1 = Z('2026-01-01T01:00:00Z'),
      h2 = Z('2026-01-01T02:00:00Z');
    expect(rows).toEqual([
      // eu 00:xx: qty 5, null, 7 → sum 12, avg 6; users a, null, c; rows 2 and 5 tie at 00:20 → the later, 'c'.
      { window_start: h0, window_end: h1, region: 'eu', n: 3, q: 2, s: 12, lo: 5, hi: 7, a: 6, u: 2, last: 'c' },
      { window_start: h0, window_end: h1, region: 'us', n: 1, q: 1, s: 2.5, lo: 2.5, hi: 2.5, a: 2.5, u: 1, last: 'a' },
      { window_start: h1, window_end: h2, region: null, n: 1, q: 1, s: -1, lo: -1, hi: -1, a: -1, u: 1, last: 'b' },
    ]);
  });

  it('reads an arquero table the same as records', () => {
    const q: Query = { ...base, window: 'day', groupBy: ['user'], measures: { s: { op: 'sum', column: 'qty' } } };
    expect(referenceAggregate(aq.from(events), q)).toEqual(referenceAggregate(events, q));
  });

  it('applies the where forms and the half-open range', () => {
    const q = (where: Query['where']): Query => ({
      ...base,
      window: 'none',
      where,
      measures: { n: { op: 'count' } },
      range: { start: '2026-01-01T00:10:00Z', end: '2026-01-01T01:05:00Z' },
    });
    const n = (where: Query['where']) => referenceAggregate(events, q(where)).map((r) => r.n);
    // The range keeps rows 1, 2, 3, 5 (01:05 is the end, excluded).
    expect(n(undefined)).toEqual([4]);
    expect(n({ region: 'eu' })).toEqual([3]);
    expect(n({ region: ['us', null] })).toEqual([1]);
    expect(n({ user: { not: ['a'] } })).toEqual([2]); // null passes a `not` without null
    expect(n({ user: { not: ['a', null] } })).toEqual([1]);
    expect(n({ user: null })).toEqual([1]);
    expect(n({ region: 'none' })).toEqual([]);
  });

  it('zero-fills every window × every group seen, and orders mixed types boolean < number < string < null', () => {
    const ev = [
      { ts: Z('2026-01-01T00:00:00Z'), k: 'x' },
      { ts: Z('2026-01-01T02:00:00Z'), k: 1 },
      { ts: Z('2026-01-01T02:30:00Z'), k: true },
      { ts: Z('2026-01-01T02:40:00Z'), k: undefined },
    ];
    const rows = referenceAggregate(ev, {
      ...base,
      window: 'hour',
      groupBy: ['k'],
      fill: 'zero',
      measures: { n: { op: 'count' }, m: { op: 'max', column: 'ts' } },
      range: { start: '2026-01-01T01:00:00Z', end: '2026-01-01T03:00:00Z' },
    });
    expect(rows.map((r) => [new Date(r.window_start as number).getUTCHours(), r.k, r.n, r.m])).toEqual([
      [1, true, 0, null],
      [1, 1, 0, null],
      [1, null, 0, null],
      [2, true, 1, Z('2026-01-01T02:30:00Z')],
      [2, 1, 1, Z('2026-01-01T02:00:00Z')],
      [2, null, 1, Z('2026-01-01T02:40:00Z')],
    ]);
  });

  it("'none' without a range spans the first to the last event + 1 ms", () => {
    expect(referenceAggregate(events, { ...base, window: 'none', measures: { n: { op: 'count' } } })).toEqual([
      { window_start: Z('2026-01-01T00:10:00Z'), window_end: Z('2026-01-01T01:05:00.001Z'), n: 5 },
    ]);
  });

  it('names the row of a bad instant or a non-number in a summed column', () => {
    const bad = [
      { ts: 0, v: 1 },
      { ts: '2026-01-01T00:00:00', v: 1 },
    ];
    expect(() => referenceAggregate(bad, { ...base, window: 'day', measures: {} })).toThrow(QueryError);
    expect(() => referenceAggregate(bad, { ...base, window: 'day', measures: {} })).toThrow(/^events\[1\]\.ts: "2026/);
    const str = [
      { ts: 0, v: 1 },
      { ts: 1, v: '2' },
    ];
    expect(() => referenceAggregate(str, { ...base, window: 'day', measures: { s: { op: 'sum', column: 'v' } } })).toThrow(
      'events[1].v: "2" is not a number (measure \'s\')',
    );
    expect(() => referenceAggregate(str, { ...base, window: 'day', measures: { s: { op: 'sum', column: 'w' } } })).toThrow(
      "measures.s.column: unknown column 'w'",
    );
  });
});
