/**
 * Properties over random events and ranges: every series adds up to the events of the snapped
 * range (read off the points: the first point's time to the last one's plus a step), and
 * dropZeroPoints removes exactly the all-zero points.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine/engine.ts';
import type { Engine } from '../../../src/engine/engine.ts';
import { createScenario } from '../../../src/facades/scenario/index.ts';
import { ev, now, type Event } from './fixtures.ts';

const MIN = 60_000,
  H = 60 * MIN,
  D = 24 * H;
const STEP: Record<string, number> = {
  '1m': MIN,
  '5m': 5 * MIN,
  '15m': 15 * MIN,
  '30m': 30 * MIN,
  '1h': H,
  '1d': D,
  '7d': 7 * D,
};
const BASE = Date.parse('2026-01-01T00:00:00Z');
const SPAN = 80 * D;

const event = fc
  .record({
    at: fc.integer({ min: 0, max: SPAN }),
    user: fc.constantFrom('u1', 'u2', 'u3'),
    api: fc.constantFrom(true, false, null),
    units: fc.option(fc.integer({ min: 0, max: 50 })),
    usage: fc.option(fc.constantFrom('upscale', 'texture', 'restyle', 'unknown-usage')),
    value: fc.integer({ min: 0, max: 9 }),
    model: fc.option(fc.constantFrom('m1', 'm2')),
    kind: fc.option(fc.constantFrom('image', 'video', 'other')),
    label: fc.option(fc.constantFrom('n1', 'n2')),
  })
  .map(
    (e): Event =>
      ev({
        ts: BASE + e.at,
        user_id: e.user,
        project_id: 'p',
        action: 'upscale',
        is_api_key: e.api,
        creative_units: e.units,
        usage_name: e.usage,
        usage_value: e.usage === null ? null : e.value,
        model_id: e.model,
        job_id: e.model && `j${e.at % 3}`,
        asset_kind: e.kind,
        nsfw_label: e.label,
      }),
  );

const range = fc.record({
  start: fc.integer({ min: 0, max: SPAN }),
  length: fc.constantFrom(30 * MIN, H, 5 * H, 6 * H + 1, 20 * H, 2 * D, 5 * D, 7 * D + 1, 20 * D, 60 * D),
});

/** Sum of `f` over the events in [start, end) that pass `keep`. */
const total = (events: Event[], start: number, end: number, keep: (e: Event) => boolean, f: (e: Event) => number) =>
  events.filter((e) => (e.ts as number) >= start && (e.ts as number) < end && keep(e)).reduce((s, e) => s + f(e), 0);

describe('Scenario properties', () => {
  let engine: Engine;
  beforeAll(() => {
    engine = createEngine({ workers: 0 });
  });
  afterAll(() => engine.close());

  it('each series sums to its events in the snapped range', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 40 }), range, async (events, r) => {
        const start = new Date(BASE + r.start).toISOString(),
          end = new Date(BASE + r.start + r.length).toISOString();
        const res = await createScenario({ events, engine, now }).usages.list({ startDate: start, endDate: end });
        const pts = res.usages![0].points;
        const from = Date.parse(pts[0].time),
          to = Date.parse(pts[pts.length - 1].time) + STEP[res.usages![0].granularity];
        expect(from).toBeLessThanOrEqual(BASE + r.start);
        expect(to).toBeGreaterThanOrEqual(BASE + r.start + r.length);
        const sum = <P>(points: P[], f: (p: P) => number) => points.reduce((s, p) => s + f(p), 0);
        const api = (e: Event) => e.is_api_key === true;

        for (const s of res.usages!) {
          const mine = (e: Event) => e.usage_name === s.usageName;
          expect(sum(s.points, (p) => Number(p.value))).toBe(total(events, from, to, mine, (e) => e.usage_value ?? 0));
          expect(sum(s.points, (p) => Number(p.apiKey))).toBe(
            total(
              events,
              from,
              to,
              (e) => mine(e) && api(e),
              (e) => e.usage_value ?? 0,
            ),
          );
        }
        for (const s of res.modelUsages!) {
          const mine = (e: Event) => e.model_id === s.modelId;
          expect(sum(s.points, (p) => p.cost)).toBe(total(events, from, to, mine, (e) => e.creative_units ?? 0));
          expect(sum(s.points, (p) => p.apiKeyCost)).toBe(
            total(
              events,
              from,
              to,
              (e) => mine(e) && api(e),
              (e) => e.creative_units ?? 0,
            ),
          );
        }
        expect(res.modelUsages!.map((s) => s.modelId)).toEqual(
          ['m1', 'm2'].filter(
            (m) =>
              total(
                events,
                from,
                to,
                (e) => e.model_id === m,
                () => 1,
              ) > 0,
          ),
        );
        for (const s of res.assetUsages!) {
          expect(sum(s.points, (p) => p.count)).toBe(
            total(
              events,
              from,
              to,
              (e) => e.asset_kind === s.kind,
              () => 1,
            ),
          );
          expect(sum(s.points, (p) => p.countApiKey)).toBe(
            total(
              events,
              from,
              to,
              (e) => e.asset_kind === s.kind && api(e),
              () => 1,
            ),
          );
        }
        for (const s of res.nsfwUsages!) {
          expect(sum(s.points, (p) => p.count)).toBe(
            total(
              events,
              from,
              to,
              (e) => e.nsfw_label === s.label,
              () => 1,
            ),
          );
        }
        for (const c of res.consumption!) {
          expect(c.value).toBe(
            total(
              events,
              from,
              to,
              (e) => e.user_id === c.userId,
              (e) => e.creative_units ?? 0,
            ),
          );
        }
        expect(res.activity!.length).toBe(
          Math.min(
            100,
            total(
              events,
              from,
              to,
              () => true,
              () => 1,
            ),
          ),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('dropZeroPoints keeps every series and exactly its non-zero points', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 30 }), range, async (events, r) => {
        const params = {
          startDate: new Date(BASE + r.start).toISOString(),
          endDate: new Date(BASE + r.start + r.length).toISOString(),
          type: 'usages,model-usages,asset-usages,nsfw-usages',
        };
        const scenario = createScenario({ events, engine, now });
        const full = await scenario.usages.list(params);
        const dropped = await scenario.usages.list({ ...params, dropZeroPoints: '' });
        const nonZero = (p: object) => Object.entries(p).some(([k, v]) => k !== 'time' && Number(v) !== 0);
        for (const key of ['usages', 'modelUsages', 'assetUsages', 'nsfwUsages'] as const) {
          const series = full[key] as { points: object[] }[];
          expect(dropped[key]).toEqual(series.map((s) => ({ ...s, points: s.points.filter(nonZero) })));
        }
      }),
      { numRuns: 30 },
    );
  });
});
