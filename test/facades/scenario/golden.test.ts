/**
 * Every type over GOLDEN_EVENTS and five Monday weeks (fixtures.ts), worked out by hand.
 * In range: e0 … e5 and e8; e6 sits on the end (excluded), e7 1 ms before the start.
 */
import { describe, expect, it } from 'vitest';
import { createScenario } from '../../../src/facades/scenario/index.ts';
import { ENGINE_NAMES, useEngines } from './engines.ts';
import { CATALOGS, ev, GOLDEN_EVENTS, now, WEEKS, WEEK_TIMES, zeroCounts } from './fixtures.ts';

const engine = useEngines();
const [W1, W2, W3, W4, W5] = WEEK_TIMES;

const USAGE_NAMES_BY_HAND = [
  'background-removal',
  'captioning',
  'creative-unit-cost',
  'creative-unit-discount',
  'custom',
  'custom-asset-created',
  'detection',
  'image-prompt-editing',
  'images-generation',
  'models-training',
  'patch',
  'pixelate',
  'repaint',
  'restyle',
  'segmentation',
  'skybox-base-360',
  'skybox-upscale-360',
  'texture',
  'upscale',
  'vectorization',
];
const u = (time: string, value = '0', apiKey = '0') => ({ apiKey, time, value });
const NONZERO_USAGES: Record<string, ReturnType<typeof u>[]> = {
  // e0 2 + e1 0.5 (API key) in W1; e5 1.5 (API key) in W5.
  'images-generation': [u(W1, '2.5', '0.5'), u(W2), u(W3), u(W4), u(W5, '1.5', '1.5')],
  // e2 1 (API key) + e3 1 in W2. e8's 'not-a-usage' feeds no series.
  upscale: [u(W1), u(W2, '2', '1'), u(W3), u(W4), u(W5)],
};
const EXPECTED_USAGES = USAGE_NAMES_BY_HAND.map((usageName) => ({
  granularity: '7d',
  points: NONZERO_USAGES[usageName] ?? WEEK_TIMES.map((t) => u(t)),
  usageName,
}));

const m = (time: string, cost = 0, discount = 0, apiKeyCost = 0, apiKeyDiscount = 0, jobs = 0) => ({
  apiKeyCost,
  apiKeyDiscount,
  cost,
  discount,
  jobs,
  time,
});
const EXPECTED_MODELS = [
  // e2 (API key: 1.5, 0.5) and e3 (2, 0), both job j3.
  { modelId: 'm1', points: [m(W1), m(W2, 3.5, 0.5, 1.5, 0.5, 1), m(W3), m(W4), m(W5)] },
  // e0 (4, 1, j1) + e1 (API key: 6, 0, j2) in W1; e5 (API key: 3, 1, j4) in W5. m3 only has e7, outside.
  { modelId: 'm2', points: [m(W1, 10, 1, 6, 0, 2), m(W2), m(W3), m(W4), m(W5, 3, 1, 3, 1, 1)] },
];

