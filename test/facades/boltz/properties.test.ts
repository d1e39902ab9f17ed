/**
 * Properties of boltz.admin.usage.list over random events and queries: paging yields the
 * unpaginated rows exactly once each, in order, and the quantities add up to the events in
 * the snapped range.
 */
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { createBoltz } from '../../../src/facades/boltz/index.ts';
import { APPLICATIONS } from '../../../src/facades/boltz/params.ts';
import { describeEachEngine } from '../common/engines.ts';

const T0 = Date.UTC(2026, 2, 30, 0, 0, 0);
const HOUR = 3_600_000;
const DAY = 86_400_000;

const eventArb = fc.record({
  ts: fc.integer({ min: T0, max: T0 + 2 * DAY - 1 }).map((ms) => new Date(ms).toISOString()),
  workspace_id: fc.constantFrom('w1', 'w2', 'w3', null),
  application: fc.constantFrom(...APPLICATIONS),
  quantity: fc.integer({ min: 0, max: 100 }),
});

const queryArb = fc.record({
  start: fc.integer({ min: T0 - DAY, max: T0 + 2 * DAY }),
  length: fc.integer({ min: 1, max: 2 * DAY }),
  window_size: fc.constantFrom('HOUR', 'DAY'),
  group_by: fc.subarray(['workspace_id', 'application']),
  applications: fc.option(fc.subarray([...APPLICATIONS], { minLength: 1 }), { nil: undefined }),
  workspace_ids: fc.option(fc.subarray(['w1', 'w2', 'w9'], { minLength: 1 }), { nil: undefined }),
});

type RandomQuery = typeof queryArb extends fc.Arbitrary<infer T> ? T : never;

function params(q: RandomQuery) {
  return {
    starting_at: new Date(q.start).toISOString(),
    ending_at: new Date(q.start + q.length).toISOString(),
    window_size: q.window_size,
    ...(q.group_by.length ? { 'group_by[]': q.group_by.join(',') } : {}),
    ...(q.applications ? { applications: q.applications } : {}),
    ...(q.workspace_ids ? { workspace_ids: q.workspace_ids } : {}),
  };
}

describeEachEngine('boltz properties', (engine) => {
  it('paging with any limit yields every unpaginated row once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { maxLength: 60 }),
        queryArb,
        fc.integer({ min: 1, max: 25 }),
        async (events, q, limit) => {
          const boltz = createBoltz({ events, engine: engine() });
          const p = params(q);
          const full = await boltz.admin.usage.list({ ...p, limit: 1000 });
          expect(full.has_more).toBe(false);
          const paged: unknown[] = [];
          let page: string | null = null;
          let pages = 0;
          do {
            const res = await boltz.admin.usage.list({ ...p, limit: String(limit), ...(page ? { page } : {}) });
            expect(res.data.length).toBeLessThanOrEqual(limit);
            expect(res.has_more).toBe(res.next_page !== null);
            if (res.has_more) expect(res.data).toHaveLength(limit);
            paged.push(...res.data);
            page = res.next_page;
            pages++;
          } while (page !== null);
          expect(paged).toEqual(full.data);
          expect(pages).toBe(Math.max(1, Math.ceil(full.data.length / limit)));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('quantities add up to the events in the snapped range that pass the filters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { maxLength: 60 }), queryArb, async (events, q) => {
        const boltz = createBoltz({ events, engine: engine() });
        const res = await boltz.admin.usage.list({ ...params(q), limit: 1000 });
        const step = q.window_size === 'HOUR' ? HOUR : DAY;
        const from = Math.floor(q.start / step) * step;
        const to = Math.ceil((q.start + q.length) / step) * step;
        const expected = events
          .filter((e) => Date.parse(e.ts) >= from && Date.parse(e.ts) < to)
          .filter((e) => !q.applications || q.applications.includes(e.application))
          .filter((e) => !q.workspace_ids || (e.workspace_id !== null && q.workspace_ids.includes(e.workspace_id)))
          .reduce((s, e) => s + e.quantity, 0);
        expect(res.data.reduce((s, r) => s + r.quantity, 0)).toBe(expected);
        if (q.group_by.length === 0) expect(res.data).toHaveLength((to - from) / step);
        for (const row of res.data) {
          expect(Date.parse(row.end_time) - Date.parse(row.start_time)).toBe(step);
          expect('workspace_id' in row).toBe(q.group_by.includes('workspace_id'));
          expect('application' in row).toBe(q.group_by.includes('application'));
        }
      }),
      { numRuns: 40 },
    );
  });
});
