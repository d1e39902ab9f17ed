/**
 * Scenario over an EventSource, without a server: a fake source lists GOLDEN_EVENTS (fixtures.ts)
 * from memory and refuses to aggregate, so `type=activity` is served by its listing alone. The
 * items and entities are the ones golden.test.ts works out by hand for the five weeks.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine/engine.ts';
import { EVENT_SOURCE, type EventSource, type RowsRequest } from '../../../src/engine/source.ts';
import type { WhereCondition } from '../../../src/engine/types.ts';
import type { Engine } from '../../../src/engine/engine.ts';
import { createScenario } from '../../../src/facades/scenario/index.ts';
import { toEpochMs } from '../../../src/time.ts';
import { CATALOGS, GOLDEN_EVENTS, now, WEEKS } from './fixtures.ts';

const START = Date.parse('2026-03-02T00:00:00Z');
const END = Date.parse('2026-04-06T00:00:00Z');
const ITEM_COLUMNS = [
  'action',
  'asset_id',
  'collection_id',
  'creative_units',
  'is_api_key',
  'job_id',
  'model_id',
  'project_id',
  'user_id',
];

/** Lists `events` (epoch ms in `time`) as a source must, recording each request; aggregating is an error. */
function fakeSource(events: Record<string, unknown>[], time = 'ts'): EventSource & { requests: RowsRequest[] } {
  const requests: RowsRequest[] = [];
  const refuse = () => Promise.reject(new Error('the fake source does not aggregate'));
  return {
    [EVENT_SOURCE]: true,
    requests,
    extent: refuse,
    aggregate: refuse,
    async rows(request) {
      requests.push(request);
      const { start, end } = request.range as { start: number; end: number };
      const allowed = Object.entries(request.where ?? {}) as [string, WhereCondition][];
      const passing = events
        .map((e, i) => ({ e, i, t: e[time] as number }))
        .filter(({ e, t }) => t >= start && t < end && allowed.every(([c, list]) => (list as unknown[]).includes(e[c])))
        .sort((a, b) => b.t - a.t || b.i - a.i);
      const offset = request.offset ?? 0;
      return passing
        .slice(offset, offset + request.limit)
        .map(({ e }) => Object.fromEntries([request.time, ...request.columns].map((c) => [c, e[c] ?? null])));
    },
  };
}

const GOLDEN_MS = GOLDEN_EVENTS.map((e) => ({ ...e, ts: toEpochMs(e.ts) }));
const E = {
  e5: {
    action: 'txt2img',
    data: { assetId: 'a5', isApiKey: true, jobId: 'j4', modelId: 'm2' },
    projectId: 'p2',
    time: '2026-04-01T12:00:00.000Z',
    userId: 'u2',
    creativeUnitsCost: 3,
  },
  e4: {
    action: 'collection',
    data: { assetId: 'a1', collectionId: 'c1' },
    projectId: 'p1',
    time: '2026-03-24T00:00:00.000Z',
    userId: 'u3',
  },
  e8: { action: 'asset', data: { isApiKey: false }, projectId: 'p1', time: '2026-03-17T08:00:00.000Z', userId: 'u1' },
  e3: {
    action: 'upscale',
    data: { assetId: 'a4', isApiKey: false, jobId: 'j3', modelId: 'm1' },
    projectId: 'p1',
    time: '2026-03-10T05:00:00.000Z',
    userId: 'u1',
    creativeUnitsCost: 2,
  },
  e2: {
    action: 'upscale',
    data: { assetId: 'a3', isApiKey: true, jobId: 'j3', modelId: 'm1' },
    projectId: 'p2',
    time: '2026-03-10T00:00:00.000Z',
    userId: 'u1',
    creativeUnitsCost: 1.5,
  },
  e1: {
    action: 'images-generation',
    data: { assetId: 'a2', isApiKey: true, jobId: 'j2', modelId: 'm2' },
    projectId: 'p1',
    time: '2026-03-03T11:00:00.000Z',
    userId: 'u2',
    creativeUnitsCost: 6,
  },
  e0: {
    action: 'images-generation',
    data: { assetId: 'a1', isApiKey: false, jobId: 'j1', modelId: 'm2' },
    projectId: 'p1',
    time: '2026-03-03T10:00:00.000Z',
    userId: 'u1',
    creativeUnitsCost: 4,
  },
};
const byId = <T extends { id: string }>(list: readonly T[], ...ids: string[]) => ids.map((id) => list.find((x) => x.id === id));

