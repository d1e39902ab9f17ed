/**
 * events.release(): the events' rows are gone afterwards (every read throws a QueryError), their
 * count and column names stay; arrays the load made for the events alone (a file's chunks, still
 * in arrival order) are handed to the engine's discard to be freed on a thread, and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type LocalEngine } from '../../../src/engine/engine.ts';
import { readChunks } from '../../../src/engine/store/load.ts';
import { LoadedEvents } from '../../../src/engine/store/events.ts';
import type { ColumnChunk } from '../../../src/engine/store/chunk.ts';
import type { Query } from '../../../src/engine/types.ts';
import { QueryError } from '../../../src/index.ts';
import { chunksOf } from './chunks.ts';

const RECORDS = [
  { ts: '2026-03-08T06:30:00Z', app: 'adme', quantity: 3 },
  { ts: '2026-03-09T01:00:00Z', app: 'bolt', quantity: 2 },
  { ts: '2026-03-08T07:00:00Z', app: 'adme', quantity: 5 },
  { ts: '2026-03-10T12:00:00Z', app: 'bolt', quantity: 1 },
];
const QUERY: Query = { time: 'ts', window: 'day', groupBy: ['app'], measures: { q: { op: 'sum', column: 'quantity' } } };

let engine: LocalEngine;
beforeAll(() => {
  engine = createEngine({ workers: 0 });
});
afterAll(async () => {
  await engine.close();
});

/** A chunk with its arrays in plain memory, as a scan task makes them (the store's encoders share theirs). */
function plain(c: ColumnChunk): ColumnChunk {
  const columns = new Map(
    [...c.columns].map(([name, col]) => [
      name,
      col.kind === 'number' ? { ...col, values: Float64Array.from(col.values) } : { ...col, codes: Int32Array.from(col.codes) },
    ]),
  );
  return { ...c, time: Float64Array.from(c.time), columns };
}

/** Events over the records cut in two chunks, loaded in `order`, with a discard that records what it is handed. */
async function loaded(order: 'arrival' | 'time') {
  const chunks = chunksOf(RECORDS, [2]).map(plain);
  const made = new Set<ArrayBufferLike>();
  for (const c of chunks) {
    made.add(c.time.buffer);
    for (const col of (c as ColumnChunk).columns.values()) made.add(col.kind === 'number' ? col.values.buffer : col.codes.buffer);
  }
  const handed: ArrayBuffer[][] = [];
  const batch = await readChunks(chunks, 'ts', { dedup: null, firstSeq: 0, order });
  const events = new LoadedEvents(batch, 'ts', null, (buffers) => handed.push(buffers));
  return { events, made, handed };
}

describe('events.release()', () => {
  it("after the first query over a file in arrival order: hands its chunks' arrays to discard, then every read throws", async () => {
    const { events, made, handed } = await loaded('arrival');
    const before = (await engine.aggregate(events, QUERY)).objects();
    expect(before).toEqual([
      { window_start: Date.UTC(2026, 2, 8), window_end: Date.UTC(2026, 2, 9), app: 'adme', q: 8 },
      { window_start: Date.UTC(2026, 2, 9), window_end: Date.UTC(2026, 2, 10), app: 'bolt', q: 2 },
      { window_start: Date.UTC(2026, 2, 10), window_end: Date.UTC(2026, 2, 11), app: 'bolt', q: 1 },
    ]);
    await events.release();
    expect(handed).toHaveLength(1);
    expect(new Set(handed[0])).toEqual(made);
    const released = (f: () => unknown) => expect(f).toThrow(/these events were released/);
    await expect(engine.aggregate(events, QUERY)).rejects.toThrow(QueryError);
    await expect(engine.aggregate(events, QUERY)).rejects.toThrow(/these events were released/);
    released(() => events.toArquero());
    released(() => events.values('app'));
    released(() => events.storeBytes());
    // What was loaded is still told.
    expect(events.numRows()).toBe(4);
    expect(events.columnNames()).toEqual(['ts', 'app', 'quantity']);
    // A second release does nothing more.
    await events.release();
    expect(handed).toHaveLength(1);
  });

  it('sorted events (a time-ordered load) hand nothing over: their arrays may be shared; reads still throw', async () => {
    const { events, handed } = await loaded('time');
    await events.release();
    expect(handed).toEqual([]);
    await expect(engine.aggregate(events, QUERY)).rejects.toThrow(/these events were released/);
  });

  it('events of a file loaded by the engine: release, then queries and appends reject', async () => {
    const events = await engine.load(RECORDS, { time: 'ts' });
    await events.release();
    await expect(engine.aggregate(events, QUERY)).rejects.toThrow(/these events were released/);
    await expect(events.append([RECORDS[0]])).rejects.toThrow(/these events were released/);
  });
});
