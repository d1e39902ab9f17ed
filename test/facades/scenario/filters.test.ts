/**
 * projectIds, userIds and userId narrow every type; renamed columns read the same events.
 * Over GOLDEN_EVENTS and the five weeks of fixtures.ts, with dropZeroPoints to keep it short.
 */
import { describe, expect, it } from 'vitest';
import { createScenario, type ScenarioParams } from '../../../src/facades/scenario/index.ts';
import { ENGINE_NAMES, useEngines } from './engines.ts';
import { CATALOGS, ev, GOLDEN_EVENTS, now, WEEKS, WEEK_TIMES } from './fixtures.ts';

const engine = useEngines();
const [W1, W2, , , W5] = WEEK_TIMES;
const u = (time: string, value: string, apiKey: string) => ({ apiKey, time, value });
const m = (time: string, cost: number, discount: number, apiKeyCost: number, apiKeyDiscount: number, jobs: number) => ({
  apiKeyCost,
  apiKeyDiscount,
  cost,
  discount,
  jobs,
  time,
});
const c = (time: string, count: number, countApiKey: number) => ({ count, countApiKey, time });

/** The non-empty series, the consumption and the activity times of a response. */
function summary(res: Awaited<ReturnType<ReturnType<typeof createScenario>['usages']['list']>>) {
  const nonEmpty = <S extends { points: unknown[] }>(list: S[]) => list.filter((s) => s.points.length > 0);
  return {
    usages: nonEmpty(res.usages!).map((s) => [s.usageName, s.points]),
    modelUsages: res.modelUsages,
    assetUsages: nonEmpty(res.assetUsages!),
    nsfwUsages: res.nsfwUsages,
    consumption: res.consumption,
    activity: res.activity!.map((a) => a.time),
    users: res.entities!.users.map((x) => x.id),
  };
}

