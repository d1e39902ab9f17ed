/**
 * Runtime-neutral smoke cases shared by runtime-tests/deno and runtime-tests/bun: small event
 * sets, the calls made on them, and the answers worked out by hand from the documented behaviour
 * (README query reference, docs/facades.md, docs/http.md).
 */
import type { Engine, Query } from '../src/index.ts';
import { createFetchHandler } from '../src/http/handler.ts';
import { createBoltz } from '../src/facades/boltz/index.ts';
import { createMiosa } from '../src/facades/miosa/index.ts';
import { createScenario } from '../src/facades/scenario/index.ts';
import { createAdverity } from '../src/facades/adverity/index.ts';

/** Every Scenario column, null unless given (a row carries only the columns its action uses). */
const SCENARIO_NULLS = {
  project_id: null,
  user_id: null,
  action: null,
  is_api_key: null,
  creative_units: null,
  discount: null,
  usage_name: null,
  usage_value: null,
  model_id: null,
  job_id: null,
  asset_id: null,
  asset_kind: null,
  nsfw_label: null,
  collection_id: null,
};

export const engineEvents = [
  { ts: '2026-04-01T00:10:00Z', ws: 'a', n: 1 },
  { ts: '2026-04-01T00:50:00Z', ws: 'b', n: 2 },
  { ts: '2026-04-01T01:30:00Z', ws: 'a', n: 4 },
  { ts: '2026-04-01T01:45:00Z', ws: 'a', n: null },
  { ts: '2026-04-01T03:00:00Z', ws: null, n: 8 },
];

/** Hourly per workspace: sum, count of events, distinct values of n. */
export const engineQuery: Query = {
  time: 'ts',
  window: 'hour',
  groupBy: ['ws'],
  measures: { total: { op: 'sum', column: 'n' }, events: { op: 'count' }, kinds: { op: 'countDistinct', column: 'n' } },
};

const H = (h: number) => Date.UTC(2026, 3, 1, h);
export const engineExpected = [
  { window_start: H(0), window_end: H(1), ws: 'a', total: 1, events: 1, kinds: 1 },
  { window_start: H(0), window_end: H(1), ws: 'b', total: 2, events: 1, kinds: 1 },
  { window_start: H(1), window_end: H(2), ws: 'a', total: 4, events: 2, kinds: 1 },
  { window_start: H(3), window_end: H(4), ws: null, total: 8, events: 1, kinds: 1 },
];

export const boltz = {
  events: [
    { ts: '2026-04-01T00:10:00Z', workspace_id: 'ws_a', application: 'structure_and_binding', quantity: 1 },
    { ts: '2026-04-01T00:50:00Z', workspace_id: 'ws_a', application: 'structure_and_binding', quantity: 2 },
    { ts: '2026-04-01T13:00:00Z', workspace_id: 'ws_b', application: 'adme', quantity: 4 },
    { ts: '2026-04-02T09:00:00Z', workspace_id: 'ws_a', application: 'adme', quantity: 0.5 },
    { ts: '2026-04-03T00:00:00Z', workspace_id: 'ws_a', application: 'adme', quantity: 100 }, // at ending_at
  ],
  params: { starting_at: '2026-04-01T00:00:00Z', ending_at: '2026-04-03T00:00:00Z', window_size: 'DAY' },
  path: '/compute/v1/admin/usage?starting_at=2026-04-01T00%3A00%3A00Z&ending_at=2026-04-03T00%3A00%3A00Z&window_size=DAY',
  expected: {
    data: [
      { end_time: '2026-04-02T00:00:00.000Z', quantity: 7, start_time: '2026-04-01T00:00:00.000Z' },
      // 0.5: quantity is an integer, the sum rounded half away from zero.
      { end_time: '2026-04-03T00:00:00.000Z', quantity: 1, start_time: '2026-04-02T00:00:00.000Z' },
    ],
    has_more: false,
    next_page: null,
  },
};

const miosaRow = (ts: string, user: string, s: number, c: number, g: number, cents: number) => ({
  ts,
  workspace_id: 'w1',
  external_user_id: user,
  external_project_id: 'p1',
  sandbox_seconds: s,
  computer_seconds: c,
  storage_gb_hours: g,
  credit_cents: cents,
});
export const miosa = {
  now: new Date('2026-05-25T10:00:00Z'),
  events: [
    miosaRow('2026-05-18T23:59:59Z', 'u2', 1, 1, 1, 1000), // before period_start
    miosaRow('2026-05-20T01:00:00Z', 'u1', 100, 0, 1.5, 10.4),
    miosaRow('2026-05-21T01:00:00Z', 'u1', 50, 0, 0, 0.2),
    miosaRow('2026-05-22T00:00:00Z', 'u2', 10, 20, 0, 30),
  ],
  params: { period: '7d' },
  path: '/api/v1/usage?period=7d',
  // 7d: period_end is the next UTC midnight after now, period_start 7 days before it.
  expected: {
    period_start: '2026-05-19T00:00:00Z',
    period_end: '2026-05-26T00:00:00Z',
    results: [
      { external_user_id: 'u2', sandbox_seconds: 10, computer_seconds: 20, storage_gb_hours: 0, credit_cents: 30 },
      { external_user_id: 'u1', sandbox_seconds: 150, computer_seconds: 0, storage_gb_hours: 1.5, credit_cents: 11 },
    ],
  },
};

