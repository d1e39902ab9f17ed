/**
 * The load workload: the same in-memory records loaded by the engine (`engine.load`, cold: a
 * fresh store each run) and by DuckDB's appender (a fresh table each run), in the same process,
 * plus the engine's load of an arquero table and the store's resident size per event.
 */
import * as aq from 'arquero';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DuckDBInstance } from '@duckdb/node-api';
import type { LocalEngine } from '../src/index.ts';
import type { BenchEvents } from './data.ts';
import { median, time } from './stats.ts';

export interface LoadFigures {
  n: number;
  runs: number;
  /** engine.load(records), ms (median). */
  records: number;
  /** engine.load(arquero table), ms (median). */
  table: number;
  /** DuckDB appender, same records, ms (median). */
  duck: number;
  /** Bytes of the store's arrays per event (time index included). */
  storeBytesPerEvent: number;
  /** RSS growth per event from before the load to after it, garbage collected both times. */
  rssBytesPerEvent: number;
  /** Growth of the process's ArrayBuffer and SharedArrayBuffer memory per event, same moments. */
  bufferBytesPerEvent: number;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Records as an application holds them: ISO time strings, string ids, a number. */
export function boltzRecords(ev: BenchEvents): Record<string, unknown>[] {
  const out = new Array<Record<string, unknown>>(ev.n);
  for (let i = 0; i < ev.n; i++) {
    out[i] = {
      ts: new Date(ev.ts[i]).toISOString(),
      workspace_id: ev.workspace[i],
      application: ev.application[i],
      quantity: ev.quantity[i],
    };
  }
  return out;
}

/**
 * A collection, and time for the buffers it freed to go: V8 frees array buffers' memory on a
 * background task after a collection, so reading memory right after `gc()` counts some garbage
 * (measured: 44 bytes/event of buffers right after a load, 24 half a second later).
 */
async function settle(): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 300));
  gc();
}

async function duckLoad(records: Record<string, unknown>[]): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await instance.connect();
  await con.run('CREATE TABLE ev (ts TIMESTAMPTZ, workspace_id VARCHAR, application VARCHAR, quantity DOUBLE)');
  const { ms } = await time(async () => {
    const a = await con.createAppender('ev');
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      a.appendVarchar(r.ts as string);
      a.appendVarchar(r.workspace_id as string);
      a.appendVarchar(r.application as string);
      a.appendDouble(r.quantity as number);
      a.endRow();
    }
    a.closeSync();
  });
  con.closeSync();
  instance.closeSync();
  return ms;
}

export async function loadWorkload(
  engine: LocalEngine,
  ev: BenchEvents,
  runs: number,
  log: (s: string) => void,
): Promise<LoadFigures> {
  log('LOAD: building records…');
  const records = boltzRecords(ev);
  const table = aq.table({ ts: ev.ts, workspace_id: ev.workspace, application: ev.application, quantity: ev.quantity });
  const engineMs: number[] = [],
    tableMs: number[] = [],
    duckMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    log(`LOAD: run ${r + 1} of ${runs}…`);
    gc();
    engineMs.push((await time(() => engine.load(records))).ms);
    gc();
    tableMs.push((await time(() => engine.load(table))).ms);
    gc();
    duckMs.push(await duckLoad(records));
  }
  await settle();
  const before = process.memoryUsage();
  const events = await engine.load(records);
  await settle();
  const after = process.memoryUsage();
  return {
    n: ev.n,
    runs,
    records: median(engineMs),
    table: median(tableMs),
    duck: median(duckMs),
    storeBytesPerEvent: events.storeBytes() / ev.n,
    rssBytesPerEvent: (after.rss - before.rss) / ev.n,
    bufferBytesPerEvent: (after.arrayBuffers - before.arrayBuffers) / ev.n,
  };
}
