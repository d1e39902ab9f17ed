/**
 * Scenario sample: one row per action (docs/scenario.md) and the catalogs the activity feed's
 * `entities` come from. A generation job is one row carrying its cost, usage and model, then a
 * row per asset it produced; now and then someone tidies assets into collections or renames a
 * project. Two of the users are API keys.
 */
import { iso, sampleInstants, type Span } from './instants.ts';
import type { Random } from './random.ts';

// A type alias, not an interface: its rows are plain records the engine takes as they are.
export type ScenarioEvent = {
  ts: string;
  project_id: string;
  user_id: string;
  action: string;
  is_api_key: boolean;
  creative_units?: number;
  discount?: number;
  usage_name?: string;
  usage_value?: number;
  model_id?: string;
  job_id?: string;
  asset_id?: string;
  asset_kind?: string;
  nsfw_label?: string;
  collection_id?: string;
};

export type Entity = { id: string } & Record<string, unknown>;
export interface ScenarioCatalogs {
  assets: Entity[];
  collections: Entity[];
  jobs: Entity[];
  models: Entity[];
  users: Entity[];
}

interface Generator {
  action: string;
  usage?: string;
  jobType: string;
  /** Median creative units per produced asset (or per job without assets). */
  cost: number;
  /** Asset kind, type and source; none for jobs that produce no asset. */
  asset?: { kinds: string[]; type: string; source: string };
  maxAssets: number;
}

const GENERATORS: [Generator, number][] = [
  [
    {
      action: 'txt2img',
      usage: 'images-generation',
      jobType: 'inference',
      cost: 5,
      maxAssets: 4,
      asset: { kinds: ['image'], type: 'inference-txt2img', source: 'inference-txt' },
    },
    40,
  ],
  [
    {
      action: 'img2img',
      usage: 'images-generation',
      jobType: 'inference',
      cost: 5,
      maxAssets: 4,
      asset: { kinds: ['image'], type: 'inference-img2img', source: 'inference-img' },
    },
    15,
  ],
  [
    {
      action: 'inpaint',
      usage: 'images-generation',
      jobType: 'inference',
      cost: 6,
      maxAssets: 2,
      asset: { kinds: ['image'], type: 'inference-inpaint', source: 'inference-in-paint' },
    },
    5,
  ],
  [
    {
      action: 'upscale',
      usage: 'upscale',
      jobType: 'upscale',
      cost: 10,
      maxAssets: 1,
      asset: { kinds: ['image'], type: 'upscale', source: 'upscale' },
    },
    10,
  ],
  [
    {
      action: 'background-removal',
      usage: 'background-removal',
      jobType: 'remove-background',
      cost: 2,
      maxAssets: 1,
      asset: { kinds: ['image'], type: 'background-removal', source: 'background-removal' },
    },
    8,
  ],
  [
    {
      action: 'texture',
      usage: 'texture',
      jobType: 'texture',
      cost: 8,
      maxAssets: 1,
      asset: { kinds: ['image'], type: 'texture', source: 'texture' },
    },
    4,
  ],
  [
    {
      action: 'restyle',
      usage: 'restyle',
      jobType: 'restyle',
      cost: 6,
      maxAssets: 1,
      asset: { kinds: ['image'], type: 'restyle', source: 'restyle' },
    },
    3,
  ],
  [
    {
      action: 'vectorization',
      usage: 'vectorization',
      jobType: 'vectorize',
      cost: 3,
      maxAssets: 1,
      asset: { kinds: ['document'], type: 'vectorization', source: 'vectorization' },
    },
    3,
  ],
  [
    {
      action: 'skybox-base-360',
      usage: 'skybox-base-360',
      jobType: 'skybox-base-360',
      cost: 20,
      maxAssets: 1,
      asset: { kinds: ['image-hdr'], type: 'skybox-base-360', source: 'skybox-base-360' },
    },
    2,
  ],
  [{ action: 'captioning', usage: 'captioning', jobType: 'caption', cost: 1, maxAssets: 0 }, 3],
  [
    {
      action: 'custom',
      usage: 'custom',
      jobType: 'custom',
      cost: 30,
      maxAssets: 1,
      asset: { kinds: ['video', 'audio', '3d'], type: 'txt2video', source: 'txt2video' },
    },
    5,
  ],
  [{ action: 'start-train', usage: 'models-training', jobType: 'model-training', cost: 250, maxAssets: 0 }, 2],
];
const CUSTOM_TYPE: Record<string, string> = { video: 'txt2video', audio: 'txt2audio', '3d': 'txt23d' };
const MODEL_NAMES = [
  'Scenario Flux',
  'SDXL Base',
  'Flux 1.1 Pro',
  'Isometric Buildings',
  'Pixel Knights',
  'Cozy Interiors',
  'Skybox Blockade',
  'Texture Forge',
];
const PEOPLE = [
  'Ada Moreau',
  'Ben Okafor',
  'Chloé Martin',
  'Dev Patel',
  'Eva Lindqvist',
  'Farid Haddad',
  'Grace Kim',
  'Hugo Silva',
  'Ines Duarte',
  'Jonas Weber',
];
const NSFW = ['suggestive', 'nudity', 'violence'];
const MISC = ['update-project', 'download-assets', 'tag-asset', 'collection-assets', 'project-member'];