const c = (time: string, count = 0, countApiKey = 0) => ({ count, countApiKey, time });
const EXPECTED_ASSETS = [
  { kind: '3d', points: zeroCounts(WEEK_TIMES) },
  { kind: 'audio', points: zeroCounts(WEEK_TIMES) },
  { kind: 'document', points: zeroCounts(WEEK_TIMES) },
  // e0, e1 (API key) in W1; e2 (API key) in W2.
  { kind: 'image', points: [c(W1, 2, 1), c(W2, 1, 1), c(W3), c(W4), c(W5)] },
  { kind: 'image-hdr', points: [c(W1), c(W2, 1, 0), c(W3), c(W4), c(W5)] },
  { kind: 'json', points: zeroCounts(WEEK_TIMES) },
  { kind: 'video', points: [c(W1), c(W2), c(W3), c(W4), c(W5, 1, 1)] },
];
// 'gore' is only on e6, outside the range: no series.
const EXPECTED_NSFW = [
  { label: 'nudity', points: [c(W1, 1, 1), c(W2), c(W3), c(W4), c(W5)] },
  { label: 'violence', points: [c(W1), c(W2), c(W3), c(W4), c(W5, 1, 1)] },
];
// u1: e0 4/1 + e2 1.5/0.5 + e3 2/0; u2: e1 6/0 + e5 3/1; u3 (e4) has neither, u4 (e7) is outside.
const EXPECTED_CONSUMPTION = [
  { discount: 1.5, total: 9, userId: 'u1', value: 7.5 },
  { discount: 1, total: 10, userId: 'u2', value: 9 },
];
const EXPECTED_ACTIVITY = [
  {
    action: 'txt2img',
    data: { assetId: 'a5', isApiKey: true, jobId: 'j4', modelId: 'm2' },
    projectId: 'p2',
    time: '2026-04-01T12:00:00.000Z',
    userId: 'u2',
    creativeUnitsCost: 3,
  },
  {
    action: 'collection',
    data: { assetId: 'a1', collectionId: 'c1' },
    projectId: 'p1',
    time: '2026-03-24T00:00:00.000Z',
    userId: 'u3',
  },
  { action: 'asset', data: { isApiKey: false }, projectId: 'p1', time: '2026-03-17T08:00:00.000Z', userId: 'u1' },
  {
    action: 'upscale',
    data: { assetId: 'a4', isApiKey: false, jobId: 'j3', modelId: 'm1' },
    projectId: 'p1',
    time: '2026-03-10T05:00:00.000Z',
    userId: 'u1',
    creativeUnitsCost: 2,
  },
  {
    action: 'upscale',
    data: { assetId: 'a3', isApiKey: true, jobId: 'j3', modelId: 'm1' },
    projectId: 'p2',
    time: '2026-03-10T00:00:00.000Z',
    userId: 'u1',
    creativeUnitsCost: 1.5,
  },
  {
    action: 'images-generation',
    data: { assetId: 'a2', isApiKey: true, jobId: 'j2', modelId: 'm2' },
    projectId: 'p1',
    time: '2026-03-03T11:00:00.000Z',
    userId: 'u2',
    creativeUnitsCost: 6,
  },
  {
    action: 'images-generation',
    data: { assetId: 'a1', isApiKey: false, jobId: 'j1', modelId: 'm2' },
    projectId: 'p1',
    time: '2026-03-03T10:00:00.000Z',
    userId: 'u1',
    creativeUnitsCost: 4,
  },
];
// a5 is not in the catalog; a9, c2, j9, m3, u4 are not referenced.
const EXPECTED_ENTITIES = {
  assets: ['a1', 'a2', 'a3', 'a4'].map((id) => CATALOGS.assets.find((a) => a.id === id)),
  collections: [CATALOGS.collections[1]],
  jobs: ['j1', 'j2', 'j3', 'j4'].map((id) => CATALOGS.jobs.find((j) => j.id === id)),
  models: [CATALOGS.models[2], CATALOGS.models[1]],
  users: [CATALOGS.users[3], CATALOGS.users[1], CATALOGS.users[2]],
};

