/**
 * Paging costs what the page costs: a later page slices the result its first page computed
 * (counted by engine calls, not timed), and the pages put together equal one fresh listing.
 */
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { createAdverity, createBoltz, createScenario } from '../../../src/index.ts';
import { ResultCache } from '../../../src/facades/common/result-cache.ts';
import { ev } from '../scenario/fixtures.ts';
import { describeEachEngine, recordingEngine } from './engines.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 3, 1);

describeEachEngine('paging', (engine) => {
  it('boltz: paging 3 × 4 × 24 rows by 7 costs one engine call; a new listing computes afresh', async () => {
    const events = Array.from({ length: 24 * 12 }, (_, i) => ({
      ts: T0 + Math.floor(i / 12) * HOUR,
      workspace_id: `ws-${i % 3}`,
      application: ['adme', 'protein_design', 'small_molecule_design', 'structure_and_binding'][i % 4],
      quantity: i,
    }));
    const { engine: recording, calls } = recordingEngine(engine);
    const boltz = createBoltz({ events, engine: recording });
    const q = {
      starting_at: '2026-04-01T00:00:00Z',
      ending_at: '2026-04-02T00:00:00Z',
      window_size: 'HOUR',
      group_by: ['workspace_id', 'application'],
    };
    const rows: unknown[] = [];
    let page: string | null | undefined;
    do {
      const res = await boltz.admin.usage.list({ ...q, limit: 7, ...(page ? { page } : {}) });
      rows.push(...res.data);
      page = res.next_page;
    } while (page);
    expect(calls).toHaveLength(1);
    expect(rows).toEqual((await createBoltz({ events, engine: engine() }).admin.usage.list({ ...q, limit: 1000 })).data);
    expect(rows).toHaveLength(288);
    await boltz.admin.usage.list({ ...q, limit: 7 });
    expect(calls).toHaveLength(2);
  });

  it("adverity: page 2 and on slice page 1's result", async () => {
    const events = Array.from({ length: 120 }, (_, i) => ({
      ts: Date.UTC(2026, 5, 1 + (i % 15)),
      workspace_id: 'w1',
      datastream_id: `d${i % 8}`,
      row_key: `r${i}`,
    }));
    const { engine: recording, calls } = recordingEngine(engine);
    const adverity = createAdverity({
      events,
      workspaces: [{ id: 'w1', name: 'W', parent_id: null }],
      engine: recording,
      now: () => new Date('2026-06-20T00:00:00Z'),
    });
    const pages = [];
    for (const page of ['1', '2', '3']) pages.push(await adverity.usage.list({ page, page_size: '50' }, { scope: 'w1' }));
    expect(calls).toHaveLength(1);
    expect(pages.map((p) => p.items.length)).toEqual([50, 50, 20]);
    const all = await createAdverity({
      events,
      workspaces: [{ id: 'w1', name: 'W', parent_id: null }],
      engine: engine(),
      now: () => new Date('2026-06-20T00:00:00Z'),
    }).usage.list({ page_size: '100' }, { scope: 'w1' });
    expect(pages.flatMap((p) => p.items).slice(0, 100)).toEqual(all.items);
  });
});

describe('scenario activity pages with filters', () => {
  it('equal the slices of the whole filtered listing', async () => {
    const T = Date.parse('2026-04-08T10:00:00Z');
    const events = aq.from(
      Array.from({ length: 500 }, (_, i) =>
        ev({ ts: T + i * 1_000, project_id: `p${i % 2}`, user_id: `u${i % 3}`, action: 'upscale', job_id: `j${i}` }),
      ),
    );
    const scenario = createScenario({
      events,
      engine: {
        aggregate: () => {
          throw new Error('not called');
        },
        close: async () => {},
      },
      now: () => new Date('2026-04-08T18:00:00Z'),
    });
    const base = {
      startDate: '2026-04-08T10:00:00Z',
      endDate: '2026-04-08T12:00:00Z',
      type: 'activity',
      userIds: 'u1',
      projectIds: 'p0',
    };
    const jobs = async (offset: number) =>
      ((await scenario.usages.list({ ...base, activityOffset: String(offset) })).activity ?? []).map((a) => a.data.jobId);
    // u1 and p0: i ≡ 1 (mod 3) and even → i ≡ 4 (mod 6): 83 rows, newest first.
    const expected = Array.from({ length: 500 }, (_, i) => i)
      .filter((i) => i % 6 === 4)
      .reverse()
      .map((i) => `j${i}`);
    expect(await jobs(0)).toEqual(expected.slice(0, 100));
    expect(await jobs(40)).toEqual(expected.slice(40, 140));
    expect(await jobs(80)).toEqual(expected.slice(80));
    expect(await jobs(200)).toEqual([]);
  });
});

describe('ResultCache', () => {
  const table = (n: number) => aq.table({ x: Array.from({ length: n }, (_, i) => i) });

  it('keeps at most maxRows rows, least recently used dropped first; a result over the bound is not kept', async () => {
    const cache = new ResultCache(10, 8);
    let computed = 0;
    const get = (key: string, n: number) =>
      cache.get(key, true, async () => {
        computed++;
        return table(n);
      });
    await get('a', 4);
    await get('b', 4);
    await get('a', 4); // hit: a is now the most recent
    await get('c', 4); // 12 rows > 10: b (least recent) goes
    expect(computed).toBe(3);
    await get('a', 4);
    await get('c', 4);
    expect(computed).toBe(3);
    await get('b', 4);
    expect(computed).toBe(4);
    await get('big', 11);
    await get('big', 11);
    expect(computed).toBe(6);
    expect(cache.hits).toBe(3);
  });

  it('a first page (reuse false) always computes; a failed computation is not kept', async () => {
    const cache = new ResultCache();
    let computed = 0;
    await cache.get('k', false, async () => {
      computed++;
      return table(1);
    });
    await cache.get('k', false, async () => {
      computed++;
      return table(1);
    });
    expect(computed).toBe(2);
    await expect(
      cache.get('e', true, async () => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await cache.get('e', true, async () => {
      computed++;
      return table(1);
    });
    expect(computed).toBe(3);
  });
});
