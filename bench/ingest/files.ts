/**
 * Seeded Boltz-shaped event files for the ingest benchmark, cached by size and format:
 * `ts` an ISO string (ms precision, over 30 days), `workspace_id` one of 1,000, `application` one
 * of 6, `quantity` an integer 1–100. NDJSON and CSV are written as text; Parquet by DuckDB from
 * the CSV with its defaults (row groups of 122,880 rows, `ts` kept as text, `quantity` INT32);
 * Arrow IPC (stream format, utf8 and int32 columns, record batches of 131,072 rows) with
 * flechette, a million rows at a time.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { int32, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';

export type IngestFormat = 'ndjson' | 'csv' | 'parquet' | 'arrow';
const APPS = ['adme', 'protein_design', 'docking', 'folding', 'binding', 'admet'];
const START = Date.UTC(2026, 9, 1);
const SPAN = 30 * 86_400_000;
const BATCH = 1 << 20;
const ARROW_BATCH = 1 << 17;

/** mulberry32: small, fast, and the same sequence everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Batch {
  ts: string[];
  workspace_id: string[];
  application: string[];
  quantity: number[];
}

function* batches(n: number): Generator<Batch> {
  const rnd = random(20261130);
  for (let at = 0; at < n; at += BATCH) {
    const size = Math.min(BATCH, n - at);
    const b: Batch = {
      ts: new Array(size),
      workspace_id: new Array(size),
      application: new Array(size),
      quantity: new Array(size),
    };
    for (let i = 0; i < size; i++) {
      b.ts[i] = new Date(START + Math.floor(rnd() * SPAN)).toISOString();
      b.workspace_id[i] = `ws_${Math.floor(rnd() * 1000)}`;
      b.application[i] = APPS[Math.floor(rnd() * APPS.length)];
      b.quantity[i] = 1 + Math.floor(rnd() * 100);
    }
    yield b;
  }
}

async function writeText(path: string, n: number, format: 'ndjson' | 'csv'): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) => new Promise<void>((resolve, reject) => out.write(text, (e) => (e ? reject(e) : resolve())));
  if (format === 'csv') await write('ts,workspace_id,application,quantity\n');
  for (const b of batches(n)) {
    const lines = new Array<string>(b.ts.length);
    for (let i = 0; i < lines.length; i++) {
      lines[i] =
        format === 'csv'
          ? `${b.ts[i]},${b.workspace_id[i]},${b.application[i]},${b.quantity[i]}`
          : `{"ts":"${b.ts[i]}","workspace_id":"${b.workspace_id[i]}","application":"${b.application[i]}","quantity":${b.quantity[i]}}`;
    }
    await write(lines.join('\n') + '\n');
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

async function writeParquet(path: string, csv: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await instance.connect();
  await con.run(`COPY (SELECT * FROM read_csv('${csv}', header = true,
      columns = { 'ts': 'VARCHAR', 'workspace_id': 'VARCHAR', 'application': 'VARCHAR', 'quantity': 'INTEGER' }))
    TO '${path}' (FORMAT parquet)`);
  con.closeSync();
  instance.closeSync();
}

async function writeArrow(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (bytes: Uint8Array) =>
    new Promise<void>((resolve, reject) => out.write(bytes, (e) => (e ? reject(e) : resolve())));
  let first = true;
  for (const b of batches(n)) {
    const table = tableFromArrays(
      { ts: b.ts, workspace_id: b.workspace_id, application: b.application, quantity: b.quantity },
      { types: { ts: utf8(), workspace_id: utf8(), application: utf8(), quantity: int32() }, maxBatchRows: ARROW_BATCH },
    );
    const bytes = tableToIPC(table, { format: 'stream' })!;
    // A stream is the schema, the batches and an end marker (8 bytes): keep the schema once, the marker at the end.
    const schemaLength = 8 + new DataView(bytes.buffer, bytes.byteOffset).getInt32(4, true);
    await write(bytes.subarray(first ? 0 : schemaLength, bytes.length - 8));
    first = false;
  }
  await write(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]));
  await new Promise<void>((resolve) => out.end(resolve));
}

/** The path of the cached file, written first if it is not there. */
export async function ingestFile(dir: string, n: number, format: IngestFormat): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const ext = format === 'arrow' ? 'arrows' : format;
  const path = join(dir, `boltz-${n}.${ext}`);
  if (existsSync(path)) return path;
  const tmp = `${path}.tmp`;
  if (format === 'ndjson' || format === 'csv') await writeText(tmp, n, format);
  else if (format === 'parquet') await writeParquet(tmp, await ingestFile(dir, n, 'csv'));
  else await writeArrow(tmp, n);
  renameSync(tmp, path);
  return path;
}
