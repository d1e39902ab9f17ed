/**
 * The official Boltz TypeScript client, pointed at the handler through its `fetch` option (no
 * network), pages through a grouped result with its own auto-pagination.
 */
import { afterAll, describe, expect, it } from 'vitest';
import BoltzComputeAPI, { AuthenticationError, UnprocessableEntityError } from 'boltz-compute-api';
import type { UsageListParams } from 'boltz-compute-api/resources/admin/usage';
import { createEngine } from '../../src/engine/engine.ts';
import { createBoltz } from '../../src/facades/boltz/index.ts';
import { createFetchHandler } from '../../src/http/handler.ts';

const events = [
  { ts: '2026-03-31T23:59:59Z', workspace_id: 'ws_a', application: 'adme', quantity: 100 }, // before the range
  { ts: '2026-04-01T00:10:00Z', workspace_id: 'ws_a', application: 'structure_and_binding', quantity: 1 },
  { ts: '2026-04-01T00:30:00Z', workspace_id: 'ws_b', application: 'adme', quantity: 4 },
  { ts: '2026-04-01T00:50:00Z', workspace_id: 'ws_a', application: 'structure_and_binding', quantity: 2 },
  { ts: '2026-04-01T01:05:00Z', workspace_id: 'ws_a', application: 'protein_design', quantity: 5 },
  { ts: '2026-04-01T02:15:00Z', workspace_id: 'ws_a', application: 'adme', quantity: 0.5 },
  { ts: '2026-04-01T03:59:59.999Z', workspace_id: 'ws_b', application: 'adme', quantity: 6 },
  { ts: '2026-04-01T05:00:00Z', workspace_id: 'ws_b', application: 'structure_and_binding', quantity: 7 }, // at ending_at
];

// Worked out by hand: hourly sums per workspace × application in [00:00, 05:00), ordered by
// start_time, workspace_id, application; quantity is an integer, the 02h bucket's 0.5 rounds to 1.
const hour = (h: number) => `2026-04-01T0${h}:00:00.000Z`;
const expected = [
  { start_time: hour(0), end_time: hour(1), workspace_id: 'ws_a', application: 'structure_and_binding', quantity: 3 },
  { start_time: hour(0), end_time: hour(1), workspace_id: 'ws_b', application: 'adme', quantity: 4 },
  { start_time: hour(1), end_time: hour(2), workspace_id: 'ws_a', application: 'protein_design', quantity: 5 },
  { start_time: hour(2), end_time: hour(3), workspace_id: 'ws_a', application: 'adme', quantity: 1 },
  { start_time: hour(3), end_time: hour(4), workspace_id: 'ws_b', application: 'adme', quantity: 6 },
];

const engine = createEngine({ workers: 0 });
afterAll(() => engine.close());

const handler = createFetchHandler({
  boltz: createBoltz({ events, engine, now: () => new Date('2026-04-10T00:00:00Z') }),
  auth: { boltz: { apiKeys: ['bk_test_key'] } },
});

const requests: string[] = [];
function client(apiKey = 'bk_test_key') {
  return new BoltzComputeAPI({
    apiKey,
    baseURL: 'http://boltz.test',
    maxRetries: 0,
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      requests.push(request.url);
      return handler(request);
    },
  });
}

const query: UsageListParams = {
  starting_at: '2026-04-01T00:00:00Z',
  ending_at: '2026-04-01T05:00:00Z',
  window_size: 'HOUR',
  'group_by[]': ['workspace_id', 'application'],
  limit: 2,
};

describe('boltz-compute-api client against the handler', () => {
  it('auto-paginates through every row exactly once, in order', async () => {
    requests.length = 0;
    const rows: unknown[] = [];
    for await (const row of client().admin.usage.list(query)) rows.push(row);
    expect(rows).toEqual(expected);
    // 5 rows at limit 2: three pages, the second and third asked for with the previous next_page.
    expect(requests).toHaveLength(3);
    const pages = requests.map((u) => new URL(u).searchParams);
    expect(pages.map((p) => p.get('group_by[]'))).toEqual(Array(3).fill('workspace_id,application'));
    expect(pages[0]!.has('page')).toBe(false);
    expect(pages[1]!.get('page')).toBeTruthy();
    expect(pages[2]!.get('page')).not.toBe(pages[1]!.get('page'));
  });

  it('gives the page envelope: has_more and next_page, null on the last page', async () => {
    const first = await client().admin.usage.list(query);
    expect(first.data).toEqual(expected.slice(0, 2));
    expect(first.has_more).toBe(true);
    expect(typeof first.next_page).toBe('string');
    const second = await first.getNextPage();
    const third = await second.getNextPage();
    expect(third.data).toEqual(expected.slice(4));
    expect(third.has_more).toBe(false);
    expect(third.next_page).toBeNull();
    expect(third.hasNextPage()).toBe(false);
  });

  it('surfaces the façade 422 and the auth 401 as the client error classes', async () => {
    await expect(client().admin.usage.list({ ...query, window_size: 'WEEK' as 'HOUR' })).rejects.toBeInstanceOf(
      UnprocessableEntityError,
    );
    const denied = client('bk_wrong').admin.usage.list(query);
    await expect(denied).rejects.toBeInstanceOf(AuthenticationError);
    await expect(denied).rejects.toMatchObject({ status: 401, error: { detail: 'Invalid API key' } });
  });
});
