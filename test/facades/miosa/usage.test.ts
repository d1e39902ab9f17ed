/** Golden cases for miosa.usage.get over MIOSA_EVENTS (fixtures.ts), summed by hand. */
import { describe, expect, it } from 'vitest';
import { createMiosa } from '../../../src/facades/miosa/index.ts';
import type { Engine } from '../../../src/engine/engine.ts';
import { describeEachEngine, failure, recordingEngine } from '../common/engines.ts';
import { MIOSA_EVENTS, NOW } from './fixtures.ts';

const r = (key: string, value: string | null, s: number, c: number, g: number, credit: number) => ({
  [key]: value,
  sandbox_seconds: s,
  computer_seconds: c,
  storage_gb_hours: g,
  credit_cents: credit,
});
const user = (v: string | null, s: number, c: number, g: number, credit: number) => r('external_user_id', v, s, c, g, credit);

describeEachEngine('miosa.usage.get', (engine) => {
  const miosa = (now = NOW, events = MIOSA_EVENTS) => createMiosa({ events, engine: engine(), now: () => now });

  describe('periods and grouping', () => {
    it('defaults: 30d by external_user_id, the seed example period; ties on credit by group value, null last', async () => {
      // u1: M2. u2: M3 + M4, credit 108.5 → 109. u3: M7 + M8, credit 2.5 → 3. null: M6 (missing metrics are 0).
      const res = await miosa().usage.get({});
      expect(res).toEqual({
        period_start: '2026-04-26T00:00:00Z',
        period_end: '2026-05-26T00:00:00Z',
        results: [
          user('u1', 14400, 0, 2.5, 312),
          user(null, 5, 0, 0, 312),
          user('u2', 3610, 7220, 0.25, 109),
          user('u3', 0, 120, 1, 3),
        ],
      });
      expect(Object.keys(res)).toEqual(['period_start', 'period_end', 'results']);
      expect(Object.keys(res.results[0])).toEqual([
        'external_user_id',
        'sandbox_seconds',
        'computer_seconds',
        'storage_gb_hours',
        'credit_cents',
      ]);
      expect(await miosa().usage.get()).toEqual(res);
    });

    it('group_by external_project_id', async () => {
      // p1: M2 + M4 → credit 312.5 → 313. p2: M3 + M6 + M7 + M8 → 422.5 → 423.
      expect((await miosa().usage.get({ group_by: 'external_project_id' })).results).toEqual([
        r('external_project_id', 'p2', 3605, 7320, 1, 423),
        r('external_project_id', 'p1', 14410, 20, 2.75, 313),
      ]);
    });

    it('group_by workspace_id', async () => {
      expect((await miosa().usage.get({ group_by: 'workspace_id', period: '30d' })).results).toEqual([
        r('workspace_id', 'w1', 18000, 7200, 2.5, 420),
        r('workspace_id', 'w2', 15, 140, 1.25, 315),
      ]);
    });

    it('7d: the 7 days before the next UTC midnight', async () => {
      expect(await miosa().usage.get({ period: '7d' })).toEqual({
        period_start: '2026-05-19T00:00:00Z',
        period_end: '2026-05-26T00:00:00Z',
        results: [user('u2', 3610, 7220, 0.25, 109)],
      });
    });

    it('mtd: the 1st of the month to the next midnight', async () => {
      // M3, M4 (u2), M6 (null), M8 (u3: credit 1.25 → 1).
      expect(await miosa().usage.get({ period: 'mtd' })).toEqual({
        period_start: '2026-05-01T00:00:00Z',
        period_end: '2026-05-26T00:00:00Z',
        results: [user(null, 5, 0, 0, 312), user('u2', 3610, 7220, 0.25, 109), user('u3', 0, 60, 0.5, 1)],
      });
    });

    it('now exactly at midnight: period_end is the next midnight, a day later', async () => {
      // [05-20, 05-27): M3, M4 (u2) and M5 (u3).
      expect(await miosa(new Date('2026-05-26T00:00:00.000Z')).usage.get({ period: '7d' })).toEqual({
        period_start: '2026-05-20T00:00:00Z',
        period_end: '2026-05-27T00:00:00Z',
        results: [user('u3', 1, 1, 1, 999), user('u2', 3610, 7220, 0.25, 109)],
      });
    });

    it('mtd on the 1st at 00:00 covers that one day', async () => {
      expect(await miosa(new Date('2026-05-01T00:00:00.000Z')).usage.get({ period: 'mtd' })).toEqual({
        period_start: '2026-05-01T00:00:00Z',
        period_end: '2026-05-02T00:00:00Z',
        results: [user(null, 5, 0, 0, 312)],
      });
    });

    it('month ends and the leap day', async () => {
      const leap = await miosa(new Date('2028-02-29T10:00:00Z')).usage.get({ period: 'mtd' });
      expect(leap).toEqual({ period_start: '2028-02-01T00:00:00Z', period_end: '2028-03-01T00:00:00Z', results: [] });
      const leap30 = await miosa(new Date('2028-02-29T23:59:59.999Z')).usage.get({ period: '30d' });
      expect([leap30.period_start, leap30.period_end]).toEqual(['2028-01-31T00:00:00Z', '2028-03-01T00:00:00Z']);
      const jan = await miosa(new Date('2026-01-31T23:59:59.999Z')).usage.get({ period: '30d' });
      expect([jan.period_start, jan.period_end]).toEqual(['2026-01-02T00:00:00Z', '2026-02-01T00:00:00Z']);
      const dec = await miosa(new Date('2026-12-31T12:00:00Z')).usage.get({ period: 'mtd' });
      expect([dec.period_start, dec.period_end]).toEqual(['2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z']);
    });

    it('custom: start and end as given, offsets read, printed in UTC', async () => {
      // 10:00+02:00 = 08:00Z: M3 only.
      expect(
        await miosa().usage.get({ period: 'custom', start: '2026-05-20T10:00:00+02:00', end: '2026-05-20T08:00:01Z' }),
      ).toEqual({
        period_start: '2026-05-20T08:00:00Z',
        period_end: '2026-05-20T08:00:01Z',
        results: [user('u2', 3600, 7200, 0, 108)],
      });
    });

    it('custom with milliseconds keeps them in the printed period', async () => {
      // [M1, M2 + 1 ms): both u1 events.
      expect(
        await miosa().usage.get({ period: 'custom', start: '2026-04-25T23:59:59.999Z', end: '2026-04-26T00:00:00.001Z' }),
      ).toEqual({
        period_start: '2026-04-25T23:59:59.999Z',
        period_end: '2026-04-26T00:00:00.001Z',
        results: [user('u1', 15400, 0, 2.5, 1312)],
      });
    });

    it('custom: any valid ISO 8601 — a date is UTC midnight, no offset is UTC, the basic format', async () => {
      const M3 = user('u2', 3600, 7200, 0, 108); // 2026-05-20T08:00Z
      expect(await miosa().usage.get({ period: 'custom', start: '2026-05-20', end: '2026-05-21' })).toEqual({
        period_start: '2026-05-20T00:00:00Z',
        period_end: '2026-05-21T00:00:00Z',
        results: [M3],
      });
      expect(await miosa().usage.get({ period: 'custom', start: '2026-05-20T08:00:00', end: '2026-05-20T08:00:01' })).toEqual({
        period_start: '2026-05-20T08:00:00Z',
        period_end: '2026-05-20T08:00:01Z',
        results: [M3],
      });
      expect(await miosa().usage.get({ period: 'custom', start: '20260501T000000Z', end: '20260520T100001+0200' })).toEqual({
        // From M6 (05-01 00:00, no user) to 08:00:01Z: M6, M8 (u3, credit 1.25 → 1) and M3.
        period_start: '2026-05-01T00:00:00Z',
        period_end: '2026-05-20T08:00:01Z',
        results: [user(null, 5, 0, 0, 312), M3, user('u3', 0, 60, 0.5, 1)],
      });
      expect((await miosa().usage.get({ period: 'custom', start: '20260520', end: '2026-05-20T08:00:00.001' })).results).toEqual([
        M3,
      ]);
    });

    it('start and end are ignored for other periods; a repeated parameter takes its last value', async () => {
      const res = await miosa().usage.get({
        period: ['custom', '7d'],
        start: 'whenever',
        group_by: ['workspace_id', 'external_user_id'],
      });
      expect(res.period_start).toBe('2026-05-19T00:00:00Z');
      expect(res.results).toEqual([user('u2', 3610, 7220, 0.25, 109)]);
    });
  });

  describe('credit_cents', () => {
    const at = (credit: number, id: string) => ({
      ts: '2026-05-20T00:00:00Z',
      workspace_id: 'w',
      external_user_id: id,
      external_project_id: 'p',
      sandbox_seconds: 0,
      computer_seconds: 0,
      storage_gb_hours: 0,
      credit_cents: credit,
    });

    it('rounds the sum half away from zero, as decimals (0.1 + 4.1 + 0.3 is 4.5 → 5), negatives too', async () => {
      const events = [
        at(0.1, 'a'),
        at(4.1, 'a'),
        at(0.3, 'a'),
        at(-1.25, 'b'),
        at(-1.25, 'b'),
        at(0.49, 'c'),
        at(1.5, 'd'),
        at(-1.5, 'd'),
      ];
      const res = await miosa(NOW, events).usage.get({ period: '7d' });
      expect(res.results.map((x) => [x.external_user_id, x.credit_cents])).toEqual([
        ['a', 5],
        ['c', 0],
        ['d', 0],
        ['b', -3],
      ]);
    });
  });

  describe('group values are strings', () => {
    const at = (workspace: unknown, credit: number, sandbox: number) => ({
      ts: '2026-05-20T00:00:00Z',
      workspace_id: workspace,
      external_user_id: 'u',
      external_project_id: 'p',
      sandbox_seconds: sandbox,
      computer_seconds: 0,
      storage_gb_hours: 0,
      credit_cents: credit,
    });

    it('a number is its text (42 → "42"), one group with the text "42"; null stays null', async () => {
      const events = [at(42, 10, 1), at('42', 5, 2), at(7, 15, 4), at(null, 1, 8)];
      const res = await miosa(NOW, events).usage.get({ period: '7d', group_by: 'workspace_id' });
      // "42": 10 + 5 = 15 credit, 1 + 2 sandbox; "7": 15. Equal credit: "42" before "7" as text.
      expect(res.results).toEqual([
        r('workspace_id', '42', 3, 0, 0, 15),
        r('workspace_id', '7', 4, 0, 0, 15),
        r('workspace_id', null, 8, 0, 0, 1),
      ]);
    });

    it('42 and "42" that overflow only together are the vendor 500 naming the period and group, never null', async () => {
      const e = await failure(
        miosa(NOW, [at(42, 1, 1e308), at('42', 1, 1e308)]).usage.get({ period: '7d', group_by: 'workspace_id' }),
      );
      expect(e).toEqual({
        status: 500,
        body: {
          error: {
            code: 'internal_error',
            message:
              'sandbox_seconds overflows (a sum beyond ±1.8e308) in the window 2026-05-19T00:00:00.000Z to 2026-05-26T00:00:00.000Z for workspace_id "42"',
          },
        },
      });
    });
  });

  describe('totals without binary noise', () => {
    it('non-integer sums are rounded to 15 significant digits and printed in their shortest form', async () => {
      const at = (g: number, c: number, sandbox: number) => ({
        ts: '2026-05-20T00:00:00Z',
        workspace_id: 'w',
        external_user_id: 'u',
        external_project_id: 'p',
        sandbox_seconds: sandbox,
        computer_seconds: c,
        storage_gb_hours: g,
        credit_cents: 1,
      });
      const res = await miosa(NOW, [at(0.1, 1.1, 0.5), at(0.2, 2.2, 0.25)]).usage.get({ period: '7d' });
      // 0.1 + 0.2 = 0.30000000000000004 and 1.1 + 2.2 = 3.3000000000000003 in binary floating point.
      expect(JSON.stringify(res.results)).toBe(
        '[{"external_user_id":"u","sandbox_seconds":0.75,"computer_seconds":3.3,"storage_gb_hours":0.3,"credit_cents":2}]',
      );
    });
  });

  describe('columns the events leave out', () => {
    // No record has external_project_id or sandbox_seconds; u2's second event has no credit.
    const LEFT_OUT = [
      {
        ts: '2026-05-20T00:00:00Z',
        workspace_id: 'w',
        external_user_id: 'u1',
        computer_seconds: 5,
        storage_gb_hours: 1,
        credit_cents: 10,
      },
      {
        ts: '2026-05-21T00:00:00Z',
        workspace_id: 'w',
        external_user_id: 'u2',
        computer_seconds: 7,
        storage_gb_hours: 0.5,
        credit_cents: 20,
      },
      { ts: '2026-05-22T00:00:00Z', workspace_id: 'w', external_user_id: 'u2', computer_seconds: 1 },
    ];
    const SPELLED = LEFT_OUT.map((e) => ({
      external_project_id: null,
      sandbox_seconds: null,
      storage_gb_hours: null,
      credit_cents: null,
      ...e,
    }));

    it('read as null: the null project, sandbox_seconds 0 — whether records spell the key as null or leave it out', async () => {
      for (const events of [LEFT_OUT, SPELLED]) {
        const m = miosa(NOW, events);
        expect((await m.usage.get({ period: '7d', group_by: 'external_project_id' })).results).toEqual([
          r('external_project_id', null, 0, 13, 1.5, 30),
        ]);
        expect((await m.usage.get({ period: '7d' })).results).toEqual([user('u2', 0, 8, 0.5, 20), user('u1', 0, 5, 1, 10)]);
      }
    });
  });

  describe('errors', () => {
    const error = (code: string, message: string) => ({ status: 422, body: { error: { code, message } } });
    const GROUP = error('invalid group_by', 'group_by must be one of external_user_id, external_project_id, workspace_id');
    const PERIOD = error('invalid period', 'period must be one of 7d, 30d, mtd, custom');
    const REQUIRED = error('invalid_custom_range', 'start and end are required when period=custom');
    const NOT_ISO = error(
      'invalid_custom_range',
      'start and end must be valid ISO 8601 dates or date-times, e.g. 2026-04-26T00:00:00Z',
    );
    const ORDER = error('invalid_custom_range', 'start must be before end');

    it('group_by and period outside their values, checked in that order; empty is not the default', async () => {
      const get = (params: Record<string, string>) => failure(miosa().usage.get(params));
      expect(await get({ group_by: 'user' })).toEqual(GROUP);
      expect(await get({ group_by: '' })).toEqual(GROUP);
      expect(await get({ group_by: 'External_User_Id' })).toEqual(GROUP);
      expect(await get({ period: '1y' })).toEqual(PERIOD);
      expect(await get({ period: '' })).toEqual(PERIOD);
      expect(await get({ group_by: 'user', period: '1y' })).toEqual(GROUP);
      expect(await get({ period: '1y', start: 'x' })).toEqual(PERIOD);
    });

    it('custom without a valid start and end, or start not before end', async () => {
      const get = (params: Record<string, string>) => failure(miosa().usage.get({ period: 'custom', ...params }));
      expect(await get({})).toEqual(REQUIRED);
      expect(await get({ start: '2026-05-01T00:00:00Z' })).toEqual(REQUIRED);
      expect(await get({ end: '2026-05-01T00:00:00Z' })).toEqual(REQUIRED);
      expect(await get({ start: '2026-05', end: '2026-05-02T00:00:00Z' })).toEqual(NOT_ISO);
      expect(await get({ start: '2026-05-01T00:00:00 UTC', end: '2026-05-02T00:00:00Z' })).toEqual(NOT_ISO);
      expect(await get({ start: '1777593600000', end: '2026-05-02T00:00:00Z' })).toEqual(NOT_ISO);
      expect(await get({ start: '2026-05-01T00:00:00Z', end: '20260230' })).toEqual(NOT_ISO);
      expect(await get({ start: '2026-05-01T00:00:00Z', end: 'tomorrow' })).toEqual(NOT_ISO);
      expect(await get({ start: '2026-02-29T00:00:00Z', end: '2026-03-02T00:00:00Z' })).toEqual(NOT_ISO);
      expect(await get({ start: '', end: '' })).toEqual(NOT_ISO);
      expect(await get({ start: '2026-05-01T00:00:00Z', end: '2026-05-01T02:00:00+02:00' })).toEqual(ORDER);
      expect(await get({ start: '2026-05-02T00:00:00Z', end: '2026-05-01T00:00:00Z' })).toEqual(ORDER);
    });
  });

  it('one aggregate call per request, on the same events object, the period as the range', async () => {
    const { engine: recording, calls } = recordingEngine(engine);
    const m = createMiosa({ events: MIOSA_EVENTS, engine: recording, now: () => NOW });
    await m.usage.get({ period: '7d', group_by: 'workspace_id' });
    await m.usage.get({});
    expect(calls).toHaveLength(2);
    for (const c of calls) expect(c.events).toBe(MIOSA_EVENTS);
    expect(calls[0].query).toEqual({
      time: 'ts',
      window: 'none',
      range: { start: Date.UTC(2026, 4, 19), end: Date.UTC(2026, 4, 26) },
      groupBy: ['workspace_id'],
      measures: {
        __miosa_sandbox_seconds: { op: 'sum', column: 'sandbox_seconds' },
        __miosa_computer_seconds: { op: 'sum', column: 'computer_seconds' },
        __miosa_storage_gb_hours: { op: 'sum', column: 'storage_gb_hours' },
        __miosa_credit_cents: { op: 'sum', column: 'credit_cents' },
      },
      missingColumns: 'null',
    });
  });

  it('reads mapped column names', async () => {
    const events = MIOSA_EVENTS.map((e) => ({
      when: e.ts,
      ws: e.workspace_id,
      uid: e.external_user_id,
      pid: e.external_project_id,
      sb: e.sandbox_seconds,
      cs: e.computer_seconds,
      gb: e.storage_gb_hours,
      cc: e.credit_cents,
    }));
    const mapped = createMiosa({
      events,
      engine: engine(),
      now: () => NOW,
      columns: {
        ts: 'when',
        workspace_id: 'ws',
        external_user_id: 'uid',
        external_project_id: 'pid',
        sandbox_seconds: 'sb',
        computer_seconds: 'cs',
        storage_gb_hours: 'gb',
        credit_cents: 'cc',
      },
    });
    expect((await mapped.usage.get({ group_by: 'workspace_id' })).results).toEqual([
      r('workspace_id', 'w1', 18000, 7200, 2.5, 420),
      r('workspace_id', 'w2', 15, 140, 1.25, 315),
    ]);
  });
});

describe('createMiosa', () => {
  it('uses the system clock by default', async () => {
    const calls: unknown[] = [];
    const fake = {
      aggregate: async (_e: unknown, q: unknown) => {
        calls.push(q);
        return { numRows: () => 0, array: () => [] };
      },
      close: async () => {},
    } as unknown as Engine;
    const res = await createMiosa({ events: [], engine: fake }).usage.get({ period: '7d' });
    const end = Date.parse(res.period_end);
    expect(end % 86_400_000).toBe(0);
    expect(end > Date.now() && end <= Date.now() + 86_400_000).toBe(true);
    expect(calls).toHaveLength(1);
  });
});