describe('Scenario activity from an EventSource', () => {
  const engine = createEngine({ workers: 0 });
  afterAll(() => engine.close());
  const scenario = (source: EventSource) => createScenario({ events: source, catalogs: CATALOGS, engine, now });

  it('lists the snapped range through rows(): items newest first, entities each once, the engine untouched', async () => {
    const source = fakeSource(GOLDEN_MS);
    const res = await scenario(source).usages.list({ ...WEEKS, type: 'activity' });
    expect(res).toEqual({
      activity: [E.e5, E.e4, E.e8, E.e3, E.e2, E.e1, E.e0],
      // a5 is not in the catalog; u1, a1, j3 and m2 are referenced more than once.
      entities: {
        assets: byId(CATALOGS.assets, 'a1', 'a2', 'a3', 'a4'),
        collections: byId(CATALOGS.collections, 'c1'),
        jobs: byId(CATALOGS.jobs, 'j1', 'j2', 'j3', 'j4'),
        models: byId(CATALOGS.models, 'm1', 'm2'),
        users: byId(CATALOGS.users, 'u1', 'u2', 'u3'),
      },
    });
    expect(source.requests).toHaveLength(1);
    const { columns, ...request } = source.requests[0];
    expect(request).toEqual({ time: 'ts', range: { start: START, end: END }, where: {}, offset: 0, limit: 100 });
    expect([...columns].sort()).toEqual(ITEM_COLUMNS);
  });

  it('passes the filters and activityOffset on: userIds=u2,u3 with userId=u2 from item 1 is e1 alone', async () => {
    const source = fakeSource(GOLDEN_MS);
    const res = await scenario(source).usages.list({
      ...WEEKS,
      type: 'activity',
      userIds: 'u2,u3',
      userId: 'u2',
      activityOffset: '1',
    });
    expect(res.activity).toEqual([E.e1]);
    expect(res.entities).toEqual({
      assets: byId(CATALOGS.assets, 'a2'),
      collections: [],
      jobs: byId(CATALOGS.jobs, 'j2'),
      models: byId(CATALOGS.models, 'm2'),
      users: byId(CATALOGS.users, 'u2'),
    });
    expect(source.requests[0]).toMatchObject({ where: { user_id: ['u2'] }, offset: 1, limit: 100 });
    const p2 = fakeSource(GOLDEN_MS);
    expect((await scenario(p2).usages.list({ ...WEEKS, type: 'activity', projectIds: 'p2' })).activity).toEqual([E.e5, E.e2]);
    expect(p2.requests[0].where).toEqual({ project_id: ['p2'] });
  });

  it('reads renamed columns, and builds sparse rows as in-process events', async () => {
    const renamed = GOLDEN_MS.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [`x_${k}`, v])));
    const columns = Object.fromEntries(Object.keys(GOLDEN_MS[0]).map((k) => [k, `x_${k}`]));
    const source = fakeSource(renamed, 'x_ts');
    const res = await createScenario({ events: source, catalogs: CATALOGS, engine, now, columns }).usages.list({
      ...WEEKS,
      type: 'activity',
      projectIds: 'p2',
    });
    expect(res.activity).toEqual([E.e5, E.e2]);
    expect(source.requests[0]).toMatchObject({ time: 'x_ts', where: { x_project_id: ['p2'] } });
    expect([...source.requests[0].columns].sort()).toEqual(ITEM_COLUMNS.map((c) => `x_${c}`));

    // Only `true` is an API-key action; a missing action, project or user is sent as null.
    const sparse = fakeSource([{ ts: START, is_api_key: 1, creative_units: Number.NaN }]);
    const one = await scenario(sparse).usages.list({ ...WEEKS, type: 'activity' });
    expect(JSON.stringify(one.activity)).toBe(
      '[{"action":null,"data":{"isApiKey":false},"projectId":null,"time":"2026-03-02T00:00:00.000Z","userId":null}]',
    );
  });

  it('series types go to the engine with the source itself', async () => {
    const source = fakeSource(GOLDEN_MS);
    const seen: unknown[] = [];
    const recording: Engine = {
      aggregate: async (events) => {
        seen.push(events);
        throw new Error('stop here');
      },
      close: async () => {},
    };
    await expect(
      createScenario({ events: source, engine: recording, now }).usages.list({ ...WEEKS, type: 'usages' }),
    ).rejects.toThrow('stop here');
    expect(seen).toEqual([source]);
    expect(seen[0]).toBe(source);
    // The real engine asks the source to aggregate, which this one refuses.
    await expect(scenario(source).usages.list({ ...WEEKS, type: 'activity,usages' })).rejects.toThrow(
      'the fake source does not aggregate',
    );
  });

  it('a failing listing rejects the request; a series failure comes first when both fail', async () => {
    const failing = { ...fakeSource(GOLDEN_MS), rows: () => Promise.reject(new Error('listing failed')) };
    await expect(scenario(failing).usages.list({ ...WEEKS, type: 'activity' })).rejects.toThrow('listing failed');
    const seriesFail: Engine = { aggregate: () => Promise.reject(new Error('series failed')), close: async () => {} };
    await expect(
      createScenario({ events: failing, engine: seriesFail, now }).usages.list({ ...WEEKS, type: 'activity,usages' }),
    ).rejects.toThrow('series failed');
  });

  it('refuses a source that cannot list rows', () => {
    const { rows: _rows, ...noRows } = fakeSource([]);
    expect(() => createScenario({ events: noRows, engine, now })).toThrow(
      new TypeError(
        'createScenario: events is an EventSource without rows(); the activity type needs a source that can list rows',
      ),
    );
  });
});
