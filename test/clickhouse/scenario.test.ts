/**
 * The Scenario façade over a ClickHouse source, on the single server and the cluster: every type,
 * with and without filters, activity paging and ties, serialises byte for byte as the same façade
 * over the events in process (whose answers golden.test.ts, filters.test.ts and activity.test.ts
 * work out by hand); a few of those hand-worked answers are checked here again directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnKind } from '../../src/clickhouse/literals.ts';
import { createEngine } from '../../src/engine/engine.ts';
import type { EventSource } from '../../src/engine/source.ts';
import { createScenario, type ScenarioCatalogs, type ScenarioParams } from '../../src/facades/scenario/index.ts';
import { toEpochMs } from '../../src/time.ts';
import { CATALOGS, ev, GOLDEN_EVENTS, now, WEEKS } from '../facades/scenario/fixtures.ts';
import { freshTable, SERVERS, sourceWith, type Server } from './servers.ts';

const engine = createEngine({ workers: 0 });
const created: [Server, string][] = [];
afterAll(async () => {
  for (const [server, table] of created) await server.drop(table);
  await engine.close();
});

const KINDS: Record<string, ColumnKind> = {
  project_id: 'string',
  user_id: 'string',
  action: 'string',
  is_api_key: 'boolean',
  creative_units: 'number',
  discount: 'number',
  usage_name: 'string',
  usage_value: 'number',
  model_id: 'string',
  job_id: 'string',
  asset_id: 'string',
  asset_kind: 'string',
  nsfw_label: 'string',
  collection_id: 'string',
};

/** activity.test.ts's feed: rows i = 0 … 249 at 10:00 + i minutes on 2026-04-08. */
const T0 = Date.parse('2026-04-08T10:00:00Z');
const FEED = { startDate: '2026-04-08T10:00:00Z', endDate: '2026-04-08T16:00:00Z' };
const FEED_EVENTS = Array.from({ length: 250 }, (_, i) =>
  ev({
    ts: T0 + i * 60_000,
    project_id: 'p1',
    user_id: `u${i % 3}`,
    action: 'upscale',
    job_id: `j${i}`,
    model_id: `m${i % 2}`,
    creative_units: i,
    usage_name: 'upscale',
    usage_value: i % 5,
    asset_kind: 'image',
    is_api_key: i % 4 === 0,
  }),
);
const FEED_CATALOGS: ScenarioCatalogs = {
  jobs: Array.from({ length: 250 }, (_, i) => ({ id: `j${i}`, jobType: 'upscale', metadata: {}, status: 'success' })),
  models: [
    { id: 'm1', name: 'One' },
    { id: 'm0', name: 'Zero' },
  ],
  users: [
    { id: 'u2', isApiKey: false },
    { id: 'u0', isApiKey: false },
    { id: 'u1', isApiKey: true },
  ],
};
/** Equal instants: the later row comes first. */
const TIED_EVENTS = [
  ev({ ts: '2026-04-08T11:00:00Z', action: 'first', user_id: 'u' }),
  ev({ ts: '2026-04-08T12:00:00Z', action: 'newest', user_id: 'u' }),
  ev({ ts: '2026-04-08T11:00:00.000+00:00', action: 'second', user_id: 'u' }),
  ev({ ts: '2026-04-08T10:59:59.999Z', action: 'oldest', user_id: 'u' }),
];

const FILTERS: [string, ScenarioParams][] = [
  ['no filter', {}],
  ['projectIds=p2', { projectIds: 'p2' }],
  ['userIds=u2,u3 with userId=u2', { userIds: 'u2,u3', userId: 'u2' }],
  ['projectIds=p1 with userId=u1', { projectIds: 'p1', userId: 'u1' }],
  ['userId outside userIds', { userIds: 'u2', userId: 'u1' }],
  ['user_ids=u3', { user_ids: 'u3' }],
];
const TYPES = [undefined, 'usages', 'model-usages', 'asset-usages', 'nsfw-usages', 'consumption', 'activity'];

type Events = Parameters<typeof createScenario>[0]['events'];

async function load(server: Server, events: Record<string, unknown>[]): Promise<EventSource> {
  const table = freshTable('scenario');
  created.push([server, table]);
  return sourceWith(
    server,
    table,
    events.map((e) => ({ ...e, ts: toEpochMs(e.ts) })),
    KINDS,
  );
}

/** The same request to the façade over ClickHouse and over the events in process, as JSON text. */
function pair(remote: () => Events, local: Events, catalogs: ScenarioCatalogs) {
  return async (params: ScenarioParams) => {
    const [got, want] = await Promise.all(
      [remote, () => local].map((events) => createScenario({ events: events(), catalogs, engine, now }).usages.list(params)),
    );
    return { got: JSON.stringify(got), want: JSON.stringify(want), res: got };
  };
}

