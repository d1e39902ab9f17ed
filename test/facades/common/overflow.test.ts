/**
 * A sum past ±1.8e308 in any façade: the vendor's 5xx body naming the window and the group,
 * never `null` inside a 200. Expected messages written by hand from the events.
 */
import { expect, it } from 'vitest';
import {
  createAdverity,
  createBoltz,
  createFetchHandler,
  createMiosa,
  createScenario,
  OverflowError,
} from '../../../src/index.ts';
import type { Engine } from '../../../src/index.ts';
import { describeEachEngine, failure } from './engines.ts';
import { ev } from '../scenario/fixtures.ts';

const BIG = 1e308;
const MSG = 'overflows (a sum beyond ±1.8e308) in the window';

describeEachEngine('overflow', (engine) => {
  it('engine: an OverflowError (a QueryError) naming the measure, window and group', async () => {
    const events = [
      { ts: 10, g: 'a', v: BIG },
      { ts: 20, g: 'a', v: BIG },
      { ts: 30, g: 'b', v: 1 },
    ];
    const e = await engine()
      .aggregate(events, {
        time: 'ts',
        window: 'hour',
        groupBy: ['g'],
        measures: { v: { op: 'sum', column: 'v' } },
      })
      .catch((error: unknown) => error);
    expect(e).toBeInstanceOf(OverflowError);
    expect((e as OverflowError).overflow).toEqual({
      measure: 'v',
      windowStart: 0,
      windowEnd: 3_600_000,
      group: { g: 'a' },
      value: Infinity,
    });
    expect((e as Error).message).toBe(
      'measures.v: overflows to Infinity in window [1970-01-01T00:00:00.000Z, 1970-01-01T01:00:00.000Z) for g="a"',
    );
  });

  it('boltz: FastAPI 500 { detail }, grouped and not', async () => {
    const events = [
      { ts: '2026-04-01T00:10:00Z', workspace_id: 'ws_1', application: 'adme', quantity: BIG },
      { ts: '2026-04-01T00:20:00Z', workspace_id: 'ws_1', application: 'adme', quantity: BIG },
    ];
    const boltz = createBoltz({ events, engine: engine() });
    const params = { starting_at: '2026-04-01T00:00:00Z', ending_at: '2026-04-01T02:00:00Z', window_size: 'HOUR' };
    expect(await failure(boltz.admin.usage.list({ ...params, group_by: 'workspace_id' }))).toEqual({
      status: 500,
      body: { detail: `quantity ${MSG} 2026-04-01T00:00:00.000Z to 2026-04-01T01:00:00.000Z for workspace_id "ws_1"` },
    });
    expect(await failure(boltz.admin.usage.list(params))).toEqual({
      status: 500,
      body: { detail: `quantity ${MSG} 2026-04-01T00:00:00.000Z to 2026-04-01T01:00:00.000Z` },
    });
    // Over HTTP the same body, with the status.
    const res = await createFetchHandler({ boltz })(
      new Request(`http://x/compute/v1/admin/usage?${new URLSearchParams(params)}`),
    );
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ detail: `quantity ${MSG} 2026-04-01T00:00:00.000Z to 2026-04-01T01:00:00.000Z` });
  });

  it("miosa: 500 in MIOSA's envelope, naming the period and the group value", async () => {
    const events = [
      {
        ts: '2026-05-20T00:00:00Z',
        workspace_id: 'w',
        external_user_id: 'u1',
        external_project_id: null,
        sandbox_seconds: 0,
        computer_seconds: 0,
        storage_gb_hours: 0,
        credit_cents: -BIG,
      },
      {
        ts: '2026-05-21T00:00:00Z',
        workspace_id: 'w',
        external_user_id: 'u1',
        external_project_id: null,
        sandbox_seconds: 0,
        computer_seconds: 0,
        storage_gb_hours: 0,
        credit_cents: -BIG,
      },
    ];
    const miosa = createMiosa({ events, engine: engine(), now: () => new Date('2026-05-25T12:00:00Z') });
    expect(await failure(miosa.usage.get({ period: '7d' }))).toEqual({
      status: 500,
      body: {
        error: {
          code: 'internal_error',
          message: `credit_cents ${MSG} 2026-05-19T00:00:00.000Z to 2026-05-26T00:00:00.000Z for external_user_id "u1"`,
        },
      },
    });
  });

  it("scenario: 500 with API Gateway's { message }, for a series and for a consumption total", async () => {
    const range = { startDate: '2026-03-02T00:00:00Z', endDate: '2026-04-06T00:00:00Z' }; // 7d grid from Monday 2026-03-02
    const row = {
      ts: '2026-03-03T10:00:00Z',
      user_id: 'u1',
      is_api_key: false,
      usage_name: 'upscale',
      usage_value: BIG,
      creative_units: BIG,
      discount: 1,
    };
    const scenario = (events: ReturnType<typeof ev>[]) =>
      createScenario({ events, engine: engine(), now: () => new Date('2026-04-08T00:00:00Z') });
    expect(await failure(scenario([ev(row), ev(row)]).usages.list({ ...range, type: 'usages' }))).toEqual({
      status: 500,
      body: {
        message: `value ${MSG} 2026-03-02T00:00:00.000Z to 2026-03-09T00:00:00.000Z for usage_name "upscale", is_api_key false`,
      },
    });
    expect(await failure(scenario([ev(row), ev(row)]).usages.list({ ...range, type: 'consumption' }))).toEqual({
      status: 500,
      body: { message: `value ${MSG} 2026-03-02T00:00:00.000Z to 2026-04-06T00:00:00.000Z for user_id "u1"` },
    });
    // Each sum is finite; value + discount is not.
    const halves = [ev({ ...row, creative_units: 1.5e308, discount: 1.5e308 })];
    expect(await failure(scenario(halves).usages.list({ ...range, type: 'consumption' }))).toEqual({
      status: 500,
      body: { message: `total ${MSG} 2026-03-02T00:00:00.000Z to 2026-04-06T00:00:00.000Z for user_id "u1"` },
    });
  });

  it("adverity: DRF's 500 { detail } (row counts cannot overflow; an engine that reports one stands in)", async () => {
    const overflowing: Engine = {
      aggregate: async () => {
        throw new OverflowError(
          {
            measure: '__adverity_total_rows',
            windowStart: Date.UTC(2026, 5, 1),
            windowEnd: Date.UTC(2026, 5, 2),
            group: { workspace_id: 'w1', datastream_id: null },
            value: Infinity,
          },
          '',
        );
      },
      close: async () => {},
    } as unknown as Engine;
    const adverity = createAdverity({
      events: [],
      workspaces: [{ id: 'w1', name: 'W', parent_id: null }],
      engine: overflowing,
      now: () => new Date('2026-06-20T00:00:00Z'),
    });
    expect(await failure(adverity.usage.list({}, { scope: 'w1' }))).toEqual({
      status: 500,
      body: {
        detail: `total_rows ${MSG} 2026-06-01T00:00:00.000Z to 2026-06-02T00:00:00.000Z for workspace_id "w1", datastream_id null`,
      },
    });
  });
});
