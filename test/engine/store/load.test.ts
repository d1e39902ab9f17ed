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
import { encodeColumn, encodeTimes } from '../../../src/engine/store/columns.ts';
import type { ColumnChunk } from '../../../src/engine/store/chunk.ts';
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

/** Hand-made chunks: the records cut at the given row counts, each encoded on its own. */
export function chunksOf(records: EventRow[], cuts: number[], time = 'ts'): ColumnChunk[] {
  const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, records.length)), records.length])].sort((a, b) => a - b);
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((c) => c !== time);
  return bounds.slice(1).map((end, k) => {
    const slice = records.slice(bounds[k], end);
    const columns = new Map(names.filter((c) => slice.some((r) => c in r)).map((c) => [c, encodeColumn({ records: slice, key: c }, slice.length)]));
    return { n: slice.length, time: encodeTimes({ records: slice, key: time }, slice.length, time, bounds[k]), columns };
  });
}

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
