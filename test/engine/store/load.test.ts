/**
 * `engine.load` against today's path: aggregates over loaded events (from records, from an
 * arquero table, from hand-made chunks split anywhere) equal aggregates over the records
 * themselves, bit for bit, inline and on two workers. The records path is itself checked
 * against the naive reference (../property.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as aq from 'arquero';
import { createEngine } from '../../../src/engine/engine.ts';
import { chunksOf } from './chunks.ts';
import { loadChunks } from '../../../src/engine/store/load.ts';
import type { Query } from '../../../src/engine/types.ts';
import type { Events, LocalEngine } from '../../../src/engine/engine.ts';
import { arbCase, arbLargeCase, COLUMNS, type EventRow } from '../arbitraries.ts';

const NUM_RUNS = Number(process.env.ENGINE_PROPERTY_RUNS ?? 60);
let inline: LocalEngine, sharded: LocalEngine;
beforeAll(() => {
  inline = createEngine({ workers: 0 });
  sharded = createEngine({ workers: 2, inlineThreshold: 0 });
});
afterAll(async () => {
  await Promise.all([inline.close(), sharded.close()]);
});

const rowsOf = async (engine: LocalEngine, events: Events, query: Query) => (await engine.aggregate(events, query)).objects();

async function checkCase({ events, queries }: { events: EventRow[]; queries: Query[] }, cuts: number[]): Promise<void> {
  const table = aq.table(Object.fromEntries(COLUMNS.map((c) => [c, events.map((e) => e[c])])));
  for (const engine of [inline, sharded]) {
    const loaded = [
      await engine.load(events, { time: 'ts' }),
      await engine.load(table, { time: 'ts' }),
      await loadChunks(chunksOf(events, cuts), 'ts'),
    ];
    for (const query of queries) {
      const want = await rowsOf(inline, events, query);
      for (const ev of loaded) expect(await rowsOf(engine, ev, query)).toEqual(want);
    }
  }
}

const arbCuts = fc.array(fc.nat({ max: 1600 }), { maxLength: 4 });

describe('aggregates over engine.load(…) = aggregates over the records', () => {
  it('on random events and queries (records, table, chunks cut anywhere), 0 and 2 workers', async () => {
    await fc.assert(fc.asyncProperty(arbCase, arbCuts, checkCase), { numRuns: NUM_RUNS });
  });

  it('on larger event sets split across shards', async () => {
    await fc.assert(fc.asyncProperty(arbLargeCase, arbCuts, checkCase), { numRuns: Math.ceil(NUM_RUNS / 10) });
  });
});
