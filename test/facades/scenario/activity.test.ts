/**
 * Activity: newest first, ties later row first, pages of 100 by activityOffset, entities of the
 * returned page only, each once. Rows i = 0 … 249 sit at 10:00 + i minutes on 2026-04-08.
 */
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/errors.ts';
import { createScenario } from '../../../src/facades/scenario/index.ts';
import { ENGINE_NAMES, useEngines } from './engines.ts';
import { ev, now } from './fixtures.ts';

const engine = useEngines();
const T0 = Date.parse('2026-04-08T10:00:00Z');
const RANGE = { startDate: '2026-04-08T10:00:00Z', endDate: '2026-04-08T16:00:00Z', type: 'activity' };
const EVENTS = Array.from({ length: 250 }, (_, i) =>
  ev({
    ts: T0 + i * 60_000,
    project_id: 'p1',
    user_id: `u${i % 3}`,
    action: 'upscale',
    job_id: `j${i}`,
    model_id: `m${i % 2}`,
    creative_units: i,
  }),
);
const CATALOGS = {
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
const rowsOf = (items: { data: { jobId?: unknown } }[]) => items.map((a) => Number(String(a.data.jobId).slice(1)));
const desc = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, k) => from - k);

describe.each(ENGINE_NAMES)('Scenario activity (%s)', (name) => {
  let memo: ReturnType<typeof createScenario> | undefined;
  const scenario = () => (memo ??= createScenario({ events: EVENTS, catalogs: CATALOGS, engine: engine(name), now }));

  it.each<[unknown, number[]]>([
    [undefined, desc(249, 150)],
    ['0', desc(249, 150)],
    ['100', desc(149, 50)],
    ['150', desc(99, 0)],
    ['200', desc(49, 0)],
    ['249', [0]],
    ['250', []],
    ['', desc(249, 150)],
    ['-100', desc(249, 150)],
    ['ten', desc(249, 150)],
    // What a Python client sends for the float offset 100: the second page, not the first again.
    ['100.0', desc(149, 50)],
    ['+100', desc(149, 50)],
    ['1e2', desc(149, 50)],
    ['100.5', desc(249, 150)],
  ])('activityOffset %j', async (activityOffset, rows) => {
    const res = await scenario().usages.list({ ...RANGE, activityOffset: activityOffset as string });
    expect(rowsOf(res.activity!)).toEqual(rows);
  });

  it('an item is the event, newest first', async () => {
    const res = await scenario().usages.list({ ...RANGE, activity_offset: '248' });
    expect(res.activity).toEqual([
      {
        action: 'upscale',
        data: { jobId: 'j1', modelId: 'm1' },
        projectId: 'p1',
        time: '2026-04-08T10:01:00.000Z',
        userId: 'u1',
        creativeUnitsCost: 1,
      },
      {
        action: 'upscale',
        data: { jobId: 'j0', modelId: 'm0' },
        projectId: 'p1',
        time: '2026-04-08T10:00:00.000Z',
        userId: 'u0',
        creativeUnitsCost: 0,
      },
    ]);
  });

  it('entities: only what the page references, each once, by id', async () => {
    const res = await scenario().usages.list({ ...RANGE, activityOffset: '200' });
    expect(res.entities!.users).toEqual([CATALOGS.users[1], CATALOGS.users[2], CATALOGS.users[0]]);
    expect(res.entities!.models).toEqual([CATALOGS.models[1], CATALOGS.models[0]]);
    // j0 … j49 by code unit: j0, j1, j10 … j19, j2, j20 …
    const jobIds = res.entities!.jobs.map((j) => j.id);
    expect(jobIds.slice(0, 5)).toEqual(['j0', 'j1', 'j10', 'j11', 'j12']);
    expect(jobIds.length).toBe(50);
    expect(new Set(jobIds)).toEqual(new Set(desc(49, 0).map((i) => `j${i}`)));
    expect(res.entities!.assets).toEqual([]);
    expect(res.entities!.collections).toEqual([]);
    // The last row alone references u0, m0, j0.
    const last = await scenario().usages.list({ ...RANGE, activityOffset: '249' });
    expect(last.entities).toEqual({
      assets: [],
      collections: [],
      jobs: [CATALOGS.jobs[0]],
      models: [CATALOGS.models[1]],
      users: [CATALOGS.users[1]],
    });
  });

  it('a row without action, project or user still has those keys, as null', async () => {
    const sparse = [
      { ...ev({ ts: '2026-04-08T11:00:00Z', creative_units: Number.NaN }), action: undefined },
      { ...ev({ ts: 0 }), action: 'x' },
    ];
    const res = await createScenario({ events: sparse, engine: engine(name), now }).usages.list({ ...RANGE });
    expect(JSON.stringify(res.activity)).toBe(
      '[{"action":null,"data":{},"projectId":null,"time":"2026-04-08T11:00:00.000Z","userId":null}]',
    );
    // Rows may leave a key out when another row has it.
    delete (sparse[0] as Partial<(typeof sparse)[0]>).action;
    const again = await createScenario({ events: sparse, engine: engine(name), now }).usages.list({ ...RANGE });
    expect(again.activity![0].action).toBeNull();
  });

  it('equal instants: the later row first; an arquero table reads the same', async () => {
    const tied = [
      ev({ ts: '2026-04-08T11:00:00Z', action: 'first', user_id: 'u' }),
      ev({ ts: '2026-04-08T12:00:00Z', action: 'newest', user_id: 'u' }),
      ev({ ts: '2026-04-08T11:00:00.000+00:00', action: 'second', user_id: 'u' }),
      ev({ ts: '2026-04-08T10:59:59.999Z', action: 'oldest', user_id: 'u' }),
    ];
    for (const events of [tied, aq.from(tied)]) {
      const res = await createScenario({ events, engine: engine(name), now }).usages.list({ ...RANGE, type: 'activity,usages' });
      expect(res.activity!.map((a) => a.action)).toEqual(['newest', 'second', 'first', 'oldest']);
      expect(res.usages!.length).toBe(20);
    }
  });

  it('a time value that is not an instant rejects with a QueryError naming the row', async () => {
    const bad = [ev({ ts: '2026-04-08T11:00:00Z' }), ev({ ts: '2026-04-08 noon' })];
    const err = await createScenario({ events: bad, engine: engine(name), now })
      .usages.list({ ...RANGE })
      .catch((e) => e);
    expect(err).toBeInstanceOf(QueryError);
    expect(err.field).toBe('events[1].ts');
  });
});

