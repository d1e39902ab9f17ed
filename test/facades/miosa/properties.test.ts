/** Property: MIOSA totals equal the sums of the events in the period, one result per group value. */
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { createMiosa } from '../../../src/facades/miosa/index.ts';
import { describeEachEngine } from '../common/engines.ts';

const T0 = Date.UTC(2026, 4, 1);
const DAY = 86_400_000;
const metric = fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined, freq: 5 });

const eventArb = fc.record({
  ts: fc.integer({ min: T0 - 40 * DAY, max: T0 + 40 * DAY }),
  workspace_id: fc.constantFrom('w1', 'w2'),
  external_user_id: fc.constantFrom('u1', 'u2', 'u3', null),
  external_project_id: fc.constantFrom('p1', 'p2', null),
  sandbox_seconds: metric,
  computer_seconds: metric,
  storage_gb_hours: metric,
  credit_cents: metric,
});

const METRICS = ['sandbox_seconds', 'computer_seconds', 'storage_gb_hours', 'credit_cents'] as const;

describeEachEngine('miosa properties', (engine) => {
  it('results add up to the events in [period_start, period_end), one per group value, in credit order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { maxLength: 80 }),
        fc.integer({ min: T0 - 10 * DAY, max: T0 + 30 * DAY }),
        fc.constantFrom('7d', '30d', 'mtd'),
        fc.constantFrom('external_user_id', 'external_project_id', 'workspace_id'),
        async (events, now, period, groupBy) => {
          const miosa = createMiosa({ events, engine: engine(), now: () => new Date(now) });
          const res = await miosa.usage.get({ period, group_by: groupBy });
          const start = Date.parse(res.period_start),
            end = Date.parse(res.period_end);
          expect(end > now && end - now <= DAY).toBe(true);
          const inPeriod = events.filter((e) => e.ts >= start && e.ts < end);
          for (const m of METRICS) {
            expect(res.results.reduce((s, x) => s + x[m], 0)).toBe(inPeriod.reduce((s, e) => s + (e[m] ?? 0), 0));
          }
          expect(res.results.map((x) => x[groupBy]).sort()).toEqual([...new Set(inPeriod.map((e) => e[groupBy]))].sort());
          for (let i = 1; i < res.results.length; i++) {
            expect(res.results[i - 1].credit_cents).toBeGreaterThanOrEqual(res.results[i].credit_cents);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
