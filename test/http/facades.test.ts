/**
 * The real façades behind the handler: parameters as the vendors' clients put them on the wire
 * (repeated keys, `key[]`, comma lists, bare flags) reach each façade intact, and the façades'
 * errors come back as the vendors' responses.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.ts';
import { createAdverity } from '../../src/facades/adverity/index.ts';
import { createBoltz } from '../../src/facades/boltz/index.ts';
import { createMiosa } from '../../src/facades/miosa/index.ts';
import { createScenario } from '../../src/facades/scenario/index.ts';
import { createFetchHandler } from '../../src/http/handler.ts';
import { basic, get } from './fakes.ts';

const engine = createEngine({ workers: 0 });
afterAll(() => engine.close());

const ROOT = 'ws-root';
const CHILD = 'ws-child';
const handler = createFetchHandler({
  boltz: createBoltz({
    engine,
    events: [
      { ts: '2026-04-01T01:00:00Z', workspace_id: 'ws_a', application: 'adme', quantity: 1 },
      { ts: '2026-04-01T02:00:00Z', workspace_id: 'ws_a', application: 'protein_design', quantity: 2 },
      { ts: '2026-04-01T03:00:00Z', workspace_id: 'ws_b', application: 'small_molecule_design', quantity: 4 },
    ],
  }),
  miosa: createMiosa({
    engine,
    now: () => new Date('2026-05-25T10:00:00Z'),
    events: [
      {
        ts: '2026-05-20T00:00:00Z',
        workspace_id: 'w1',
        external_user_id: 'u1',
        external_project_id: 'p1',
        sandbox_seconds: 5,
        computer_seconds: 0,
        storage_gb_hours: 0,
        credit_cents: 2,
      },
    ],
  }),
  scenario: createScenario({
    engine,
    now: () => new Date('2026-04-05T00:00:00Z'),
    events: [
      {
        ts: '2026-04-01T10:00:00Z',
        project_id: 'p1',
        user_id: 'u1',
        action: 'inference',
        is_api_key: false,
        creative_units: 3,
        discount: 1,
        usage_name: null,
        usage_value: null,
        model_id: null,
        job_id: null,
        asset_id: null,
        asset_kind: null,
        nsfw_label: null,
        collection_id: null,
      },
      {
        ts: '2026-04-01T11:00:00Z',
        project_id: 'p2',
        user_id: 'u2',
        action: 'inference',
        is_api_key: false,
        creative_units: 5,
        discount: 0,
        usage_name: null,
        usage_value: null,
        model_id: null,
        job_id: null,
        asset_id: null,
        asset_kind: null,
        nsfw_label: null,
        collection_id: null,
      },
      {
        ts: '2026-04-01T12:00:00Z',
        project_id: 'p3',
        user_id: 'u3',
        action: 'inference',
        is_api_key: false,
        creative_units: 7,
        discount: 0,
        usage_name: null,
        usage_value: null,
        model_id: null,
        job_id: null,
        asset_id: null,
        asset_kind: null,
        nsfw_label: null,
        collection_id: null,
      },
    ],
  }),
  adverity: createAdverity({
    engine,
    now: () => new Date('2026-04-10T12:00:00Z'),
    workspaces: [
      { id: ROOT, name: 'Root', parent_id: null },
      { id: CHILD, name: 'Child', parent_id: ROOT },
    ],
    events: [
      { ts: '2026-04-01T05:00:00Z', workspace_id: ROOT, datastream_id: null, row_key: 'r1' },
      { ts: '2026-04-01T07:00:00Z', workspace_id: CHILD, datastream_id: null, row_key: 'r2' },
    ],
  }),
  auth: {
    scenario: { credentials: [{ key: 'k', secret: 's' }] },
    adverity: { tokens: { tok_root: ROOT, tok_child: CHILD } },
  },
});

const json = async (res: Response) => [res.status, await res.json()];

describe('Boltz through HTTP', () => {
  const range = 'starting_at=2026-04-01T00:00:00Z&ending_at=2026-04-02T00:00:00Z&window_size=DAY';
  it('filters by applications sent as key[] with a comma list, as the TypeScript client does', async () => {
    const res = await handler(get(`/compute/v1/admin/usage?${range}&applications%5B%5D=adme%2Cprotein_design`));
    expect(await json(res)).toEqual([
      200,
      {
        data: [{ start_time: '2026-04-01T00:00:00.000Z', end_time: '2026-04-02T00:00:00.000Z', quantity: 3 }],
        has_more: false,
        next_page: null,
      },
    ]);
  });
  it('filters by workspace_ids sent as repeated keys, as the Python client does', async () => {
    const res = await handler(get(`/compute/v1/admin/usage?${range}&workspace_ids=ws_b&workspace_ids=ws_c`));
    expect((await res.json()).data).toEqual([
      { start_time: '2026-04-01T00:00:00.000Z', end_time: '2026-04-02T00:00:00.000Z', quantity: 4 },
    ]);
  });
  it('answers the 400 for a reversed range', async () => {
    const res = await handler(
      get('/compute/v1/admin/usage?starting_at=2026-04-02T00:00:00Z&ending_at=2026-04-01T00:00:00Z&window_size=DAY'),
    );
    expect(await json(res)).toEqual([400, { detail: 'starting_at must be before ending_at' }]);
  });
});

describe('MIOSA through HTTP', () => {
  it('answers the rollup, and its 422 envelope for a bad group_by', async () => {
    expect(await json(await handler(get('/api/v1/usage?period=7d')))).toEqual([
      200,
      {
        period_start: '2026-05-19T00:00:00Z',
        period_end: '2026-05-26T00:00:00Z',
        results: [{ external_user_id: 'u1', sandbox_seconds: 5, computer_seconds: 0, storage_gb_hours: 0, credit_cents: 2 }],
      },
    ]);
    expect(await json(await handler(get('/api/v1/usage?group_by=team')))).toEqual([
      422,
      {
        error: {
          code: 'invalid group_by',
          message: 'group_by must be one of external_user_id, external_project_id, workspace_id',
        },
      },
    ]);
  });
});

describe('Scenario through HTTP', () => {
  const range = 'startDate=2026-04-01T00:00:00Z&endDate=2026-04-02T00:00:00Z&type=consumption';
  it('splits the comma list of projectIds and authenticates with HTTP Basic', async () => {
    const res = await handler(get(`/usages?${range}&projectIds=p1,p3`, { authorization: basic('k', 's') }));
    expect(await json(res)).toEqual([
      200,
      {
        consumption: [
          { discount: 1, total: 4, userId: 'u1', value: 3 },
          { discount: 0, total: 7, userId: 'u3', value: 7 },
        ],
      },
    ]);
  });
  it('answers 401 without credentials', async () => {
    expect(await json(await handler(get(`/usages?${range}`)))).toEqual([401, { message: 'Unauthorized' }]);
  });
});

describe('Adverity through HTTP', () => {
  const q = 'date_from=2026-04-01&date_to=2026-04-01';
  const item = (id: string, name: string) => ({
    date: '2026-04-01',
    workspace_id: id,
    workspace_name: name,
    datastream_id: null,
    unique_rows: 1,
    total_rows: 1,
  });
  it('scopes to the token’s workspace subtree', async () => {
    const root = await handler(get(`/api/v1/usage/?${q}`, { authorization: 'Bearer tok_root' }));
    expect(await json(root)).toEqual([200, { items: [item(CHILD, 'Child'), item(ROOT, 'Root')], count: 2 }]);
    const child = await handler(get(`/api/v1/usage/?${q}`, { authorization: 'Token tok_child' }));
    expect(await json(child)).toEqual([200, { items: [item(CHILD, 'Child')], count: 1 }]);
  });
  it('takes repeated workspace_id filters, ignoring ids out of scope', async () => {
    const res = await handler(
      get(`/api/v1/usage/?${q}&workspace_id=${ROOT}&workspace_id=nowhere`, { authorization: 'Token tok_root' }),
    );
    expect(await json(res)).toEqual([200, { items: [item(ROOT, 'Root')], count: 1 }]);
  });
  it('answers 404 Invalid page. past the end', async () => {
    const res = await handler(get(`/api/v1/usage/?${q}&page=3`, { authorization: 'Token tok_root' }));
    expect(await json(res)).toEqual([404, { detail: 'Invalid page.' }]);
  });
});
