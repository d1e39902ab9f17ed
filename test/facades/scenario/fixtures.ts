/**
 * Small event sets and catalogs the golden cases are worked out from, by hand.
 */
import * as aq from 'arquero';
import type { Engine } from '../../../src/engine/engine.ts';
import type { CatalogEntity } from '../../../src/facades/scenario/index.ts';
import { referenceAggregate } from '../../reference/reference.ts';

export type Event = {
  ts: string | number;
  project_id: string | null;
  user_id: string | null;
  action: string | null;
  is_api_key: boolean | null;
  creative_units: number | null;
  discount: number | null;
  usage_name: string | null;
  usage_value: number | null;
  model_id: string | null;
  job_id: string | null;
  asset_id: string | null;
  asset_kind: string | null;
  nsfw_label: string | null;
  collection_id: string | null;
};

/** A row with every column, null unless given. */
export function ev(fields: Partial<Event> & { ts: string | number }): Event {
  return {
    project_id: null,
    user_id: null,
    action: null,
    is_api_key: null,
    creative_units: null,
    discount: null,
    usage_name: null,
    usage_value: null,
    model_id: null,
    job_id: null,
    asset_id: null,
    asset_kind: null,
    nsfw_label: null,
    collection_id: null,
    ...fields,
  };
}

/** Wednesday 2026-04-08T18:56:46Z: the `now` of every test. */
export const NOW = new Date('2026-04-08T18:56:46.000Z');
export const now = () => NOW;

/**
 * Five Monday weeks, 2026-03-02 … 2026-04-06 (35 days → '7d'), and two rows just outside.
 * Worked out in scenario-golden.test.ts.
 */
export const WEEKS = { startDate: '2026-03-02T00:00:00Z', endDate: '2026-04-06T00:00:00Z' };
export const WEEK_TIMES = ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'].map((d) => `${d}T00:00:00.000Z`);

export const GOLDEN_EVENTS: Event[] = [
  /* e0 */ ev({
    ts: '2026-03-03T10:00:00Z',
    project_id: 'p1',
    user_id: 'u1',
    action: 'images-generation',
    is_api_key: false,
    creative_units: 4,
    discount: 1,
    usage_name: 'images-generation',
    usage_value: 2,
    model_id: 'm2',
    job_id: 'j1',
    asset_id: 'a1',
    asset_kind: 'image',
  }),
  /* e1 */ ev({
    ts: '2026-03-03T11:00:00Z',
    project_id: 'p1',
    user_id: 'u2',
    action: 'images-generation',
    is_api_key: true,
    creative_units: 6,
    discount: 0,
    usage_name: 'images-generation',
    usage_value: 0.5,
    model_id: 'm2',
    job_id: 'j2',
    asset_id: 'a2',
    asset_kind: 'image',
    nsfw_label: 'nudity',
  }),
  /* e2 */ ev({
    ts: '2026-03-10T00:00:00Z',
    project_id: 'p2',
    user_id: 'u1',
    action: 'upscale',
    is_api_key: true,
    creative_units: 1.5,
    discount: 0.5,
    usage_name: 'upscale',
    usage_value: 1,
    model_id: 'm1',
    job_id: 'j3',
    asset_id: 'a3',
    asset_kind: 'image',
  }),
  /* e3 */ ev({
    ts: '2026-03-10T05:00:00+00:00',
    project_id: 'p1',
    user_id: 'u1',
    action: 'upscale',
    is_api_key: false,
    creative_units: 2,
    discount: 0,
    usage_name: 'upscale',
    usage_value: 1,
    model_id: 'm1',
    job_id: 'j3',
    asset_id: 'a4',
    asset_kind: 'image-hdr',
  }),
  /* e4 */ ev({
    ts: '2026-03-24T00:00:00Z',
    project_id: 'p1',
    user_id: 'u3',
    action: 'collection',
    asset_id: 'a1',
    collection_id: 'c1',
  }),
  /* e5 */ ev({
    ts: '2026-04-01T12:00:00Z',
    project_id: 'p2',
    user_id: 'u2',
    action: 'txt2img',
    is_api_key: true,
    creative_units: 3,
    discount: 1,
    usage_name: 'images-generation',
    usage_value: 1.5,
    model_id: 'm2',
    job_id: 'j4',
    asset_id: 'a5',
    asset_kind: 'video',
    nsfw_label: 'violence',
  }),
  /* e6 */ ev({
    ts: '2026-04-06T00:00:00Z',
    project_id: 'p1',
    user_id: 'u1',
    action: 'upscale',
    is_api_key: false,
    creative_units: 100,
    usage_name: 'upscale',
    usage_value: 100,
    model_id: 'm1',
    job_id: 'j5',
    asset_kind: 'image',
    nsfw_label: 'gore',
  }),
  /* e7 */ ev({
    ts: '2026-03-01T23:59:59.999Z',
    project_id: 'p1',
    user_id: 'u4',
    action: 'upscale',
    creative_units: 100,
    usage_name: 'upscale',
    usage_value: 100,
    model_id: 'm3',
    asset_kind: 'image',
  }),
  /* e8 */ ev({
    ts: '2026-03-17T08:00:00Z',
    project_id: 'p1',
    user_id: 'u1',
    action: 'asset',
    is_api_key: false,
    usage_name: 'not-a-usage',
    usage_value: 9,
    asset_kind: 'not-a-kind',
  }),
];

const asset = (id: string, kind: string): CatalogEntity => ({
  id,
  kind,
  metadata: { type: 'txt2img' },
  properties: { size: 1024, width: 512, height: 512 },
  source: 'txt2img',
});
const job = (id: string): CatalogEntity => ({ id, jobType: 'inference', metadata: { assetIds: [] }, status: 'success' });

/** Given out of id order; a5 is missing on purpose, a9, c2, j9, m3 and u4 are never referenced. */
export const CATALOGS = {
  assets: [asset('a4', 'image-hdr'), asset('a9', 'image'), asset('a1', 'image'), asset('a3', 'image'), asset('a2', 'image')],
  collections: [
    { id: 'c2', name: 'Other' },
    { id: 'c1', name: 'Characters' },
  ],
  jobs: [job('j4'), job('j9'), job('j3'), job('j2'), job('j1')],
  models: [
    { id: 'm3', name: 'Three' },
    { id: 'm2', name: 'Two', shortDescription: 'second' },
    { id: 'm1', name: 'One' },
  ],
  users: [
    { id: 'u4', isApiKey: false, email: 'd@example.com' },
    { id: 'u2', isApiKey: true, apiKeyId: 'k2', apiKeyStatus: 'active' },
    { id: 'u3', isApiKey: false, fullName: 'Three' },
    { id: 'u1', isApiKey: false, email: 'a@example.com', fullName: 'One' },
  ],
};

/** The naive row-at-a-time reference as an Engine: façade bugs and engine bugs then tell apart. */
export const referenceEngine: Engine = {
  aggregate: async (events, query) => aq.from(referenceAggregate(events as never, query)),
  close: async () => {},
};

/** `n` zero points of a count series at the given times. */
export const zeroCounts = (times: string[]) => times.map((time) => ({ count: 0, countApiKey: 0, time }));