describe.skipIf(SERVERS.length === 0)('Scenario over ClickHouse', () => {
  for (const server of SERVERS) {
    describe(`golden events (${server.name})`, () => {
      let source: EventSource;
      beforeAll(async () => {
        source = await load(server, GOLDEN_EVENTS);
      });
      const list = pair(() => source, GOLDEN_EVENTS, CATALOGS);

      for (const [name, filter] of FILTERS) {
        it(`${name}: every type alone and all together, and with dropZeroPoints`, async () => {
          for (const type of TYPES) {
            const { got, want } = await list({ ...WEEKS, ...filter, type });
            expect(got, `type ${type}`).toBe(want);
          }
          const { got, want } = await list({ ...WEEKS, ...filter, dropZeroPoints: '' });
          expect(got).toBe(want);
        });
      }

      it('the hand-worked consumption and activity of the five weeks', async () => {
        const { res } = await list({ ...WEEKS, type: 'consumption,activity' });
        expect(res.consumption).toEqual([
          { discount: 1.5, total: 9, userId: 'u1', value: 7.5 },
          { discount: 1, total: 10, userId: 'u2', value: 9 },
        ]);
        expect(res.activity!.map((a) => a.time)).toEqual([
          '2026-04-01T12:00:00.000Z',
          '2026-03-24T00:00:00.000Z',
          '2026-03-17T08:00:00.000Z',
          '2026-03-10T05:00:00.000Z',
          '2026-03-10T00:00:00.000Z',
          '2026-03-03T11:00:00.000Z',
          '2026-03-03T10:00:00.000Z',
        ]);
        expect(JSON.stringify(res.activity![2])).toBe(
          '{"action":"asset","data":{"isApiKey":false},"projectId":"p1","time":"2026-03-17T08:00:00.000Z","userId":"u1"}',
        );
        expect(res.entities!.users.map((u) => u.id)).toEqual(['u1', 'u2', 'u3']);
      });

      it('a week with no events, and a preset ending at now', async () => {
        for (const params of [{ startDate: '2025-01-06', endDate: '2025-01-13' }, { timeRange: 'last-thirty-one-days' }]) {
          const { got, want } = await list(params);
          expect(got).toBe(want);
        }
      });
    });

    describe(`columns the table lacks (${server.name})`, () => {
      // A table without nsfw_label, asset_kind, discount or project_id: they read as null.
      const LACKING = ['nsfw_label', 'asset_kind', 'discount', 'project_id'];
      let source: EventSource;
      beforeAll(async () => {
        const table = freshTable('scenario_lacking');
        created.push([server, table]);
        const kinds = Object.fromEntries(Object.entries(KINDS).filter(([c]) => !LACKING.includes(c)));
        source = await sourceWith(
          server,
          table,
          GOLDEN_EVENTS.map((e) => ({ ...e, ts: toEpochMs(e.ts) })),
          kinds,
        );
      });
      // The same events in process, with those columns null in every row.
      const nulled = GOLDEN_EVENTS.map((e) => ({ ...e, ...Object.fromEntries(LACKING.map((c) => [c, null])) }));
      const list = pair(() => source, nulled, CATALOGS);

      it('the default request answers every type as over the events with those columns null', async () => {
        const { got, want, res } = await list({ ...WEEKS });
        expect(got).toBe(want);
        expect(res.nsfwUsages).toEqual([]);
        expect(res.consumption).toEqual([
          { discount: 0, total: 7.5, userId: 'u1', value: 7.5 },
          { discount: 0, total: 9, userId: 'u2', value: 9 },
        ]);
        expect(res.activity!.every((a) => a.projectId === null)).toBe(true);
      });

      it('a filter on a column the table lacks matches nothing, in the series and the feed', async () => {
        const { got, want, res } = await list({ ...WEEKS, projectIds: 'p1', type: 'activity,model-usages' });
        expect(got).toBe(want);
        expect(res).toEqual({
          activity: [],
          entities: { assets: [], collections: [], jobs: [], models: [], users: [] },
          modelUsages: [],
        });
      });
    });

    describe(`activity paging and ties (${server.name})`, () => {
      let feed: EventSource;
      let tied: EventSource;
      beforeAll(async () => {
        [feed, tied] = await Promise.all([load(server, FEED_EVENTS), load(server, TIED_EVENTS)]);
      });
      const list = pair(() => feed, FEED_EVENTS, FEED_CATALOGS);
      const jobs = (res: { activity?: { data: { jobId?: unknown } }[] }) =>
        res.activity!.map((a) => Number(String(a.data.jobId).slice(1)));
      const desc = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, k) => from - k);

      it.each<[string | undefined, number[]]>([
        [undefined, desc(249, 150)],
        ['100', desc(149, 50)],
        ['150', desc(99, 0)],
        ['249', [0]],
        ['250', []],
        ['ten', desc(249, 150)],
      ])('activityOffset %j: the page and its entities', async (activityOffset, rows) => {
        const { got, want, res } = await list({ ...FEED, type: 'activity', activityOffset });
        expect(jobs(res)).toEqual(rows);
        expect(got).toBe(want);
      });

      it('paging within a filter, beside the series of the feed', async () => {
        for (const activityOffset of ['0', '50', '83', '84']) {
          const { got, want, res } = await list({ ...FEED, userIds: 'u1', activityOffset });
          // u1 is every third row from 1: 247, 244, … 1 (83 rows).
          expect(jobs(res)).toEqual(
            desc(247, 1)
              .filter((i) => i % 3 === 1)
              .slice(Number(activityOffset), Number(activityOffset) + 100),
          );
          expect(got).toBe(want);
        }
      });

      it('equal instants: the later row first', async () => {
        const { got, want, res } = await pair(() => tied, TIED_EVENTS, {})({ ...FEED, type: 'activity,usages' });
        expect(res.activity!.map((a) => a.action)).toEqual(['newest', 'second', 'first', 'oldest']);
        expect(got).toBe(want);
      });
    });
  }
});
