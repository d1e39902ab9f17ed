import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil } from '../../src/engine/civil.ts';
import type { PlanWindow } from '../../src/engine/plan.ts';
import { buildGrid, cappedGrid, gridCounters, windowCountBound } from '../../src/engine/windows.ts';
import { createEngine, QueryError } from '../../src/index.ts';
import { windowsCovering } from '../reference/windows.ts';
import { ZONES } from './arbitraries.ts';

const DATE_UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const;
const MAX = 8.64e15;

describe('civil day numbers', () => {
  it('agree with Date.UTC over any date a Date holds, and round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (days) => {
        const { year, month, day } = civilFromDays(days);
        const d = new Date(days * 86_400_000);
        expect([year, month, day]).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
        expect(daysFromCivil(year, month, day)).toBe(days);
      }),
      { numRuns: 300 },
    );
  });
});

describe('calendar grids by arithmetic between transitions', () => {
  it('equal the reference (Temporal at every date) over ranges of months to decades', () => {
    const from = fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2035, 0, 1) });
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...DATE_UNITS),
        from,
        fc.integer({ min: 0, max: 3 * 365 }),
        (timeZone, unit, start, days) => {
          const to = start + days * 86_400_000;
          const grid = Array.from(buildGrid({ kind: 'calendar', unit, timeZone }, start, to));
          const ref = windowsCovering({ kind: 'calendar', unit, timeZone }, start, to);
          expect(grid).toEqual([...ref.map((w) => w.start), ref[ref.length - 1].end]);
          expect(windowCountBound({ kind: 'calendar', unit, timeZone }, start, to)).toBe(grid.length - 1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('clock-unit counts are exact', () => {
    const from = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) });
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom('minute', 'hour') as fc.Arbitrary<'minute' | 'hour'>,
        from,
        fc.integer({ min: 0, max: 40 * 86_400_000 }),
        (timeZone, unit, start, span) => {
          const w: PlanWindow = { kind: 'calendar', unit, timeZone };
          const windows = buildGrid(w, start, start + span).length - 1;
          expect(windowCountBound(w, start, start + span)).toBe(windows);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('asks Temporal only near transitions: a New York day grid over 2,000 years', () => {
    const calls = gridCounters.temporalCalls;
    const grid = buildGrid(
      { kind: 'calendar', unit: 'day', timeZone: 'America/New_York' },
      -62135596800000,
      Date.UTC(2026, 0, 1),
    );
    expect(grid.length).toBeGreaterThan(700_000);
    // New York has had about 300 transitions: a few calls each, not one per day.
    expect(gridCounters.temporalCalls - calls).toBeLessThan(3_000);
  });
});

describe('the cap comes before the grid', () => {
  it('a day grid over 30,000 years is refused without building a boundary', () => {
    const built = gridCounters.boundaries;
    const w: PlanWindow = { kind: 'calendar', unit: 'day', timeZone: 'America/New_York' };
    expect(() => cappedGrid(w, -MAX, -MAX + 30_000 * 365.25 * 86_400_000, 10_000_000)).toThrow(QueryError);
    expect(() =>
      cappedGrid(
        { kind: 'calendar', unit: 'minute', timeZone: 'America/New_York' },
        Date.UTC(1990, 0, 1),
        Date.UTC(2028, 0, 1),
        10_000_000,
      ),
    ).toThrow(/plans more than 10000000 cells/);
    expect(gridCounters.boundaries).toBe(built);
  });

  it("with fill 'none' a range of 500,000 years builds only the events' windows", async () => {
    const engine = createEngine({ workers: 0 });
    const range = { start: -MAX, end: MAX };
    const events = [{ ts: 0 }, { ts: 3 * 86_400_000 }];
    const built = gridCounters.boundaries;
    const t = await engine.aggregate(events, { time: 'ts', window: 'day', range, measures: { n: { op: 'count' } } });
    expect(t.objects().map((r) => (r as { window_start: number }).window_start)).toEqual([0, 3 * 86_400_000]);
    expect(gridCounters.boundaries - built).toBe(5);
    await expect(
      engine.aggregate(events, { time: 'ts', window: 'day', range, fill: 'zero', measures: { n: { op: 'count' } } }),
    ).rejects.toThrow(/plans more than 10000000 cells/);
    expect(gridCounters.boundaries - built).toBe(5);
  });

  it('allows a grid of exactly the cap', () => {
    const grid = cappedGrid({ kind: 'calendar', unit: 'day', timeZone: 'UTC' }, 0, 9 * 86_400_000, 10);
    expect(grid.length).toBe(11);
    expect(() => cappedGrid({ kind: 'calendar', unit: 'day', timeZone: 'UTC' }, 0, 10 * 86_400_000, 10)).toThrow(QueryError);
  });
});

describe('instants at the edge of what a Date holds', () => {
  const engine = createEngine({ workers: 0 });
  afterAll(() => engine.close());
  const measures = { n: { op: 'count' as const } };

  it.each(['UTC', 'America/New_York', 'Pacific/Kiritimati'])('month and hour windows around ±8.64e15 in %s', async (timeZone) => {
    for (const ts of [-MAX, MAX]) {
      for (const window of ['month', 'year', 'hour', 'minute', 'day'] as const) {
        const rows = (await engine.aggregate([{ ts }], { time: 'ts', window, timeZone, measures })).objects();
        expect(rows).toHaveLength(1);
        const { window_start, window_end, n } = rows[0] as { window_start: number; window_end: number; n: number };
        expect(n).toBe(1);
        expect(window_start <= ts && ts < window_end).toBe(true);
      }
    }
    const utc = (await engine.aggregate([{ ts: -MAX }], { time: 'ts', window: 'month', measures })).objects()[0];
    // -271821-04-20T00:00Z lies in April -271821, which starts 19 days earlier.
    expect(utc).toMatchObject({ window_start: -MAX - 19 * 86_400_000, window_end: -MAX + 11 * 86_400_000 });
  });

  it('rejects an instant beyond the bound naming the row', async () => {
    await expect(engine.aggregate([{ ts: 0 }, { ts: MAX + 1 }], { time: 'ts', window: 'day', measures })).rejects.toThrow(
      'events[1].ts: 8640000000000001 is outside the instants a Date can hold (epoch ms within ±8.64e15)',
    );
    await expect(
      engine.aggregate([{ ts: 0 }], { time: 'ts', window: 'day', measures, range: { start: -MAX - 1, end: 0 } }),
    ).rejects.toThrow(/range\.start/);
  });
});
