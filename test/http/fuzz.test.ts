/**
 * Fuzzing the handler over the committed sample: random parameters for each vendor — names it
 * knows and names it does not, valid values, near misses, extremes, repeated and `key[]` keys —
 * never give a 5xx, always give the vendor's error shape when rejected, and cost a bounded
 * amount of work, counted by the window boundaries and Temporal calls the grids make (no timers).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { gridCounters } from '../../src/engine/windows.ts';
import {
  createAdverity,
  createBoltz,
  createEngine,
  createFetchHandler,
  createMiosa,
  createScenario,
  type FetchHandler,
} from '../../src/index.ts';
import { readFile } from 'node:fs/promises';
import { readEvents } from '../../src/io/index.ts';
import { SAMPLE_NOW } from '../../src/sample/index.ts';

const now = () => new Date(SAMPLE_NOW);
const data = (name: string) => new URL(`../../examples/data/${name}`, import.meta.url).pathname;

const engine = createEngine({ workers: 0 });
let handler: FetchHandler;
beforeAll(async () => {
  // The committed sample, read with each vendor's column types (as examples/sample.ts does).
  const [boltz, miosa, scenario, adverity] = await Promise.all([
    readEvents(data('boltz.ndjson'), { types: { ts: 'time', quantity: 'number' } }),
    readEvents(data('miosa.ndjson'), {
      types: {
        ts: 'time',
        sandbox_seconds: 'number',
        computer_seconds: 'number',
        storage_gb_hours: 'number',
        credit_cents: 'number',
      },
    }),
    readEvents(data('scenario.ndjson'), {
      types: { ts: 'time', is_api_key: 'boolean', creative_units: 'number', discount: 'number', usage_value: 'number' },
    }),
    readEvents(data('adverity.ndjson'), { types: { ts: 'time' } }),
  ]);
  const catalogs = JSON.parse(await readFile(data('scenario-catalogs.json'), 'utf8'));
  const workspaces = JSON.parse(await readFile(data('adverity-workspaces.json'), 'utf8')) as {
    id: string;
    name: string;
    parent_id: string | null;
  }[];
  const root = workspaces.find((w) => w.parent_id === null)!;
  handler = createFetchHandler({
    boltz: createBoltz({ events: boltz.table, engine, now }),
    miosa: createMiosa({ events: miosa.table, engine, now }),
    scenario: createScenario({ events: scenario.table, catalogs, engine, now }),
    adverity: createAdverity({ events: adverity.table, workspaces, engine, now }),
    auth: {
      boltz: { apiKeys: ['bk'] },
      miosa: { apiKeys: ['msk_x'] },
      scenario: { credentials: [{ key: 'k', secret: 's' }] },
      adverity: { tokens: { tok: root.id } },
    },
  });
});
afterAll(() => engine.close());

const instant = fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }).map((ms) => new Date(ms).toISOString());
const nearMisses = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  '1e400',
  'NaN',
  'Infinity',
  'null',
  '%00',
  '\u0000',
  '[]',
  '{}',
  'true',
  '0001-01-01',
  '9999-12-31',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2026-02-30',
  '2026-11-20T12:00:00+25:00',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '8640000000000001',
  '1e2',
  '100.0',
  'a'.repeat(5_000),
);
const value = (valid: readonly string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...valid) },
    { weight: 2, arbitrary: instant },
    { weight: 1, arbitrary: instant.map((iso) => iso.slice(0, 10)) },
    { weight: 2, arbitrary: nearMisses },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    { weight: 1, arbitrary: fc.integer({ min: -1_000, max: 100_000 }).map(String) },
  );

/** A query string of up to 8 pairs over the vendor's parameter names and some it does not know. */
function queryString(names: Record<string, readonly string[]>): fc.Arbitrary<string> {
  const pair = fc
    .constantFrom(...Object.keys(names), 'unknown', '__proto__')
    .chain((name) => fc.tuple(fc.constant(name), fc.boolean(), value(Object.hasOwn(names, name) ? names[name] : ['x'])));
  return fc.array(pair, { maxLength: 8 }).map((pairs) => {
    const search = new URLSearchParams();
    for (const [name, bracketed, v] of pairs) search.append(bracketed ? `${name}[]` : name, v);
    return search.toString();
  });
}

