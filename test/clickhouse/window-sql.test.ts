/**
 * The window lookup the SQL evaluates, evaluated here in JS against the engine's own
 * `windowIndex` on real and synthetic grids. No server needed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { windowLookup, windowIndexSql, type WindowLookup } from '../../src/clickhouse/window-sql.ts';
import { buildGrid, windowIndex } from '../../src/engine/windows.ts';

/** What the SQL computes for an event at `offset` ms after grid[0]. */
function evaluate(lookup: WindowLookup, offset: number): number {
  switch (lookup.kind) {
    case 'single':
      return 0;
    case 'uniform':
      return Math.floor(offset / lookup.step);
    case 'buckets': {
      const b = lookup.lut[Math.floor(offset / lookup.q)];
      let w = b;
      for (let j = 1; j <= lookup.m; j++) if (b + j < lookup.offsets.length && offset >= lookup.offsets[b + j]) w++;
      return w;
    }
  }
}

function checkEveryBoundary(grid: Float64Array): void {
  const lookup = windowLookup(grid);
  const g0 = grid[0];
  for (let i = 0; i < grid.length - 1; i++) {
    for (const t of [grid[i], grid[i] + 1, (grid[i] + grid[i + 1]) / 2, grid[i + 1] - 1].map(Math.floor)) {
      if (t < grid[i] || t >= grid[i + 1]) continue;
      expect(evaluate(lookup, t - g0), `t=${t}`).toBe(windowIndex(grid, t));
    }
  }
}

describe('windowLookup', () => {
  it('is plain division for uniform grids', () => {
    expect(windowLookup(buildGrid({ kind: 'fixed', stepMs: 900_000, originMs: 0 }, 0, 10 * 900_000))).toEqual({
      kind: 'uniform',
      step: 900_000,
    });
    expect(
      windowLookup(
        buildGrid(
          { kind: 'calendar', unit: 'hour', timeZone: 'America/New_York' },
          Date.parse('2026-03-07T00:00Z'),
          Date.parse('2026-03-10T00:00Z'),
        ),
      ),
    ).toEqual({ kind: 'uniform', step: 3_600_000 });
    expect(windowIndexSql('d', Float64Array.of(0, 86_400_000, 172_800_000)).index).toBe('intDiv(d, 86400000)');
    expect(windowIndexSql('d', Float64Array.of(5, 9)).index).toBe('0');
  });

  it('finds the engine window on calendar grids across DST and 30-minute shifts', () => {
    const cases: ['hour' | 'day' | 'week' | 'month' | 'quarter' | 'year', string, string, string][] = [
      ['day', 'America/New_York', '2025-01-01T00:00Z', '2027-12-31T00:00Z'],
      ['hour', 'Australia/Lord_Howe', '2026-03-01T00:00Z', '2026-05-01T00:00Z'],
      ['month', 'Pacific/Chatham', '2020-01-01T00:00Z', '2030-01-01T00:00Z'],
      ['week', 'Europe/London', '2025-01-01T00:00Z', '2027-01-01T00:00Z'],
      ['quarter', 'Asia/Kolkata', '2000-01-01T00:00Z', '2030-01-01T00:00Z'],
      ['year', 'America/Havana', '1990-01-01T00:00Z', '2040-01-01T00:00Z'],
    ];
    for (const [unit, timeZone, from, to] of cases) {
      const grid = buildGrid({ kind: 'calendar', unit, timeZone }, Date.parse(from), Date.parse(to));
      expect(windowLookup(grid).kind).toBe('buckets');
      checkEveryBoundary(grid);
    }
  });

  it('uses several comparisons per row when windows differ wildly in length', () => {
    // 2 short windows then one very long one, many times: the table would be huge at Q = 1 ms.
    const bounds = [0];
    for (let i = 0; i < 3000; i++) bounds.push(bounds.at(-1)! + 1, bounds.at(-1)! + 2, bounds.at(-1)! + 100_000);
    const grid = Float64Array.from(bounds);
    const lookup = windowLookup(grid);
    expect(lookup.kind === 'buckets' && lookup.m).toBeGreaterThan(1);
    checkEveryBoundary(grid);
    expect(windowIndexSql('d', grid).index).toMatch(
      /^__ua_b \+ \(d >= arrayElement\(__ua_offsets, __ua_b \+ 2\)\) \+ \(d >= arrayElement\(__ua_offsets, __ua_b \+ 3\)\)/,
    );
  });

  it('on random grids', () => {
    const arbGrid = fc
      .array(fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 100_000 })), { minLength: 1, maxLength: 300 })
      .chain((lens) =>
        fc.integer({ min: -1e12, max: 1e12 }).map((start) => {
          const grid = new Float64Array(lens.length + 1);
          grid[0] = start;
          lens.forEach((len, i) => {
            grid[i + 1] = grid[i] + len;
          });
          return grid;
        }),
      );
    fc.assert(
      fc.property(arbGrid, (grid) => checkEveryBoundary(grid)),
      { numRuns: 200 },
    );
  });
});
