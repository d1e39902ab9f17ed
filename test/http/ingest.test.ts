/**
 * `POST /events/{vendor}`: appended events show in the next façade response; a bad row is a 400
 * naming it and appends nothing; keys, methods and paths are checked before any work.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.ts';
import { createBoltz } from '../../src/facades/boltz/index.ts';
import { createFetchHandler } from '../../src/http/handler.ts';

const engine = createEngine({ workers: 0 });
afterAll(() => engine.close());

const events = await engine.load(
  [{ ts: '2026-04-01T00:10:00Z', event_id: 'e1', workspace_id: 'ws_a', application: 'adme', quantity: 1 }],
  { dedupBy: ['event_id'] },
);
const handler = createFetchHandler({
  boltz: createBoltz({ events, engine, now: () => new Date('2026-04-10T00:00:00Z') }),
  ingest: { keys: ['ik_test'], events: { boltz: events } },
});

const usage = async () => {
  const res = await handler(
    new Request(
      'http://x/compute/v1/admin/usage?starting_at=2026-04-01T00:00:00Z&ending_at=2026-04-02T00:00:00Z&window_size=DAY',
    ),
  );
  return ((await res.json()) as { data: { quantity: number }[] }).data.map((r) => r.quantity);
};
const post = (body: string, key = 'ik_test', path = '/events/boltz') =>
  handler(new Request(`http://x${path}`, { method: 'POST', body, headers: { authorization: `Bearer ${key}` } }));

describe('POST /events/{vendor}', () => {
  it('appends NDJSON and JSON arrays; the next response shows them; duplicates are counted, not added', async () => {
    expect(await usage()).toEqual([1]);
    const ndjson = [
      { ts: '2026-04-01T01:00:00Z', event_id: 'e2', workspace_id: 'ws_a', application: 'adme', quantity: 2 },
      { ts: '2026-04-01T02:00:00Z', event_id: 'e1', workspace_id: 'ws_a', application: 'adme', quantity: 50 },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const res = await post(ndjson);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ appended: 1, duplicates: 1 });
    expect(await usage()).toEqual([3]);
    const array = await post(
      JSON.stringify([{ ts: '2026-04-01T03:00:00Z', event_id: 'e3', workspace_id: 'ws_b', application: 'adme', quantity: 4 }]),
    );
    expect(await array.json()).toEqual({ appended: 1, duplicates: 0 });
    expect(await usage()).toEqual([7]);
  });

  it('a bad row is a 400 naming its line, and nothing of the batch is appended', async () => {
    const before = events.numRows();
    const body = [
      JSON.stringify({ ts: '2026-04-01T04:00:00Z', event_id: 'e9', workspace_id: 'ws_a', application: 'adme', quantity: 8 }),
      JSON.stringify({ ts: 'not a time', event_id: 'e10', workspace_id: 'ws_a', application: 'adme', quantity: 8 }),
    ].join('\n');
    const res = await post(body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_events');
    expect(error.message).toMatch(/^body:2/);
    expect(events.numRows()).toBe(before);
    // e9 was not taken as seen: it can still be appended.
    expect(await (await post(body.split('\n')[0])).json()).toEqual({ appended: 1, duplicates: 0 });
  });

  it('checks the key, the method and the path before reading anything', async () => {
    expect((await post('{}', 'wrong')).status).toBe(401);
    const noKey = await handler(new Request('http://x/events/boltz', { method: 'POST', body: '' }));
    expect(noKey.status).toBe(401);
    const get = await handler(new Request('http://x/events/boltz', { headers: { authorization: 'Bearer ik_test' } }));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await post('{}', 'ik_test', '/events/miosa')).status).toBe(404);
    expect((await post('[1, 2')).status).toBe(400);
  });

  it('refuses an ingest endpoint without keys', () => {
    expect(() => createFetchHandler({ ingest: { keys: [], events: { boltz: events } } })).toThrow(
      'ingest.keys: needs at least one key',
    );
  });
});