describe.each(ENGINE_NAMES)('Scenario filters (%s)', (name) => {
  const scenario = () => createScenario({ events: GOLDEN_EVENTS, catalogs: CATALOGS, engine: engine(name), now });
  const list = (params: ScenarioParams) =>
    scenario()
      .usages.list({ ...WEEKS, dropZeroPoints: '', ...params })
      .then(summary);

  it('projectIds=p2 keeps e2 and e5', async () => {
    expect(await list({ projectIds: 'p2' })).toEqual({
      usages: [
        ['images-generation', [u(W5, '1.5', '1.5')]],
        ['upscale', [u(W2, '1', '1')]],
      ],
      modelUsages: [
        { modelId: 'm1', points: [m(W2, 1.5, 0.5, 1.5, 0.5, 1)] },
        { modelId: 'm2', points: [m(W5, 3, 1, 3, 1, 1)] },
      ],
      assetUsages: [
        { kind: 'image', points: [c(W2, 1, 1)] },
        { kind: 'video', points: [c(W5, 1, 1)] },
      ],
      nsfwUsages: [{ label: 'violence', points: [c(W5, 1, 1)] }],
      consumption: [
        { discount: 0.5, total: 2, userId: 'u1', value: 1.5 },
        { discount: 1, total: 4, userId: 'u2', value: 3 },
      ],
      activity: ['2026-04-01T12:00:00.000Z', '2026-03-10T00:00:00.000Z'],
      users: ['u1', 'u2'],
    });
  });

  it('userIds=u2,u3 with userId=u2 keeps e1 and e5 (both must hold)', async () => {
    const expected = {
      usages: [['images-generation', [u(W1, '0.5', '0.5'), u(W5, '1.5', '1.5')]]],
      modelUsages: [{ modelId: 'm2', points: [m(W1, 6, 0, 6, 0, 1), m(W5, 3, 1, 3, 1, 1)] }],
      assetUsages: [
        { kind: 'image', points: [c(W1, 1, 1)] },
        { kind: 'video', points: [c(W5, 1, 1)] },
      ],
      nsfwUsages: [
        { label: 'nudity', points: [c(W1, 1, 1)] },
        { label: 'violence', points: [c(W5, 1, 1)] },
      ],
      consumption: [{ discount: 1, total: 10, userId: 'u2', value: 9 }],
      activity: ['2026-04-01T12:00:00.000Z', '2026-03-03T11:00:00.000Z'],
      users: ['u2'],
    };
    expect(await list({ userIds: 'u2,u3', userId: 'u2' })).toEqual(expected);
    expect(await list({ user_ids: ['u2', 'u3'], user_id: 'u2' })).toEqual(expected);
  });

  it('user_ids=u3: only e4, which has no usage, model, asset, label or units', async () => {
    const res = await scenario().usages.list({ ...WEEKS, user_ids: 'u3' });
    expect(summary(res)).toMatchObject({
      modelUsages: [],
      nsfwUsages: [],
      consumption: [],
      activity: ['2026-03-24T00:00:00.000Z'],
    });
    expect(res.usages!.every((s) => s.points.every((p) => p.value === '0'))).toBe(true);
    expect(res.entities).toEqual({
      assets: [CATALOGS.assets[2]],
      collections: [CATALOGS.collections[1]],
      jobs: [],
      models: [],
      users: [CATALOGS.users[2]],
    });
  });

  it('projectIds=p1 with userId=u1 keeps e0, e3 and e8', async () => {
    expect(await list({ projectIds: 'p1', userId: 'u1' })).toEqual({
      usages: [
        ['images-generation', [u(W1, '2', '0')]],
        ['upscale', [u(W2, '1', '0')]],
      ],
      modelUsages: [
        { modelId: 'm1', points: [m(W2, 2, 0, 0, 0, 1)] },
        { modelId: 'm2', points: [m(W1, 4, 1, 0, 0, 1)] },
      ],
      assetUsages: [
        { kind: 'image', points: [c(W1, 1, 0)] },
        { kind: 'image-hdr', points: [c(W2, 1, 0)] },
      ],
      nsfwUsages: [],
      consumption: [{ discount: 1, total: 7, userId: 'u1', value: 6 }],
      activity: ['2026-03-17T08:00:00.000Z', '2026-03-10T05:00:00.000Z', '2026-03-03T10:00:00.000Z'],
      users: ['u1'],
    });
  });

  it('userId outside userIds matches nothing', async () => {
    expect(await list({ userIds: 'u2', userId: 'u1' })).toEqual({
      usages: [],
      modelUsages: [],
      assetUsages: [],
      nsfwUsages: [],
      consumption: [],
      activity: [],
      users: [],
    });
  });

  it('ids are text: an event with 42 shows "42", is one user, model and label with "42", and userIds=42 matches it', async () => {
    // Events whose ids are numbers in some rows and text in others.
    const row = (fields: Record<string, unknown> & { ts: string }) => ({ ...ev({ ts: fields.ts }), ...fields });
    const events = [
      row({
        ts: '2026-03-03T10:00:00Z',
        project_id: 7,
        user_id: 42,
        action: 'upscale',
        model_id: 9,
        job_id: 1,
        creative_units: 2,
        nsfw_label: 5,
      }),
      row({
        ts: '2026-03-03T11:00:00Z',
        project_id: '7',
        user_id: '42',
        action: 'upscale',
        model_id: '9',
        job_id: 2,
        creative_units: 3,
        nsfw_label: '5',
      }),
      row({ ts: '2026-03-03T12:00:00Z', project_id: 8, user_id: 43, action: 'upscale', model_id: 10, creative_units: 1 }),
    ];
    const catalogs = { users: [{ id: '42', fullName: 'Forty-two' }], models: [{ id: '9', name: 'Nine' }] };
    const s = createScenario({ events, catalogs, engine: engine(name), now });
    const res = await s.usages.list({ ...WEEKS, userIds: '42', dropZeroPoints: '' });
    // Both of user 42's events: 2 + 3 units, model "9" with jobs 1 and 2, label "5" twice.
    expect(res.consumption).toEqual([{ discount: 0, total: 5, userId: '42', value: 5 }]);
    expect(res.modelUsages).toEqual([{ modelId: '9', points: [m(W1, 5, 0, 0, 0, 2)] }]);
    expect(res.nsfwUsages).toEqual([{ label: '5', points: [c(W1, 2, 0)] }]);
    expect(res.activity!.map((a) => [a.userId, a.projectId, a.data.modelId, a.data.jobId])).toEqual([
      ['42', '7', '9', '2'],
      ['42', '7', '9', '1'],
    ]);
    expect(res.entities!.users).toEqual(catalogs.users);
    expect(res.entities!.models).toEqual(catalogs.models);
    // Without a filter: users "42" and "43" as text, in text order.
    expect((await s.usages.list({ ...WEEKS, type: 'consumption' })).consumption!.map((x) => x.userId)).toEqual(['42', '43']);
    expect((await s.usages.list({ ...WEEKS, type: 'activity', projectIds: '8' })).activity!.map((a) => a.userId)).toEqual(['43']);
  });

  it('a job under model 9 and model "9" is one job of the one model "9", never counted twice', async () => {
    const row = (fields: Record<string, unknown> & { ts: string }) => ({ ...ev({ ts: fields.ts }), ...fields });
    const events = [
      row({ ts: '2026-03-03T10:00:00Z', model_id: 9, job_id: 'j', creative_units: 1 }),
      row({ ts: '2026-03-03T11:00:00Z', model_id: '9', job_id: 'j', creative_units: 1 }),
      row({ ts: '2026-03-03T12:00:00Z', model_id: '9', job_id: 5, creative_units: 1 }),
      row({ ts: '2026-03-03T13:00:00Z', model_id: 9, job_id: '5', creative_units: 1 }),
      row({ ts: '2026-03-10T10:00:00Z', model_id: 9, job_id: 'k', creative_units: 1 }),
      row({ ts: '2026-03-10T11:00:00Z', model_id: 'm', job_id: 'k', creative_units: 1 }),
    ];
    const res = await createScenario({ events, engine: engine(name), now }).usages.list({
      ...WEEKS,
      type: 'model-usages',
      dropZeroPoints: '',
    });
    // W1: jobs j and 5 (each under both spellings) → 2; W2: k → 1. Model m keeps its own engine count.
    expect(res.modelUsages).toEqual([
      { modelId: '9', points: [m(W1, 4, 0, 0, 0, 2), m(W2, 1, 0, 0, 0, 1)] },
      { modelId: 'm', points: [m(W2, 1, 0, 0, 0, 1)] },
    ]);
  });

  it('renamed columns give the same answer', async () => {
    const renamed = GOLDEN_EVENTS.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [`x_${k}`, v])));
    const columns = Object.fromEntries(Object.keys(GOLDEN_EVENTS[0]).map((k) => [k, `x_${k}`]));
    const mapped = createScenario({ events: renamed, catalogs: CATALOGS, engine: engine(name), now, columns });
    expect(await mapped.usages.list({ ...WEEKS })).toEqual(await scenario().usages.list({ ...WEEKS }));
  });
});