describe.each(ENGINE_NAMES)('Scenario usages.list golden cases (%s)', (name) => {
  const scenario = () => createScenario({ events: GOLDEN_EVENTS, catalogs: CATALOGS, engine: engine(name), now });

  it('answers every type, keys in the vendor order, when type is absent', async () => {
    const res = await scenario().usages.list(WEEKS);
    expect(Object.keys(res)).toEqual([
      'activity',
      'assetUsages',
      'consumption',
      'entities',
      'modelUsages',
      'nsfwUsages',
      'usages',
    ]);
    expect(res).toEqual({
      activity: EXPECTED_ACTIVITY,
      assetUsages: EXPECTED_ASSETS,
      consumption: EXPECTED_CONSUMPTION,
      entities: EXPECTED_ENTITIES,
      modelUsages: EXPECTED_MODELS,
      nsfwUsages: EXPECTED_NSFW,
      usages: EXPECTED_USAGES,
    });
  });

  it('serialises to the vendor key order byte for byte', async () => {
    const res = await scenario().usages.list({ ...WEEKS, type: 'usages,model-usages,activity', dropZeroPoints: '' });
    expect(JSON.stringify(res.activity![2])).toBe(
      '{"action":"asset","data":{"isApiKey":false},"projectId":"p1","time":"2026-03-17T08:00:00.000Z","userId":"u1"}',
    );
    expect(JSON.stringify(res.modelUsages![0])).toBe(
      '{"modelId":"m1","points":[{"apiKeyCost":1.5,"apiKeyDiscount":0.5,"cost":3.5,"discount":0.5,"jobs":1,"time":"2026-03-09T00:00:00.000Z"}]}',
    );
    expect(JSON.stringify(res.usages![18])).toBe(
      '{"granularity":"7d","points":[{"apiKey":"1","time":"2026-03-09T00:00:00.000Z","value":"2"}],"usageName":"upscale"}',
    );
    expect(Object.keys(res)).toEqual(['activity', 'entities', 'modelUsages', 'usages']);
    // The other types, in the key order of the vendor's example too.
    const rest = await scenario().usages.list({
      ...WEEKS,
      type: 'asset-usages,nsfw-usages,consumption,activity',
      dropZeroPoints: '',
    });
    expect(JSON.stringify(rest.assetUsages![6])).toBe(
      '{"kind":"video","points":[{"count":1,"countApiKey":1,"time":"2026-03-30T00:00:00.000Z"}]}',
    );
    expect(JSON.stringify(rest.nsfwUsages![0])).toBe(
      '{"label":"nudity","points":[{"count":1,"countApiKey":1,"time":"2026-03-02T00:00:00.000Z"}]}',
    );
    expect(JSON.stringify(rest.consumption![0])).toBe('{"discount":1.5,"total":9,"userId":"u1","value":7.5}');
    expect(Object.keys(rest.entities!)).toEqual(['assets', 'collections', 'jobs', 'models', 'users']);
    expect(JSON.stringify(rest.activity![0].data)).toBe('{"assetId":"a5","isApiKey":true,"jobId":"j4","modelId":"m2"}');
    expect(Object.keys(rest)).toEqual(['activity', 'assetUsages', 'consumption', 'entities', 'nsfwUsages']);
  });

  it.each([
    ['usages', ['usages'], { usages: EXPECTED_USAGES }],
    ['model-usages', ['modelUsages'], { modelUsages: EXPECTED_MODELS }],
    ['asset-usages', ['assetUsages'], { assetUsages: EXPECTED_ASSETS }],
    ['nsfw-usages', ['nsfwUsages'], { nsfwUsages: EXPECTED_NSFW }],
    ['consumption', ['consumption'], { consumption: EXPECTED_CONSUMPTION }],
    ['activity', ['activity', 'entities'], { activity: EXPECTED_ACTIVITY, entities: EXPECTED_ENTITIES }],
  ])('type=%s answers only its keys', async (type, keys, expected) => {
    const res = await scenario().usages.list({ ...WEEKS, type });
    expect(Object.keys(res)).toEqual(keys);
    expect(res).toEqual(expected);
  });

  it('dropZeroPoints keeps every series, with only its non-zero points', async () => {
    const res = await scenario().usages.list({
      ...WEEKS,
      type: ['usages', 'asset-usages', 'nsfw-usages', 'model-usages'],
      dropZeroPoints: '',
    });
    expect(res.usages!.map((s) => s.usageName)).toEqual(USAGE_NAMES_BY_HAND);
    expect(res.usages!.filter((s) => s.points.length > 0)).toEqual([
      { granularity: '7d', points: [u(W1, '2.5', '0.5'), u(W5, '1.5', '1.5')], usageName: 'images-generation' },
      { granularity: '7d', points: [u(W2, '2', '1')], usageName: 'upscale' },
    ]);
    expect(res.usages![0]).toEqual({ granularity: '7d', points: [], usageName: 'background-removal' });
    expect(res.assetUsages).toEqual([
      { kind: '3d', points: [] },
      { kind: 'audio', points: [] },
      { kind: 'document', points: [] },
      { kind: 'image', points: [c(W1, 2, 1), c(W2, 1, 1)] },
      { kind: 'image-hdr', points: [c(W2, 1, 0)] },
      { kind: 'json', points: [] },
      { kind: 'video', points: [c(W5, 1, 1)] },
    ]);
    expect(res.nsfwUsages).toEqual([
      { label: 'nudity', points: [c(W1, 1, 1)] },
      { label: 'violence', points: [c(W5, 1, 1)] },
    ]);
    expect(res.modelUsages).toEqual([
      { modelId: 'm1', points: [m(W2, 3.5, 0.5, 1.5, 0.5, 1)] },
      { modelId: 'm2', points: [m(W1, 10, 1, 6, 0, 2), m(W5, 3, 1, 3, 1, 1)] },
    ]);
  });

  it('totals carry no binary noise: 15 significant digits, then the shortest form', async () => {
    // 1.1 + 3.2 = 4.300000000000001, 0.1 + 0.2 = 0.30000000000000004, 1.1 + 2.2 = 3.3000000000000003.
    const events = [
      ev({
        ts: '2026-03-03T10:00:00Z',
        usage_name: 'upscale',
        usage_value: 1.1,
        is_api_key: true,
        model_id: 'm',
        creative_units: 0.1,
        discount: 1.1,
        user_id: 'u',
      }),
      ev({
        ts: '2026-03-03T11:00:00Z',
        usage_name: 'upscale',
        usage_value: 3.2,
        is_api_key: true,
        model_id: 'm',
        creative_units: 0.2,
        discount: 2.2,
        user_id: 'u',
      }),
    ];
    const res = await createScenario({ events, engine: engine(name), now }).usages.list({
      ...WEEKS,
      type: 'usages,model-usages,consumption',
      dropZeroPoints: '',
    });
    expect(res.usages![18].points).toEqual([{ apiKey: '4.3', time: W1, value: '4.3' }]);
    expect(res.modelUsages).toEqual([{ modelId: 'm', points: [m(W1, 0.3, 3.3, 0.3, 3.3, 0)] }]);
    expect(JSON.stringify(res.consumption)).toBe('[{"discount":3.3,"total":3.6,"userId":"u","value":0.3}]');
  });

  it('columns no record carries read as null: the default request answers every type', async () => {
    // No nsfw_label, asset_kind, is_api_key, discount, job_id, asset_id or collection_id anywhere.
    const LEFT_OUT = [
      {
        ts: '2026-03-03T10:00:00Z',
        project_id: 'p1',
        user_id: 'u1',
        action: 'upscale',
        usage_name: 'upscale',
        usage_value: 2,
        model_id: 'm1',
        creative_units: 3,
      },
      { ts: '2026-03-10T10:00:00Z', project_id: 'p1', user_id: 'u2', action: 'txt2img', model_id: 'm1', creative_units: 1.5 },
    ];
    const SPELLED = LEFT_OUT.map((e) => ev(e));
    for (const events of [LEFT_OUT, SPELLED]) {
      const res = await createScenario({ events, engine: engine(name), now }).usages.list({ ...WEEKS, dropZeroPoints: '' });
      expect(res.usages!.filter((x) => x.points.length)).toEqual([
        { granularity: '7d', points: [u(W1, '2', '0')], usageName: 'upscale' },
      ]);
      expect(res.usages!.length).toBe(20);
      expect(res.modelUsages).toEqual([{ modelId: 'm1', points: [m(W1, 3), m(W2, 1.5)] }]);
      expect(res.assetUsages!.map((x) => [x.kind, x.points])).toEqual(
        ['3d', 'audio', 'document', 'image', 'image-hdr', 'json', 'video'].map((k) => [k, []]),
      );
      expect(res.nsfwUsages).toEqual([]);
      expect(res.consumption).toEqual([
        { discount: 0, total: 3, userId: 'u1', value: 3 },
        { discount: 0, total: 1.5, userId: 'u2', value: 1.5 },
      ]);
      expect(res.activity).toEqual([
        {
          action: 'txt2img',
          data: { modelId: 'm1' },
          projectId: 'p1',
          time: '2026-03-10T10:00:00.000Z',
          userId: 'u2',
          creativeUnitsCost: 1.5,
        },
        {
          action: 'upscale',
          data: { modelId: 'm1' },
          projectId: 'p1',
          time: '2026-03-03T10:00:00.000Z',
          userId: 'u1',
          creativeUnitsCost: 3,
        },
      ]);
      expect(res.entities).toEqual({ assets: [], collections: [], jobs: [], models: [], users: [] });
    }
  });

  it('with no events in range: 20 usages and 7 asset series of zeros, no models, labels or users', async () => {
    const res = await scenario().usages.list({ startDate: '2025-01-06', endDate: '2025-01-13' });
    expect(res.usages!.length).toBe(20);
    expect(res.usages![8].points.length).toBe(168);
    expect(res.usages!.every((s) => s.granularity === '1h' && s.points.every((p) => p.value === '0' && p.apiKey === '0'))).toBe(
      true,
    );
    expect(res.assetUsages!.map((s) => s.kind)).toEqual(['3d', 'audio', 'document', 'image', 'image-hdr', 'json', 'video']);
    expect(res.assetUsages!.every((s) => s.points.length === 168)).toBe(true);
    expect(res).toMatchObject({ modelUsages: [], nsfwUsages: [], consumption: [], activity: [] });
    expect(res.entities).toEqual({ assets: [], collections: [], jobs: [], models: [], users: [] });
  });
});
