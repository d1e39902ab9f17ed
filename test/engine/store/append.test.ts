/**
 * Appends: after any sequence of loads and appends (records or tables, split anywhere, queries in
 * between), every query gives exactly what loading all the events at once gives, bit for bit,
 * inline and on two workers; with `dedupBy`, exactly what loading the first arrival of each key
 * gives, with the duplicates counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as aq from 'arquero';
import { createEngine, type Events, type LocalEngine } from '../../../src/engine/engine.ts';
import type { Query } from '../../../src/engine/types.ts';
import { loadChunks } from '../../../src/engine/store/load.ts';
import { arbCase, COLUMNS, type EventRow } from '../arbitraries.ts';
import { chunksOf } from './chunks.ts';

const NUM_RUNS = Number(process.env.ENGINE_PROPERTY_RUNS ?? 40);
let inline: LocalEngine, sharded: LocalEngine;
beforeAll(() => {
  inline = createEngine({ workers: 0 });
  sharded = createEngine({ workers: 2, inlineThreshold: 0 });
});
afterAll(async () => {
  await Promise.all([inline.close(), sharded.close()]);
});

const rowsOf = async (engine: LocalEngine, events: Events, query: Query) => (await engine.aggregate(events, query)).objects();

/** The events cut at `cuts`, each batch as records or as a table (by `asTable[k]`). */
function batches(events: EventRow[], cuts: number[], asTable: boolean[]): (EventRow[] | ReturnType<typeof aq.table>)[] {
  const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, events.length)), events.length])].sort((a, b) => a - b);
  if (bounds.length === 1) bounds.push(0);
  const names = [...COLUMNS, 'id'];
  return bounds.slice(1).map((end, k) => {
    const slice = events.slice(bounds[k], end);
    return asTable[k % asTable.length] ? aq.table(Object.fromEntries(names.map((c) => [c, slice.map((e) => e[c])]))) : slice;
  });
}

const arbSplit = fc.record({
  cuts: fc.array(fc.nat({ max: 40 }), { maxLength: 5 }),
  asTable: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
  queryAfter: fc.nat({ max: 6 }),
  ids: fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constant(null)), { minLength: 40, maxLength: 40 }),
});

describe('events.append', () => {
  it('any sequence of appends answers as one load of every event, 0 and 2 workers', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, arbSplit, async ({ events, queries }, split) => {
        const withIds = events.map((e, i) => ({ ...e, id: split.ids[i % 40] }));
        for (const engine of [inline, sharded]) {
          const [first, ...rest] = batches(withIds, split.cuts, split.asTable);
          const live = await engine.load(first);
          for (const [k, batch] of rest.entries()) {
            // A query between appends merges what is there; later appends come on top of it.
            if (k === split.queryAfter) await rowsOf(engine, live, queries[0]);
            const r = await live.append(batch);
            expect(r).toEqual({ appended: Array.isArray(batch) ? batch.length : batch.numRows(), duplicates: 0, skipped: 0 });
          }
          expect(live.numRows()).toBe(withIds.length);
          const once = await engine.load(withIds);
          for (const q of queries) expect(await rowsOf(engine, live, q)).toEqual(await rowsOf(engine, once, q));
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('dedupBy keeps the first arrival of each key across the load and every append', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, arbSplit, async ({ events, queries }, split) => {
        const withIds = events.map((e, i) => ({ ...e, id: split.ids[i % 40] }));
        const seen = new Set<unknown>();
        const firsts = withIds.filter((e) => e.id === null || (!seen.has(e.id) && !!seen.add(e.id)));
        const [first, ...rest] = batches(withIds, split.cuts, split.asTable);
        const live = await sharded.load(first, { dedupBy: ['id'] });
        let duplicates = live.summary.duplicates;
        for (const batch of rest) duplicates += (await live.append(batch)).duplicates;
        expect(duplicates).toBe(withIds.length - firsts.length);
        expect(live.numRows()).toBe(firsts.length);
        const once = await sharded.load(firsts);
        for (const q of queries) expect(await rowsOf(sharded, live, q)).toEqual(await rowsOf(sharded, once, q));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a query already running sees the events as they were when it started', async () => {
    const T = Date.UTC(2026, 0, 1);
    const live = await inline.load([{ ts: T, n: 1 }]);
    const q: Query = { time: 'ts', window: 'day', measures: { s: { op: 'sum', column: 'n' } } };
    const running = inline.aggregate(live, q);
    const appending = live.append([{ ts: T + 1, n: 10 }]);
    expect((await running).objects()).toEqual([{ window_start: T, window_end: T + 86_400_000, s: 1 }]);
    await appending;
    expect((await inline.aggregate(live, q)).objects()).toEqual([{ window_start: T, window_end: T + 86_400_000, s: 11 }]);
  });

  it('appends run in call order; a failed append adds nothing and later ones still run', async () => {
    const T = Date.UTC(2026, 0, 1);
    const live = await inline.load([{ ts: T, v: 'a' }]);
    const q: Query = { time: 'ts', window: 'day', measures: { l: { op: 'latest', column: 'v' } } };
    const [ok1, bad, ok2] = await Promise.allSettled([
      live.append([{ ts: T, v: 'b' }]),
      live.append([{ ts: 'not a time', v: 'x' }]),
      live.append([{ ts: T, v: 'c' }]),
    ]);
    expect(ok1.status).toBe('fulfilled');
    expect(bad.status === 'rejected' && bad.reason.message).toBe(
      'events[2].ts: "not a time" is not an instant (epoch ms, Date, or ISO-8601 with an offset)',
    );
    expect(ok2.status).toBe('fulfilled');
    // Equal instants: the latest is the last to arrive.
    expect((await inline.aggregate(live, q)).objects()).toEqual([{ window_start: T, window_end: T + 86_400_000, l: 'c' }]);
    expect(live.numRows()).toBe(3);
  });

  it('events built from chunks alone cannot be appended to', async () => {
    const events = await loadChunks(chunksOf([{ ts: 1 }], []), 'ts');
    await expect(events.append([{ ts: 2 }])).rejects.toThrow(
      'these events were not made by engine.load and cannot be appended to',
    );
  });
});
