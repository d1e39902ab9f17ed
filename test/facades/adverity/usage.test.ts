/** Golden cases for adverity.usage.list over ADVERITY_EVENTS and WORKSPACES (fixtures.ts), counted by hand. */
import { describe, expect, it } from 'vitest';
import { createAdverity } from '../../../src/facades/adverity/index.ts';
import { describeEachEngine, failure, recordingEngine } from '../common/engines.ts';
import { ADVERITY_EVENTS, NOW, ROOT_DAILY, WORKSPACES, item } from './fixtures.ts';

describeEachEngine('adverity.usage.list', (engine) => {
  const adverity = (now = NOW, events: Record<string, unknown>[] = ADVERITY_EVENTS) =>
    createAdverity({ events, workspaces: WORKSPACES, engine: engine(), now: () => now });
  const list = (params: Record<string, unknown>, scope = 'ws-root', now = NOW) =>
    adverity(now).usage.list(params as never, { scope });

  describe('defaults, dates and granularity', () => {
    it('defaults: daily, from the 1st of the month to yesterday, the whole subtree', async () => {
      const res = await list({});
      expect(res).toEqual({ items: ROOT_DAILY, count: 7 });
      expect(Object.keys(res)).toEqual(['items', 'count']);
      expect(Object.keys(res.items[0])).toEqual([
        'date',
        'workspace_id',
        'workspace_name',
        'datastream_id',
        'unique_rows',
        'total_rows',
      ]);
    });

    it('date_to is capped to yesterday: today (A10) is never reported', async () => {
      expect(await list({ date_to: '2026-06-30' })).toEqual({ items: ROOT_DAILY, count: 7 });
      expect(await list({ date_to: '2026-06-19' })).toEqual({ items: ROOT_DAILY, count: 7 });
      expect(await list({ date_to: '2026-06-18' })).toEqual({ items: ROOT_DAILY, count: 7 });
      expect(await list({ date_to: '2026-06-17' })).toEqual({ items: ROOT_DAILY.slice(0, 6), count: 6 });
    });

    it('explicit dates are inclusive', async () => {
      expect(await list({ date_from: '2026-06-02', date_to: '2026-06-03' })).toEqual({ items: ROOT_DAILY.slice(2, 5), count: 3 });
      expect(await list({ date_from: '2026-05-31', date_to: '2026-06-01' })).toEqual({
        items: [item('2026-05-31', 'ws-root', 'Root', 'ds-1', 1, 1), ...ROOT_DAILY.slice(0, 2)],
        count: 3,
      });
    });

    it('a range empty after capping, or from after to: no items', async () => {
      expect(await list({ date_from: '2026-06-19' })).toEqual({ items: [], count: 0 });
      expect(await list({ date_from: '2026-06-10', date_to: '2026-06-09' })).toEqual({ items: [], count: 0 });
      // On the 1st, the default range is the 1st to the day before: empty.
      expect(await list({}, 'ws-root', new Date('2026-07-01T00:00:00.000Z'))).toEqual({ items: [], count: 0 });
    });

    it('monthly: one item per month, unique rows distinct over the month', async () => {
      // ws-root ds-1 in June: A2, A3, A4, A11, A12 → r1, r2 unique (2, not 2 + 1 + 0 summed by day), 5 rows.
      const june = [
        item('2026-06-01', 'ws-a', 'Agency A', 'ds-2', 1, 1),
        item('2026-06-01', 'ws-a1', 'Client A1', 'ds-3', 1, 1),
        item('2026-06-01', 'ws-b', 'Brand B', 'ds-5', 1, 1),
        item('2026-06-01', 'ws-root', 'Root', 'ds-1', 2, 5),
        item('2026-06-01', 'ws-root', 'Root', null, 1, 1),
      ];
      expect(await list({ granularity: 'monthly' })).toEqual({ items: june, count: 5 });
      // From mid-May: May's item is dated the 1st of May and holds only A1.
      expect(await list({ granularity: 'monthly', date_from: '2026-05-15' })).toEqual({
        items: [item('2026-05-01', 'ws-root', 'Root', 'ds-1', 1, 1), ...june],
        count: 6,
      });
      // Mid-month dates cut the month: 06-02 … 06-03 gives A6, A7, A11.
      expect(await list({ granularity: 'monthly', date_from: '2026-06-02', date_to: '2026-06-03' })).toEqual({
        items: [june[0], june[1], item('2026-06-01', 'ws-root', 'Root', 'ds-1', 1, 1)],
        count: 3,
      });
    });

    it('the leap day, reported the day after', async () => {
      const now = new Date('2028-03-01T00:00:00.000Z');
      const leap = item('2028-02-29', 'ws-b', 'Brand B', 'ds-5', 1, 1);
      expect(await list({ date_from: '2028-02-28' }, 'ws-root', now)).toEqual({ items: [leap], count: 1 });
      expect(await list({ date_from: '2028-02-01', granularity: 'monthly' }, 'ws-root', now)).toEqual({
        items: [{ ...leap, date: '2028-02-01' }],
        count: 1,
      });
      expect(await list({}, 'ws-root', now)).toEqual({ items: [], count: 0 });
    });

    it('Django date forms and blank values', async () => {
      expect(await list({ date_from: '2026-6-2', date_to: '2026-06-3' })).toEqual({ items: ROOT_DAILY.slice(2, 5), count: 3 });
      expect(await list({ granularity: '', date_from: '', date_to: '' })).toEqual({ items: ROOT_DAILY, count: 7 });
    });
  });

  describe('scope and filters', () => {
    it('a scope sees itself and its descendants only', async () => {
      expect(await list({}, 'ws-a')).toEqual({ items: ROOT_DAILY.slice(2, 4), count: 2 });
      expect(await list({}, 'ws-a1')).toEqual({ items: [ROOT_DAILY[3]], count: 1 });
      expect(await list({ date_from: '2026-06-02', date_to: '2026-06-02' }, 'ws-x')).toEqual({
        items: [item('2026-06-02', 'ws-x', 'Elsewhere', 'ds-4', 1, 1)],
        count: 1,
      });
    });

    it('an unknown scope sees nothing', async () => {
      expect(await list({}, 'ws-nope')).toEqual({ items: [], count: 0 });
    });

    it('workspace_id: the asked ids that are visible; out-of-scope and unknown ids ignored', async () => {
      expect(await list({ workspace_id: 'ws-a' })).toEqual({ items: ROOT_DAILY.slice(2, 3), count: 1 });
      expect(await list({ workspace_id: ['ws-x', 'ws-b', 'nope'] })).toEqual({ items: [ROOT_DAILY[6]], count: 1 });
      expect(await list({ 'workspace_id[]': 'ws-a1,ws-b' })).toEqual({ items: [ROOT_DAILY[3], ROOT_DAILY[6]], count: 2 });
      expect(await list({ workspace_id: 'ws-x' })).toEqual({ items: [], count: 0 });
      expect(await list({ workspace_id: 'ws-root' }, 'ws-a')).toEqual({ items: [], count: 0 });
      expect(await list({ workspace_id: '' })).toEqual({ items: ROOT_DAILY, count: 7 });
    });

    it('datastream_id filters; an unknown or out-of-scope datastream matches nothing', async () => {
      expect(await list({ datastream_id: 'ds-1' })).toEqual({ items: [ROOT_DAILY[0], ROOT_DAILY[4], ROOT_DAILY[5]], count: 3 });
      expect(await list({ datastream_id: ['ds-2', 'ds-5'] })).toEqual({ items: [ROOT_DAILY[2], ROOT_DAILY[6]], count: 2 });
      expect(await list({ datastream_id: 'ds-4' })).toEqual({ items: [], count: 0 });
      expect(await list({ datastream_id: 'ds-2', workspace_id: 'ws-a1' })).toEqual({ items: [], count: 0 });
    });

    it('a caller without a scope is a programming error', async () => {
      await expect(adverity().usage.list({}, {} as never)).rejects.toThrow(
        'adverity.usage.list: the caller scope (a workspace id) is required',
      );
    });
  });

  describe('pagination', () => {
    it('pages of page_size; the last page is partial; past it 404', async () => {
      expect(await list({ page_size: '2' })).toEqual({ items: ROOT_DAILY.slice(0, 2), count: 7 });
      expect(await list({ page_size: '2', page: '2' })).toEqual({ items: ROOT_DAILY.slice(2, 4), count: 7 });
      expect(await list({ page_size: '2', page: '4' })).toEqual({ items: ROOT_DAILY.slice(6), count: 7 });
      expect(await list({ page_size: '2', page: 'last' })).toEqual({ items: ROOT_DAILY.slice(6), count: 7 });
      expect(await list({ page_size: ' 3 ', page: '+3' })).toEqual({ items: ROOT_DAILY.slice(6), count: 7 });
      const invalid = { status: 404, body: { detail: 'Invalid page.' } };
      for (const page of ['5', '0', '-1', 'abc', ' ', '1.0', 'first']) {
        expect(await failure(list({ page_size: '2', page }))).toEqual(invalid);
      }
    });

    it('an empty page is page 1, as DRF reads `page or 1`; a repeated page takes the last value', async () => {
      expect(await list({ page_size: '2', page: '' })).toEqual({ items: ROOT_DAILY.slice(0, 2), count: 7 });
      expect(await list({ page_size: '2', page: ['3', ''] })).toEqual({ items: ROOT_DAILY.slice(0, 2), count: 7 });
      expect(await list({ page: '', workspace_id: 'ws-x' })).toEqual({ items: [], count: 0 });
    });

    it('page 1 of an empty result is 200 with no items; page 2 is 404', async () => {
      expect(await list({ page: '1', workspace_id: 'ws-x' })).toEqual({ items: [], count: 0 });
      expect(await list({ page: 'last', date_from: '2026-06-19' })).toEqual({ items: [], count: 0 });
      expect(await failure(list({ page: '2', workspace_id: 'ws-x' }))).toEqual({
        status: 404,
        body: { detail: 'Invalid page.' },
      });
      expect(await failure(list({ page: '2' }, 'ws-nope'))).toEqual({ status: 404, body: { detail: 'Invalid page.' } });
    });

    it('page_size defaults to 50 and is capped at 100; a bad size is the default', async () => {
      // 150 datastreams of ws-b on 2026-06-10: 150 items.
      const many = Array.from({ length: 150 }, (_, i) => ({
        ts: '2026-06-10T12:00:00Z',
        workspace_id: 'ws-b',
        datastream_id: `ds-${String(i).padStart(3, '0')}`,
        row_key: 'k',
      }));
      const big = adverity(NOW, many);
      const size = async (params: Record<string, string>) => (await big.usage.list(params, { scope: 'ws-root' })).items.length;
      expect(await size({})).toBe(50);
      expect(await size({ page_size: '100' })).toBe(100);
      expect(await size({ page_size: '1000' })).toBe(100);
      expect(await size({ page_size: '0' })).toBe(50);
      expect(await size({ page_size: '-5' })).toBe(50);
      expect(await size({ page_size: 'ten' })).toBe(50);
      expect(await size({ page_size: '1000', page: '2' })).toBe(50);
      expect(await size({ page: '3' })).toBe(50);
      expect(await failure(big.usage.list({ page: '4' }, { scope: 'ws-root' }))).toEqual({
        status: 404,
        body: { detail: 'Invalid page.' },
      });
      const first = await big.usage.list({ page_size: '1000' }, { scope: 'ws-root' });
      expect(first.count).toBe(150);
      expect(first.items[99].datastream_id).toBe('ds-099');
    });
  });

  describe('columns the events leave out', () => {
    // No record carries datastream_id; the last one has no row_key either.
    const LEFT_OUT = [
      { ts: '2026-06-01T10:00:00Z', workspace_id: 'ws-a', row_key: 'r1' },
      { ts: '2026-06-01T11:00:00Z', workspace_id: 'ws-a', row_key: 'r1' },
      { ts: '2026-06-01T12:00:00Z', workspace_id: 'ws-a' },
    ];
    const SPELLED = LEFT_OUT.map((e) => ({ datastream_id: null, row_key: null, ...e }));

    it('read as null: every row is the null datastream, whichever way records spell it', async () => {
      for (const events of [LEFT_OUT, SPELLED]) {
        const a = adverity(NOW, events);
        // r1 twice and a row without a key: 1 unique of 3.
        expect(await a.usage.list({}, { scope: 'ws-root' })).toEqual({
          items: [item('2026-06-01', 'ws-a', 'Agency A', null, 1, 3)],
          count: 1,
        });
        expect(await a.usage.list({ datastream_id: 'ds-1' }, { scope: 'ws-root' })).toEqual({ items: [], count: 0 });
      }
      // No row_key anywhere: unique_rows is 0, never null.
      const noKeys = adverity(
        NOW,
        LEFT_OUT.map(({ row_key: _, ...e }) => e),
      );
      expect((await noKeys.usage.list({}, { scope: 'ws-root' })).items).toEqual([
        item('2026-06-01', 'ws-a', 'Agency A', null, 0, 3),
      ]);
    });
  });

  describe('400s', () => {
    const FORMAT = ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'];

    it('a granularity outside daily, monthly', async () => {
      expect(await failure(list({ granularity: 'weekly' }))).toEqual({
        status: 400,
        body: { granularity: ['"weekly" is not a valid choice.'] },
      });
      expect(await failure(list({ granularity: 'Daily' }))).toEqual({
        status: 400,
        body: { granularity: ['"Daily" is not a valid choice.'] },
      });
    });

    it('dates that are not YYYY-MM-DD calendar dates', async () => {
      for (const bad of ['2026/06/01', '01-06-2026', '2026-02-30', '2026-06-01T00:00:00Z', 'yesterday', '2026-13-01']) {
        expect(await failure(list({ date_from: bad }))).toEqual({ status: 400, body: { date_from: FORMAT } });
      }
    });

    it('every bad field at once, in the order granularity, date_from, date_to, before pagination', async () => {
      const e = await failure(list({ date_to: '2028-02-30', page: '99', date_from: 'x', granularity: 'hourly' }));
      expect(e.status).toBe(400);
      expect(JSON.stringify(e.body)).toBe(
        JSON.stringify({
          granularity: ['"hourly" is not a valid choice.'],
          date_from: FORMAT,
          date_to: FORMAT,
        }),
      );
    });
  });

  it('one aggregate call per request, on the same events object: visible ids in where, a monthly window for monthly', async () => {
    const { engine: recording, calls } = recordingEngine(engine);
    const a = createAdverity({ events: ADVERITY_EVENTS, workspaces: WORKSPACES, engine: recording, now: () => NOW });
    await a.usage.list({ granularity: 'monthly', workspace_id: ['ws-b', 'ws-x'], datastream_id: 'ds-5' }, { scope: 'ws-root' });
    await a.usage.list({}, { scope: 'ws-a' });
    await a.usage.list({ workspace_id: 'ws-x' }, { scope: 'ws-root' }); // nothing visible: no call
    expect(calls).toHaveLength(2);
    for (const c of calls) expect(c.events).toBe(ADVERITY_EVENTS);
    expect(calls[0].query).toEqual({
      time: 'ts',
      window: 'month',
      timeZone: 'UTC',
      range: { start: Date.UTC(2026, 5, 1), end: Date.UTC(2026, 5, 19) },
      groupBy: ['workspace_id', 'datastream_id'],
      where: { workspace_id: ['ws-b'], datastream_id: ['ds-5'] },
      measures: { __adverity_unique_rows: { op: 'countDistinct', column: 'row_key' }, __adverity_total_rows: { op: 'count' } },
      missingColumns: 'null',
    });
    expect(calls[1].query.where).toEqual({ workspace_id: ['ws-a', 'ws-a1'] });
  });

  it('reads mapped column names', async () => {
    const events = ADVERITY_EVENTS.map((e) => ({ at: e.ts, ws: e.workspace_id, stream: e.datastream_id, key: e.row_key }));
    const mapped = createAdverity({
      events,
      workspaces: WORKSPACES,
      engine: engine(),
      now: () => NOW,
      columns: { ts: 'at', workspace_id: 'ws', datastream_id: 'stream', row_key: 'key' },
    });
    expect(await mapped.usage.list({}, { scope: 'ws-root' })).toEqual({ items: ROOT_DAILY, count: 7 });
  });
});

describe('createAdverity', () => {
  it('rejects a workspace catalog that is not { id, name, parent_id }', () => {
    const engine = { aggregate: async () => null } as never;
    expect(() => createAdverity({ events: [], engine, workspaces: [{ id: 'a', parent_id: null }] as never })).toThrow(
      'createAdverity: workspaces[0].name: Invalid input: expected string, received undefined',
    );
  });

  it('a cycle in parent_id does not loop', async () => {
    const engine = { aggregate: async () => ({ numRows: () => 0, array: () => [] }) } as never;
    const cyclic = createAdverity({
      events: [],
      engine,
      now: () => NOW,
      workspaces: [
        { id: 'a', name: 'A', parent_id: 'b' },
        { id: 'b', name: 'B', parent_id: 'a' },
      ],
    });
    expect(await cyclic.usage.list({}, { scope: 'a' })).toEqual({ items: [], count: 0 });
  });
});