/** Halves add up exactly in binary floating point, so sample totals print cleanly. */
const half = (x: number) => Math.max(0.5, Math.round(x * 2) / 2);

export function scenarioSample(
  random: Random,
  span: Span,
  jobCount: number,
): { events: ScenarioEvent[]; catalogs: ScenarioCatalogs } {
  const projects = Array.from({ length: 3 }, () => `proj_${random.hex(10)}`);
  const people = PEOPLE.map((name) => ({
    id: `user_${random.hex(12)}`,
    isApiKey: false,
    email: `${name.split(' ')[0].toLowerCase()}@studio.example`,
    fullName: name,
  }));
  const keys = [0, 1].map(() => ({
    id: `apikey_${random.hex(12)}`,
    isApiKey: true,
    apiKeyId: `key_${random.hex(16)}`,
    apiKeyStatus: 'active',
  }));
  const users = [...people, ...keys];
  const userWeights = users.map((u, i) => (u.isApiKey ? 6 : 1 / (i + 1) + 0.3));
  const models = MODEL_NAMES.map((name) => ({ id: `model_${random.hex(10)}`, name }));
  const collections = ['Key art', 'Props', 'Environments', 'Marketing'].map((name) => ({ id: `coll_${random.hex(10)}`, name }));
  const catalogs: ScenarioCatalogs = { assets: [], collections, jobs: [], models, users };
  const events: ScenarioEvent[] = [];
  const generators = GENERATORS.map(([g]) => g);
  const weights = GENERATORS.map(([, w]) => w);

  for (const t of sampleInstants(random, span, jobCount)) {
    const user = random.weighted(users, userWeights);
    const who = { project_id: random.pick(projects), user_id: user.id };
    const row = (at: number, action: string): ScenarioEvent => ({ ts: iso(at), ...who, action, is_api_key: user.isApiKey });
    if (random.chance(0.08)) {
      const action = random.pick(MISC);
      const asset = catalogs.assets.length ? random.pick(catalogs.assets).id : undefined;
      const event = row(t, action);
      if (asset && (action === 'tag-asset' || action === 'collection-assets')) event.asset_id = asset;
      if (action === 'collection-assets') event.collection_id = random.pick(collections).id;
      events.push(event);
      continue;
    }
    const g = random.weighted(generators, weights);
    const jobId = `job_${random.hex(12)}`;
    const produced = g.maxAssets ? random.int(1, g.maxAssets) : 0;
    const cost = half(random.logNormal(g.cost, 0.4) * Math.max(1, produced));
    const model = random.pick(models).id;
    const job: ScenarioEvent = {
      ...row(t, g.action),
      creative_units: cost,
      usage_name: g.usage,
      usage_value: Math.max(1, produced),
      model_id: model,
      job_id: jobId,
    };
    if (random.chance(0.15)) job.discount = -half(cost * 0.2);
    events.push(job);
    const assetIds: string[] = [];
    for (let k = 0; k < produced && g.asset; k++) {
      const id = `asset_${random.hex(12)}`;
      const kind = random.pick(g.asset.kinds);
      const type = g.action === 'custom' ? CUSTOM_TYPE[kind] : g.asset.type;
      const at = Math.min(span.end - 1, t + random.int(4_000, 90_000));
      const created: ScenarioEvent = { ...row(at, 'asset'), job_id: jobId, asset_id: id, asset_kind: kind };
      if (kind === 'image' && random.chance(0.04)) created.nsfw_label = random.pick(NSFW);
      events.push(created);
      assetIds.push(id);
      const side = random.pick([512, 768, 1024, 2048]);
      catalogs.assets.push({
        id,
        kind,
        metadata: { type },
        properties: { size: random.int(40_000, 4_000_000), width: side, height: side },
        source: g.action === 'custom' ? type : g.asset.source,
      });
    }
    catalogs.jobs.push({ id: jobId, jobType: g.jobType, metadata: { assetIds }, status: 'success' });
  }
  events.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  return { events, catalogs };
}
