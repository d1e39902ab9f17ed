/**
 * Golden cases for boltz.admin.usage.list over BOLTZ_EVENTS (see fixtures.ts for each event);
 * every expected row is summed by hand from that list.
 */
import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { createBoltz, type Boltz } from '../../../src/facades/boltz/index.ts';
import { describeEachEngine, failure, recordingEngine } from '../common/engines.ts';
import { BOLTZ_EVENTS, RANGE_A, hour } from './fixtures.ts';

describeEachEngine('boltz.admin.usage.list', (engine) => {
  let boltz: Boltz;
  const list = (params: Record<string, unknown>) => {
    boltz ??= createBoltz({ events: BOLTZ_EVENTS, engine: engine() });
    return boltz.admin.usage.list(params as never);
  };

  describe('windows', () => {
    it('ungrouped: every window of the snapped range, zero-filled (00:20–02:30 → 00:00–03:00)', async () => {
      // 00h: E2 1 + E3 2 + E4 4; 01h: E8 64; 02h: E5 8 + E6 16. E1 (23:59:59.999) and E7 (03:00) are outside.
      expect(await list({ ...RANGE_A, window_size: 'HOUR' })).toEqual({
        data: [
          { ...hour('00'), quantity: 7 },
          { ...hour('01'), quantity: 64 },
          { ...hour('02'), quantity: 24 },
        ],
        has_more: false,
        next_page: null,
      });
    });

    it('windows with no events are 0 when ungrouped', async () => {
      // applications=protein_design: E3 2 + E4 4 at 00h, nothing after.
      const page = await list({ ...RANGE_A, window_size: 'HOUR', applications: 'protein_design' });
      expect(page.data).toEqual([
        { ...hour('00'), quantity: 6 },
        { ...hour('01'), quantity: 0 },
        { ...hour('02'), quantity: 0 },
      ]);
    });

    it('instants already on the grid do not widen the range; offsets are read', async () => {
      // 05:30+05:30 = 00:00Z, 07:30+05:30 = 02:00Z → 00h and 01h only.
      const page = await list({
        starting_at: '2026-04-01T05:30:00+05:30',
        ending_at: '2026-04-01T07:30:00+05:30',
        window_size: 'HOUR',
      });
      expect(page.data).toEqual([
        { ...hour('00'), quantity: 7 },
        { ...hour('01'), quantity: 64 },
      ]);
    });

    it('a range inside one hour reports that whole hour', async () => {
      const page = await list({ starting_at: '2026-04-01T02:20:00Z', ending_at: '2026-04-01T02:21:00Z', window_size: 'HOUR' });
      expect(page.data).toEqual([{ ...hour('02'), quantity: 24 }]);
    });

    it('DAY windows are UTC days, the range snapped to midnights', async () => {
      // 12:00+02:00 = 10:00Z on 04-01 snaps to 04-01; 04-02T00:00:01Z snaps up to 04-03.
      // 04-01: E2..E8 = 1+2+4+8+16+32+64 = 127; 04-02: E9 128.
      const page = await list({
        starting_at: '2026-04-01T12:00:00+02:00',
        ending_at: '2026-04-02T00:00:01Z',
        window_size: 'DAY',
      });
      expect(page.data).toEqual([
        { start_time: '2026-04-01T00:00:00.000Z', end_time: '2026-04-02T00:00:00.000Z', quantity: 127 },
        { start_time: '2026-04-02T00:00:00.000Z', end_time: '2026-04-03T00:00:00.000Z', quantity: 128 },
      ]);
    });

    it('across a month end', async () => {
      const page = await list({ starting_at: '2026-04-30T23:00:00Z', ending_at: '2026-05-01T01:00:00Z', window_size: 'HOUR' });
      expect(page.data).toEqual([
        { start_time: '2026-04-30T23:00:00.000Z', end_time: '2026-05-01T00:00:00.000Z', quantity: 3 },
        { start_time: '2026-05-01T00:00:00.000Z', end_time: '2026-05-01T01:00:00.000Z', quantity: 7 },
      ]);
    });

    it('over the leap day 2028-02-29', async () => {
      const page = await list({ starting_at: '2028-02-28T00:00:00Z', ending_at: '2028-03-01T00:00:00Z', window_size: 'DAY' });
      expect(page.data).toEqual([
        { start_time: '2028-02-28T00:00:00.000Z', end_time: '2028-02-29T00:00:00.000Z', quantity: 0 },
        { start_time: '2028-02-29T00:00:00.000Z', end_time: '2028-03-01T00:00:00.000Z', quantity: 5 },
      ]);
    });
  });

  describe('groups and filters', () => {
    it('group_by workspace_id: only cells with usage, the key present, null last', async () => {
      const page = await list({ ...RANGE_A, window_size: 'HOUR', group_by: 'workspace_id' });
      expect(page.data).toEqual([
        { ...hour('00'), quantity: 5, workspace_id: 'ws-a' }, // E2 1 + E4 4
        { ...hour('00'), quantity: 2, workspace_id: 'ws-b' }, // E3
        { ...hour('01'), quantity: 64, workspace_id: null }, // E8
        { ...hour('02'), quantity: 16, workspace_id: 'ws-a' }, // E6
        { ...hour('02'), quantity: 8, workspace_id: 'ws-b' }, // E5
      ]);
      expect(Object.keys(page.data[0])).toEqual(['end_time', 'quantity', 'start_time', 'workspace_id']);
    });

    it('group_by application', async () => {
      const page = await list({ ...RANGE_A, window_size: 'HOUR', group_by: 'application' });
      expect(page.data).toEqual([
        { ...hour('00'), quantity: 1, application: 'adme' },
        { ...hour('00'), quantity: 6, application: 'protein_design' },
        { ...hour('01'), quantity: 64, application: 'adme' },
        { ...hour('02'), quantity: 24, application: 'adme' },
      ]);
    });

    it('group_by both (as the TypeScript client sends it): ordered by workspace_id, then application', async () => {
      const page = await list({ ...RANGE_A, window_size: 'HOUR', 'group_by[]': 'application,workspace_id' });
      expect(page.data).toEqual([
        { ...hour('00'), quantity: 1, application: 'adme', workspace_id: 'ws-a' },
        { ...hour('00'), quantity: 4, application: 'protein_design', workspace_id: 'ws-a' },
        { ...hour('00'), quantity: 2, application: 'protein_design', workspace_id: 'ws-b' },
        { ...hour('01'), quantity: 64, application: 'adme', workspace_id: null },
        { ...hour('02'), quantity: 16, application: 'adme', workspace_id: 'ws-a' },
        { ...hour('02'), quantity: 8, application: 'adme', workspace_id: 'ws-b' },
      ]);
      expect(Object.keys(page.data[0])).toEqual(['end_time', 'quantity', 'start_time', 'application', 'workspace_id']);
      // The vendor's example, byte for byte in its key order.
      expect(JSON.stringify(page.data[3])).toBe(
        '{"end_time":"2026-04-01T02:00:00.000Z","quantity":64,"start_time":"2026-04-01T01:00:00.000Z","application":"adme","workspace_id":null}',
      );
    });

    it('workspace_ids filters, grouped by application', async () => {
      const page = await list({ ...RANGE_A, window_size: 'HOUR', workspace_ids: 'ws-a', group_by: 'application' });
      expect(page.data).toEqual([
        { ...hour('00'), quantity: 1, application: 'adme' },
        { ...hour('00'), quantity: 4, application: 'protein_design' },
        { ...hour('02'), quantity: 16, application: 'adme' },
      ]);
    });

    it('several workspace ids and applications, ungrouped', async () => {
      const page = await list({
        ...RANGE_A,
        window_size: 'HOUR',
        'workspace_ids[]': 'ws-b,ws-z',
        applications: ['adme', 'protein_design'],
      });
      expect(page.data).toEqual([
        { ...hour('00'), quantity: 2 },
        { ...hour('01'), quantity: 0 },
        { ...hour('02'), quantity: 8 },
      ]);
    });

    it('a filter that matches nothing: zero windows ungrouped, no rows grouped', async () => {
      const ungrouped = await list({ ...RANGE_A, window_size: 'HOUR', workspace_ids: 'nobody' });
      expect(ungrouped.data.map((r) => r.quantity)).toEqual([0, 0, 0]);
      expect(await list({ ...RANGE_A, window_size: 'HOUR', workspace_ids: 'nobody', group_by: 'workspace_id' })).toEqual({
        data: [],
        has_more: false,
        next_page: null,
      });
    });
  });

  describe('limits and paging', () => {
    const month = { starting_at: '2026-01-01T00:00:00Z', ending_at: '2026-02-01T00:00:00Z', window_size: 'HOUR' };

    it('31 days of HOUR is allowed: 744 windows, 100 per page by default', async () => {
      const first = await list(month);
      expect(first.data).toHaveLength(100);
      expect(first.data[0]).toEqual({
        start_time: '2026-01-01T00:00:00.000Z',
        end_time: '2026-01-01T01:00:00.000Z',
        quantity: 0,
      });
      expect(first.has_more).toBe(true);
      expect(typeof first.next_page).toBe('string');
      const all = await list({ ...month, limit: '1000' });
      expect(all.data).toHaveLength(744);
      expect(all.data[743].end_time).toBe('2026-02-01T00:00:00.000Z');
      expect(all.has_more).toBe(false);
      expect(all.next_page).toBeNull();
    });

    it('walks the pages with next_page; the last has has_more false and next_page null', async () => {
      const q = { ...RANGE_A, window_size: 'HOUR', limit: 2 };
      const p1 = await list(q);
      expect(p1.data).toEqual([
        { ...hour('00'), quantity: 7 },
        { ...hour('01'), quantity: 64 },
      ]);
      expect(p1.has_more).toBe(true);
      const p2 = await list({ ...q, page: p1.next_page });
      expect(p2).toEqual({ data: [{ ...hour('02'), quantity: 24 }], has_more: false, next_page: null });
    });

    it('the cursor is not bound to limit: a later page may ask for another size', async () => {
      const p1 = await list({ ...RANGE_A, window_size: 'HOUR', limit: 1 });
      const rest = await list({ ...RANGE_A, window_size: 'HOUR', limit: 5, page: p1.next_page });
      expect(rest.data.map((r) => r.quantity)).toEqual([64, 24]);
    });

    it('the cursor is bound to every other parameter, whatever their order or form', async () => {
      const q = { ...RANGE_A, window_size: 'HOUR', group_by: ['workspace_id', 'application'], limit: 1 };
      const p1 = await list(q);
      const same = await list({
        limit: 1,
        'group_by[]': 'application,workspace_id',
        ...RANGE_A,
        window_size: 'HOUR',
        page: p1.next_page,
      });
      expect(same.data).toEqual([{ ...hour('00'), quantity: 4, application: 'protein_design', workspace_id: 'ws-a' }]);
      const mismatch = { status: 400, body: { detail: 'Page cursor does not match the query parameters' } };
      expect(await failure(list({ ...q, group_by: 'workspace_id', page: p1.next_page }))).toEqual(mismatch);
      expect(await failure(list({ ...q, window_size: 'DAY', page: p1.next_page }))).toEqual(mismatch);
      expect(await failure(list({ ...q, starting_at: '2026-04-01T00:21:00Z', page: p1.next_page }))).toEqual(mismatch);
      expect(await failure(list({ ...q, applications: 'adme', page: p1.next_page }))).toEqual(mismatch);
      expect(await failure(list({ ...q, workspace_ids: 'ws-a', page: p1.next_page }))).toEqual(mismatch);
    });

    it('an edited or made-up cursor is 400 Invalid page cursor', async () => {
      const q = { ...RANGE_A, window_size: 'HOUR', limit: 1 };
      const { next_page } = await list(q);
      const token = next_page!;
      const edited = token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
      const invalid = { status: 400, body: { detail: 'Invalid page cursor' } };
      for (const page of [edited, 'abc', '', `${token}x`]) expect(await failure(list({ ...q, page }))).toEqual(invalid);
    });
  });

  describe('400s', () => {
    it('start at or after end', async () => {
      const body = { detail: 'starting_at must be before ending_at' };
      expect(
        await failure(list({ starting_at: '2026-04-01T01:00:00Z', ending_at: '2026-04-01T01:00:00Z', window_size: 'HOUR' })),
      ).toEqual({ status: 400, body });
      expect(
        await failure(list({ starting_at: '2026-04-01T02:00:00Z', ending_at: '2026-04-01T03:00:00+02:00', window_size: 'DAY' })),
      ).toEqual({ status: 400, body });
    });

    it('more than 31 days of HOUR or 365 days of DAY, as requested', async () => {
      expect(
        await failure(list({ starting_at: '2026-01-01T00:00:00Z', ending_at: '2026-02-01T00:00:00.001Z', window_size: 'HOUR' })),
      ).toEqual({ status: 400, body: { detail: 'Time range too large: window_size HOUR supports up to 31 days per query' } });
      expect(
        await failure(list({ starting_at: '2026-01-01T00:00:00Z', ending_at: '2027-01-01T00:00:00.001Z', window_size: 'DAY' })),
      ).toEqual({ status: 400, body: { detail: 'Time range too large: window_size DAY supports up to 365 days per query' } });
      const year = await list({
        starting_at: '2026-01-01T00:00:00Z',
        ending_at: '2027-01-01T00:00:00Z',
        window_size: 'DAY',
        limit: 1000,
      });
      expect(year.data).toHaveLength(365);
      // 00:30 + 31 days is allowed and snaps outward to 745 hours.
      const snapped = await list({
        starting_at: '2026-01-01T00:30:00Z',
        ending_at: '2026-02-01T00:30:00Z',
        window_size: 'HOUR',
        limit: 1000,
      });
      expect(snapped.data).toHaveLength(745);
    });

    it('validation (422) comes before the range check', async () => {
      const e = await failure(
        list({ starting_at: '2026-04-02T00:00:00Z', ending_at: '2026-04-01T00:00:00Z', window_size: 'WEEK' }),
      );
      expect(e.status).toBe(422);
    });
  });

  describe('engine work', () => {
    it("one aggregate call per listing (a later page slices the first page's result), on the same events object, filters in where and the snapped range", async () => {
      const { engine: recording, calls } = recordingEngine(engine);
      const b = createBoltz({ events: BOLTZ_EVENTS, engine: recording });
      const q = { ...RANGE_A, window_size: 'HOUR', group_by: 'workspace_id', applications: 'adme', limit: 1 };
      const p1 = await b.admin.usage.list(q);
      const p2 = await b.admin.usage.list({ ...q, page: p1.next_page });
      await b.admin.usage.list({ ...RANGE_A, window_size: 'DAY', workspace_ids: 'ws-a' });
      expect(calls).toHaveLength(2);
      // The same page as a fresh computation gives.
      const fresh = createBoltz({ events: BOLTZ_EVENTS, engine: engine() });
      const f1 = await fresh.admin.usage.list({ ...q, limit: 2 });
      expect([...p1.data, ...p2.data]).toEqual(f1.data);
      for (const c of calls) expect(c.events).toBe(BOLTZ_EVENTS);
      expect(calls[0].query).toEqual({
        time: 'ts',
        window: 'hour',
        timeZone: 'UTC',
        range: { start: Date.UTC(2026, 3, 1, 0), end: Date.UTC(2026, 3, 1, 3) },
        groupBy: ['workspace_id'],
        where: { application: ['adme'] },
        measures: { __boltz_quantity: { op: 'sum', column: 'quantity' } },
        fill: 'none',
        missingColumns: 'null',
      });
      expect(calls[1].query).toMatchObject({
        window: 'day',
        range: { start: Date.UTC(2026, 3, 1), end: Date.UTC(2026, 3, 2) },
        groupBy: [],
        where: { workspace_id: ['ws-a'] },
        fill: 'zero',
      });
    });

    it('no engine call when the request is rejected', async () => {
      const { engine: recording, calls } = recordingEngine(engine);
      const b = createBoltz({ events: BOLTZ_EVENTS, engine: recording });
      await failure(b.admin.usage.list({ ...RANGE_A, window_size: 'WEEK' }));
      await failure(b.admin.usage.list({ ...RANGE_A, window_size: 'HOUR', page: 'nope' }));
      expect(calls).toHaveLength(0);
    });
  });

  describe('column mapping', () => {
    it("reads the user's own column names", async () => {
      const table = aq.table({
        at: BOLTZ_EVENTS.map((e) => e.ts),
        ws: BOLTZ_EVENTS.map((e) => e.workspace_id),
        app: BOLTZ_EVENTS.map((e) => e.application),
        n: BOLTZ_EVENTS.map((e) => e.quantity),
      });
      const mapped = createBoltz({
        events: table,
        engine: engine(),
        columns: { ts: 'at', workspace_id: 'ws', application: 'app', quantity: 'n' },
      });
      const page = await mapped.admin.usage.list({
        ...RANGE_A,
        window_size: 'HOUR',
        group_by: 'workspace_id',
        workspace_ids: 'ws-b',
      });
      expect(page.data).toEqual([
        { ...hour('00'), quantity: 2, workspace_id: 'ws-b' },
        { ...hour('02'), quantity: 8, workspace_id: 'ws-b' },
      ]);
    });
  });
});

describe('createBoltz', () => {
  it('rejects options that cannot work', () => {
    expect(() => createBoltz({ events: [], engine: {} as never })).toThrow(
      'createBoltz: engine must be an engine from createEngine()',
    );
    expect(() => createBoltz({ events: null as never, engine: { aggregate: async () => null } as never })).toThrow(
      'createBoltz: events must be an arquero table, an array of records or an EventSource',
    );
    expect(() =>
      createBoltz({ events: [], engine: { aggregate: async () => null } as never, columns: { user: 'u' } as never }),
    ).toThrow("createBoltz: columns: unknown column 'user' (known: ts, workspace_id, application, quantity)");
  });
});