const VENDORS = {
  boltz: {
    path: '/compute/v1/admin/usage',
    headers: { 'x-api-key': 'bk' },
    names: {
      starting_at: ['2026-10-20T00:00:00Z', '2026-11-13T00:00:00Z'],
      ending_at: ['2026-11-20T00:00:00Z', '2026-11-20T00:00:00.000+02:00'],
      window_size: ['HOUR', 'DAY', 'WEEK'],
      applications: ['adme', 'protein_design', 'nope'],
      workspace_ids: ['ws_1', 'x'],
      group_by: ['workspace_id', 'application', 'workspace_id,application'],
      limit: ['1', '1000', '1001'],
      page: ['x', ''],
    },
    error: z.union([
      z.object({ detail: z.string() }).strict(),
      z
        .object({
          detail: z.array(
            z
              .object({ type: z.string(), loc: z.array(z.union([z.string(), z.number()])), msg: z.string(), input: z.unknown() })
              .passthrough(),
          ),
        })
        .strict(),
    ]),
  },
  miosa: {
    path: '/api/v1/usage',
    headers: { authorization: 'Bearer msk_x' },
    names: {
      group_by: ['external_user_id', 'external_project_id', 'workspace_id', 'x'],
      period: ['7d', '30d', 'mtd', 'custom', '1y'],
      start: ['2026-05-01', '20260501T000000Z'],
      end: ['2026-11-20T00:00:00Z'],
    },
    error: z.object({ error: z.object({ code: z.string(), message: z.string() }).strict() }).strict(),
  },
  scenario: {
    path: '/usages',
    headers: { authorization: `Basic ${btoa('k:s')}` },
    names: {
      startDate: ['2026-07-23T12:00:00Z', '2026-11-19T00:00:00Z'],
      endDate: ['2026-11-20T12:00:00Z'],
      start_date: ['2026-11-01T00:00:00Z'],
      timeRange: ['last-hour', 'last-day', 'last-three-days', 'last-seven-days', 'last-thirty-one-days', 'last-year'],
      type: ['usages', 'activity', 'consumption', 'model-usages', 'asset-usages', 'nsfw-usages', 'usages,activity'],
      projectIds: ['p1', 'a,b'],
      userIds: ['u1'],
      userId: ['u1'],
      activityOffset: ['0', '100', '100.0'],
      dropZeroPoints: ['', 'false', 'true'],
    },
    error: z.object({ message: z.string() }).strict(),
  },
  adverity: {
    path: '/api/v1/usage/',
    headers: { authorization: 'Token tok' },
    names: {
      granularity: ['daily', 'monthly', 'weekly'],
      date_from: ['0001-01-01', '2026-10-01'],
      date_to: ['2026-11-19', '9999-12-31'],
      workspace_id: ['x'],
      datastream_id: ['x'],
      page: ['1', '2', ''],
      page_size: ['1', '100', '1000'],
    },
    error: z.union([z.object({ detail: z.string() }).strict(), z.record(z.string(), z.array(z.string()))]),
  },
} as const;

describe.each(Object.entries(VENDORS))('fuzzing %s over HTTP', (_, vendor) => {
  it('never a 5xx; a rejection in the vendor shape; work bounded by a counter', async () => {
    await fc.assert(
      fc.asyncProperty(queryString(vendor.names), async (query) => {
        const before = { ...gridCounters };
        const res = await handler(new Request(`http://fuzz${vendor.path}?${query}`, { headers: vendor.headers }));
        const body = await res.json();
        expect(res.status, `${query} → ${JSON.stringify(body)}`).toBeLessThan(500);
        if (res.status >= 400) expect(vendor.error.safeParse(body).success, `${query} → ${JSON.stringify(body)}`).toBe(true);
        // The widest legal grids are 745 hours (Boltz) and the sample's extent in days (Adverity).
        expect(gridCounters.boundaries - before.boundaries).toBeLessThan(5_000);
        expect(gridCounters.temporalCalls - before.temporalCalls).toBeLessThan(1_000);
      }),
      { numRuns: 80 },
    );
  });
});
