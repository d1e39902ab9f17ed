/**
 * Hour and minute grids around offset transitions, against boundaries worked out by hand from
 * each zone's rules, for many grid start points: a grid must not depend on where its range
 * starts (a window that holds `from` is the same window whichever instant of it `from` is).
 */
import { Temporal } from 'temporal-polyfill';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanWindow } from '../../src/engine/plan.ts';
import { buildGrid, calendarWindowStart, windowCountBound } from '../../src/engine/windows.ts';
import { windowsCovering } from '../reference/windows.ts';
import { ZONES } from './arbitraries.ts';

const MIN = 60_000;
const utc = (iso: string) => Date.parse(`${iso}Z`);

interface Case {
  name: string;
  timeZone: string;
  /** The offset transition. */
  at: string;
  /** Every hour boundary from two hours before the transition to two after, by hand. */
  bounds: string[];
}

const CASES: Case[] = [
  // +13:45 → +12:45 at 03:45 local: back to 02:45, which is off the hour, so the hour that
  // began at 03:00 (13:15Z) runs until the clock reads 03:00 again (14:15Z). No boundary at 14:00Z.
  {
    name: 'Chatham autumn',
    timeZone: 'Pacific/Chatham',
    at: '2026-04-04T14:00',
    bounds: ['2026-04-04T12:15', '2026-04-04T13:15', '2026-04-04T14:15', '2026-04-04T15:15', '2026-04-04T16:15'],
  },
  // +12:45 → +13:45 at 02:45 local: 03:00 is skipped, so the hour starts at the jump (14:00Z)
  // and lasts 15 minutes, to 04:00 local (14:15Z).
  {
    name: 'Chatham spring',
    timeZone: 'Pacific/Chatham',
    at: '2026-09-26T14:00',
    bounds: [
      '2026-09-26T12:15',
      '2026-09-26T13:15',
      '2026-09-26T14:00',
      '2026-09-26T14:15',
      '2026-09-26T15:15',
      '2026-09-26T16:15',
    ],
  },
  // +11 → +10:30 at 02:00 local: back to 01:30, so the 01:00 hour (14:00Z) runs 90 minutes to
  // 02:00 local under +10:30 (15:30Z).
  {
    name: 'Lord Howe autumn',
    timeZone: 'Australia/Lord_Howe',
    at: '2026-04-04T15:00',
    bounds: ['2026-04-04T13:00', '2026-04-04T14:00', '2026-04-04T15:30', '2026-04-04T16:30'],
  },
  // +10:30 → +11 at 02:00 local: 02:00 is skipped, the hour starts at the jump, 30 minutes long.
  {
    name: 'Lord Howe spring',
    timeZone: 'Australia/Lord_Howe',
    at: '2026-10-03T15:30',
    bounds: ['2026-10-03T13:30', '2026-10-03T14:30', '2026-10-03T15:30', '2026-10-03T16:00', '2026-10-03T17:00'],
  },
  // Whole-hour changes on the hour: every hour on the UTC clock's :00 (New York), :30 (Adelaide).
  {
    name: 'New York autumn',
    timeZone: 'America/New_York',
    at: '2026-11-01T06:00',
    bounds: ['2026-11-01T04:00', '2026-11-01T05:00', '2026-11-01T06:00', '2026-11-01T07:00', '2026-11-01T08:00'],
  },
  {
    name: 'New York spring',
    timeZone: 'America/New_York',
    at: '2026-03-08T07:00',
    bounds: ['2026-03-08T05:00', '2026-03-08T06:00', '2026-03-08T07:00', '2026-03-08T08:00', '2026-03-08T09:00'],
  },
  {
    name: 'Adelaide autumn',
    timeZone: 'Australia/Adelaide',
    at: '2026-04-04T16:30',
    bounds: ['2026-04-04T14:30', '2026-04-04T15:30', '2026-04-04T16:30', '2026-04-04T17:30', '2026-04-04T18:30'],
  },
];

/** Grid start points: every 5 minutes across the case, and the instants either side of each boundary. */
function startPoints(at: number, bounds: number[]): number[] {
  const points = [at - 1, at, at + 1];
  for (let t = bounds[0]; t < bounds[bounds.length - 1]; t += 5 * MIN) points.push(t);
  for (const b of bounds) points.push(b - 1, b, b + 1);
  return points.filter((t) => t >= bounds[0] && t < bounds[bounds.length - 1]);
}

describe.each(CASES)('hour grid, $name', ({ timeZone, at, bounds }) => {
  const window: PlanWindow = { kind: 'calendar', unit: 'hour', timeZone };
  const b = bounds.map(utc);
  const to = b[b.length - 1] - 1; // the last window ends at the last boundary

  it('is the same grid from every start point, and matches the hand-worked boundaries', () => {
    // The transition really is where the case says.
    const before = Temporal.Instant.fromEpochMilliseconds(utc(at) - 1).toZonedDateTimeISO(timeZone);
    expect(before.getTimeZoneTransition('next')?.epochMilliseconds).toBe(utc(at));
    for (const from of startPoints(utc(at), b)) {
      const i = b.findLastIndex((x) => x <= from);
      const expected = b.slice(i);
      const grid = Array.from(buildGrid(window, from, to));
      expect(grid, `from ${new Date(from).toISOString()}`).toEqual(expected);
      expect(calendarWindowStart(from, 'hour', timeZone)).toBe(b[i]);
      expect(windowCountBound(window, from, to)).toBe(expected.length - 1);
      // The naive reference (Temporal per window) agrees.
      const ref = windowsCovering({ kind: 'calendar', unit: 'hour', timeZone }, from, to);
      expect([...ref.map((w) => w.start), ref[ref.length - 1].end]).toEqual(expected);
    }
  });

  it('has minute windows on every minute across the transition', () => {
    // Every offset here is a whole number of minutes and every transition falls on a minute.
    for (const from of [utc(at) - 5 * MIN, utc(at) - 1, utc(at), utc(at) + 30_000]) {
      const grid = Array.from(buildGrid({ kind: 'calendar', unit: 'minute', timeZone }, from, utc(at) + 3 * MIN - 1));
      const first = Math.floor(from / MIN) * MIN;
      expect(grid).toEqual(Array.from({ length: grid.length }, (_, k) => first + k * MIN));
      expect(grid[grid.length - 1]).toBe(utc(at) + 3 * MIN);
    }
  });
});

describe('hour and minute grids near any transition', () => {
  it('equal the reference (Temporal per window) from start points around the transition', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES.filter((z) => z !== 'UTC')),
        fc.constantFrom('minute', 'hour') as fc.Arbitrary<'minute' | 'hour'>,
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.integer({ min: -3 * 60 * MIN, max: 3 * 60 * MIN }),
        fc.integer({ min: 0, max: 6 * 60 * MIN }),
        (timeZone, unit, near, shift, span) => {
          const zdt = Temporal.Instant.fromEpochMilliseconds(near).toZonedDateTimeISO(timeZone);
          const at = zdt.getTimeZoneTransition('next')?.epochMilliseconds;
          if (at === undefined) return;
          const from = at + shift;
          const window: PlanWindow = { kind: 'calendar', unit, timeZone };
          const grid = Array.from(buildGrid(window, from, from + span));
          const ref = windowsCovering(window, from, from + span);
          expect(grid).toEqual([...ref.map((w) => w.start), ref[ref.length - 1].end]);
          expect(windowCountBound(window, from, from + span)).toBe(grid.length - 1);
        },
      ),
      { numRuns: 60 },
    );
  });
});