describe('Scenario activity without an engine call', () => {
  it('names the row and says what an instant is', async () => {
    const bad = [ev({ ts: '2026-04-08T11:00:00Z' }), ev({ ts: '2026-04-08 noon' })];
    const noEngine = {
      aggregate: () => {
        throw new Error('not called');
      },
      close: async () => {},
    };
    const err = await createScenario({ events: bad, engine: noEngine, now })
      .usages.list({ ...RANGE })
      .catch((e) => e);
    expect(err).toBeInstanceOf(QueryError);
    expect(err.message).toBe('events[1].ts: "2026-04-08 noon" is not an instant (epoch ms, Date, or ISO-8601 with an offset)');
  });

  it('a column missing from every record reads as null; only the time column must exist', async () => {
    const noEngine = {
      aggregate: () => {
        throw new Error('not called');
      },
      close: async () => {},
    };
    const partial = [{ ts: '2026-04-08T11:00:00Z', action: 'a', project_id: 'p', user_id: 'u' }];
    const res = await createScenario({ events: partial, engine: noEngine, now }).usages.list({ ...RANGE, type: 'activity' });
    expect(res.activity).toEqual([{ action: 'a', data: {}, projectId: 'p', time: '2026-04-08T11:00:00.000Z', userId: 'u' }]);
    // The same events as a table without those columns.
    const table = aq.table({ ts: ['2026-04-08T11:00:00Z'], action: ['a'], project_id: ['p'], user_id: ['u'] });
    expect(
      (await createScenario({ events: table, engine: noEngine, now }).usages.list({ ...RANGE, type: 'activity' })).activity,
    ).toEqual(res.activity);
    const timeless = [{ when: '2026-04-08T11:00:00Z', action: 'a' }];
    const err = await createScenario({ events: timeless, engine: noEngine, now })
      .usages.list({ ...RANGE, type: 'activity' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(QueryError);
    expect(err.message).toBe("time: unknown column 'ts'");
  });
});