const scenarioRow = (ts: string, user_id: string, creative_units: number, discount: number) => ({
  ...SCENARIO_NULLS,
  ts,
  project_id: 'p1',
  user_id,
  action: 'inference',
  is_api_key: false,
  creative_units,
  discount,
});
export const scenario = {
  now: new Date('2026-04-05T00:00:00Z'),
  events: [
    scenarioRow('2026-04-01T10:00:00Z', 'u2', 3, 1),
    scenarioRow('2026-04-01T11:00:00Z', 'u1', 2, 0),
    scenarioRow('2026-04-01T12:00:00Z', 'u1', 5, 0.5),
    scenarioRow('2026-04-02T00:00:00Z', 'u1', 100, 0), // at endDate
  ],
  params: { startDate: '2026-04-01T00:00:00Z', endDate: '2026-04-02T00:00:00Z', type: 'consumption' },
  path: '/usages?startDate=2026-04-01T00%3A00%3A00Z&endDate=2026-04-02T00%3A00%3A00Z&type=consumption',
  expected: {
    consumption: [
      { discount: 0.5, total: 7.5, userId: 'u1', value: 7 },
      { discount: 1, total: 4, userId: 'u2', value: 3 },
    ],
  },
};

const ROOT = '11111111-1111-4111-8111-111111111111';
const CHILD = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';
const DS = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const adverity = {
  now: new Date('2026-04-10T12:00:00Z'),
  scope: ROOT,
  workspaces: [
    { id: ROOT, name: 'Root', parent_id: null },
    { id: CHILD, name: 'Child', parent_id: ROOT },
    { id: OTHER, name: 'Other', parent_id: null },
  ],
  events: [
    { ts: '2026-04-01T05:00:00Z', workspace_id: ROOT, datastream_id: DS, row_key: 'r1' },
    { ts: '2026-04-01T06:00:00Z', workspace_id: ROOT, datastream_id: DS, row_key: 'r1' },
    { ts: '2026-04-01T07:00:00Z', workspace_id: CHILD, datastream_id: null, row_key: 'r2' },
    { ts: '2026-04-02T08:00:00Z', workspace_id: CHILD, datastream_id: null, row_key: 'r3' },
    { ts: '2026-04-01T09:00:00Z', workspace_id: OTHER, datastream_id: DS, row_key: 'r9' }, // out of scope
    { ts: '2026-04-03T00:00:00Z', workspace_id: ROOT, datastream_id: DS, row_key: 'r4' }, // after date_to
  ],
  params: { date_from: '2026-04-01', date_to: '2026-04-02' },
  path: '/api/v1/usage/?date_from=2026-04-01&date_to=2026-04-02',
  // Daily buckets per workspace × datastream inside the scope's subtree, ordered by date then
  // workspace_id ('1111…' before '2222…'); unique_rows = distinct row_key.
  expected: {
    items: [
      { date: '2026-04-01', workspace_id: ROOT, workspace_name: 'Root', datastream_id: DS, unique_rows: 1, total_rows: 2 },
      { date: '2026-04-01', workspace_id: CHILD, workspace_name: 'Child', datastream_id: null, unique_rows: 1, total_rows: 1 },
      { date: '2026-04-02', workspace_id: CHILD, workspace_name: 'Child', datastream_id: null, unique_rows: 1, total_rows: 1 },
    ],
    count: 3,
  },
};

/** Credentials for the served handler, one per vendor. */
export const auth = {
  boltz: { apiKeys: ['bk_smoke'] },
  miosa: { apiKeys: ['msk_smoke'] },
  scenario: { credentials: [{ key: 'smoke', secret: 's3cret' }] },
  adverity: { tokens: { tok_smoke: ROOT } },
};
export const headers: Record<'boltz' | 'miosa' | 'scenario' | 'adverity', Record<string, string>> = {
  boltz: { 'x-api-key': 'bk_smoke' },
  miosa: { authorization: 'Bearer msk_smoke' },
  scenario: { authorization: `Basic ${btoa('smoke:s3cret')}` },
  adverity: { authorization: 'Token tok_smoke' },
};

// ---- the façades and the handler over the cases (the same code on every runtime) ----

export function buildFacades(engine: Engine) {
  return {
    boltz: createBoltz({ events: boltz.events, engine }),
    miosa: createMiosa({ events: miosa.events, engine, now: () => miosa.now }),
    scenario: createScenario({ events: scenario.events, engine, now: () => scenario.now }),
    adverity: createAdverity({ events: adverity.events, workspaces: adverity.workspaces, engine, now: () => adverity.now }),
  };
}

export function buildHandler(engine: Engine) {
  return createFetchHandler({ ...buildFacades(engine), auth });
}

/** What each vendor path answers over HTTP: [vendor, path, expected JSON]. */
export const httpCases = [
  ['boltz', boltz.path, boltz.expected],
  ['miosa', miosa.path, miosa.expected],
  ['scenario', scenario.path, scenario.expected],
  ['adverity', adverity.path, adverity.expected],
] as const;
