/**
 * The façades over a ClickHouse source instead of an events table: golden cases of each façade's
 * own tests (the same hand-worked fixtures and expectations) on the single server and the
 * cluster. Scenario, whose activity also lists rows, has its own file: scenario.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.ts';
import type { EventSource } from '../../src/engine/source.ts';
import { createAdverity } from '../../src/facades/adverity/index.ts';
import { createBoltz } from '../../src/facades/boltz/index.ts';
import { createMiosa } from '../../src/facades/miosa/index.ts';
import { toEpochMs } from '../../src/time.ts';
import { ADVERITY_EVENTS, NOW as ADVERITY_NOW, ROOT_DAILY, WORKSPACES, item } from '../facades/adverity/fixtures.ts';
import { BOLTZ_EVENTS, RANGE_A, hour } from '../facades/boltz/fixtures.ts';
import { MIOSA_EVENTS, NOW as MIOSA_NOW } from '../facades/miosa/fixtures.ts';
import { freshTable, SERVERS, sourceWith, type Server } from './servers.ts';

const engine = createEngine({ workers: 0 });
const created: [Server, string][] = [];
afterAll(async () => {
  for (const [server, table] of created) await server.drop(table);
  await engine.close();
});

const withMs = (events: Record<string, unknown>[]) => events.map((e) => ({ ...e, ts: toEpochMs(e.ts) }));

async function load(
  server: Server,
  events: Record<string, unknown>[],
  columns: Parameters<typeof sourceWith>[3],
): Promise<EventSource> {
  const table = freshTable('facade');
  created.push([server, table]);
  return sourceWith(server, table, withMs(events), columns);
}

describe.skipIf(SERVERS.length === 0)('façades over ClickHouse', () => {
  for (const server of SERVERS) {
    describe(`Boltz (${server.name})`, () => {
      let events: EventSource;
      beforeAll(async () => {
        events = await load(server, BOLTZ_EVENTS, { workspace_id: 'string', application: 'string', quantity: 'number' });
      });
      const list = (params: Record<string, unknown>) => createBoltz({ events, engine }).admin.usage.list(params as never);

      it('ungrouped HOUR: every window of the snapped range, zero-filled', async () => {
        expect(await list({ ...RANGE_A, window_size: 'HOUR', applications: 'protein_design' })).toEqual({
          data: [
            { ...hour('00'), quantity: 6 },
            { ...hour('01'), quantity: 0 },
            { ...hour('02'), quantity: 0 },
          ],
          has_more: false,
          next_page: null,
        });
      });

      it('grouped by both, ordered by workspace_id then application, null last', async () => {
        expect((await list({ ...RANGE_A, window_size: 'HOUR', 'group_by[]': 'application,workspace_id' })).data).toEqual([
          { ...hour('00'), quantity: 1, application: 'adme', workspace_id: 'ws-a' },
          { ...hour('00'), quantity: 4, application: 'protein_design', workspace_id: 'ws-a' },
          { ...hour('00'), quantity: 2, application: 'protein_design', workspace_id: 'ws-b' },
          { ...hour('01'), quantity: 64, application: 'adme', workspace_id: null },
          { ...hour('02'), quantity: 16, application: 'adme', workspace_id: 'ws-a' },
          { ...hour('02'), quantity: 8, application: 'adme', workspace_id: 'ws-b' },
        ]);
      });

      it('DAY windows over the leap day', async () => {
        expect(
          (await list({ starting_at: '2028-02-28T00:00:00Z', ending_at: '2028-03-01T00:00:00Z', window_size: 'DAY' })).data,
        ).toEqual([
          { start_time: '2028-02-28T00:00:00.000Z', end_time: '2028-02-29T00:00:00.000Z', quantity: 0 },
          { start_time: '2028-02-29T00:00:00.000Z', end_time: '2028-03-01T00:00:00.000Z', quantity: 5 },
        ]);
      });
    });

    describe(`MIOSA (${server.name})`, () => {
      let events: EventSource;
      beforeAll(async () => {
        events = await load(server, MIOSA_EVENTS, {
          workspace_id: 'string',
          external_user_id: 'string',
          external_project_id: 'string',
          sandbox_seconds: 'number',
          computer_seconds: 'number',
          storage_gb_hours: 'number',
          credit_cents: 'number',
        });
      });
      const get = (params: Record<string, unknown>) =>
        createMiosa({ events, engine, now: () => MIOSA_NOW }).usage.get(params as never);
      const r = (key: string, value: string | null, s: number, c: number, g: number, credit: number) => ({
        [key]: value,
        sandbox_seconds: s,
        computer_seconds: c,
        storage_gb_hours: g,
        credit_cents: credit,
      });

      it('defaults: 30d by external_user_id; ties on credit by group value, null last', async () => {
        const u = (v: string | null, s: number, c: number, g: number, credit: number) =>
          r('external_user_id', v, s, c, g, credit);
        expect(await get({})).toEqual({
          period_start: '2026-04-26T00:00:00Z',
          period_end: '2026-05-26T00:00:00Z',
          results: [u('u1', 14400, 0, 2.5, 312), u(null, 5, 0, 0, 312), u('u2', 3610, 7220, 0.25, 109), u('u3', 0, 120, 1, 3)],
        });
      });

      it('group_by external_project_id', async () => {
        expect((await get({ group_by: 'external_project_id' })).results).toEqual([
          r('external_project_id', 'p2', 3605, 7320, 1, 423),
          r('external_project_id', 'p1', 14410, 20, 2.75, 313),
        ]);
      });
    });

    describe(`columns the table lacks (${server.name})`, () => {
      // Each table is loaded without a vendor column; it reads as null, as in process.
      it('Boltz without workspace_id: the null workspace', async () => {
        const events = await load(server, BOLTZ_EVENTS, { application: 'string', quantity: 'number' });
        const page = await createBoltz({ events, engine }).admin.usage.list({
          ...RANGE_A,
          window_size: 'HOUR',
          group_by: 'workspace_id',
        } as never);
        // 00h: E2 1 + E3 2 + E4 4; 01h: E8 64; 02h: E5 8 + E6 16 — all in the null workspace.
        expect(page.data).toEqual([
          { ...hour('00'), quantity: 7, workspace_id: null },
          { ...hour('01'), quantity: 64, workspace_id: null },
          { ...hour('02'), quantity: 24, workspace_id: null },
        ]);
      });

      it('MIOSA without external_project_id and sandbox_seconds: the null project, sandbox 0', async () => {
        const events = await load(server, MIOSA_EVENTS, {
          workspace_id: 'string',
          external_user_id: 'string',
          computer_seconds: 'number',
          storage_gb_hours: 'number',
          credit_cents: 'number',
        });
        const res = await createMiosa({ events, engine, now: () => MIOSA_NOW }).usage.get({ group_by: 'external_project_id' });
        // M2, M3, M4, M6, M7, M8: computer 0 + 7200 + 20 + 0 + 60 + 60, storage 2.5 + 0.25 + 0.5 + 0.5, credit 735.
        expect(res.results).toEqual([
          { external_project_id: null, sandbox_seconds: 0, computer_seconds: 7340, storage_gb_hours: 3.75, credit_cents: 735 },
        ]);
      });

      it('Adverity without datastream_id: every item in the null datastream', async () => {
        const events = await load(server, ADVERITY_EVENTS, { workspace_id: 'string', row_key: 'string' });
        const adverity = createAdverity({ events, workspaces: WORKSPACES, engine, now: () => ADVERITY_NOW });
        const res = await adverity.usage.list({ date_to: '2026-06-01' }, { scope: 'ws-root' });
        // 06-01 in ws-root: A2, A3, A4, A5 — r1, r1, r2, r3.
        expect(res).toEqual({ items: [item('2026-06-01', 'ws-root', 'Root', null, 3, 4)], count: 1 });
        expect(await adverity.usage.list({ datastream_id: 'ds-1' }, { scope: 'ws-root' })).toEqual({ items: [], count: 0 });
      });
    });

    describe(`Adverity (${server.name})`, () => {
      let events: EventSource;
      beforeAll(async () => {
        events = await load(server, ADVERITY_EVENTS, { workspace_id: 'string', datastream_id: 'string', row_key: 'string' });
      });
      const list = (params: Record<string, unknown>) =>
        createAdverity({ events, workspaces: WORKSPACES, engine, now: () => ADVERITY_NOW }).usage.list(params as never, {
          scope: 'ws-root',
        });

      it('defaults: daily, the 1st of the month to yesterday, the whole subtree', async () => {
        expect(await list({})).toEqual({ items: ROOT_DAILY, count: 7 });
      });

      it('monthly: unique rows distinct over the month', async () => {
        expect(await list({ granularity: 'monthly', date_from: '2026-05-15' })).toEqual({
          items: [
            item('2026-05-01', 'ws-root', 'Root', 'ds-1', 1, 1),
            item('2026-06-01', 'ws-a', 'Agency A', 'ds-2', 1, 1),
            item('2026-06-01', 'ws-a1', 'Client A1', 'ds-3', 1, 1),
            item('2026-06-01', 'ws-b', 'Brand B', 'ds-5', 1, 1),
            item('2026-06-01', 'ws-root', 'Root', 'ds-1', 2, 5),
            item('2026-06-01', 'ws-root', 'Root', null, 1, 1),
          ],
          count: 6,
        });
      });
    });
  }
});
