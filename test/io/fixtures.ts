/** Writes the same small event set in each format, for the reader tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { table, toArrowIPC } from 'arquero';
import { timestamp, TimeUnit, utf8, float64 } from '@uwdata/flechette';
import { parquetWriteBuffer } from 'hyparquet-writer';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ua-io-'));
}

/** Five events; the expected rows after reading with {@link TYPES}. */
export const EXPECTED = [
  { ts: Date.UTC(2026, 10, 1, 0, 0), workspace_id: '007', application: 'adme', quantity: 3 },
  { ts: Date.UTC(2026, 10, 1, 1, 30), workspace_id: '007', application: 'protein_design', quantity: 2.5 },
  { ts: Date.UTC(2026, 10, 2, 12, 0), workspace_id: '042', application: 'adme', quantity: null },
  { ts: Date.UTC(2026, 10, 3, 23, 59, 59, 999), workspace_id: '100', application: null, quantity: 10 },
  { ts: Date.UTC(2026, 10, 4, 8, 0), workspace_id: '007', application: 'adme', quantity: 0 },
];
export const TYPES = { ts: 'time', quantity: 'number' } as const;

const iso = (ms: number) => new Date(ms).toISOString();

export function writeNdjson(dir: string, name = 'events.ndjson'): string {
  const lines = EXPECTED.map((r, i) =>
    // Mix the time forms and leave a key out, as real exports do.
    JSON.stringify(i === 3 ? { ts: r.ts, workspace_id: r.workspace_id, quantity: r.quantity } : { ...r, ts: iso(r.ts) }),
  );
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

export function writeCsv(dir: string, name = 'events.csv'): string {
  const cell = (v: unknown) => (v === null ? '' : String(v));
  const lines = [
    'ts,workspace_id,application,quantity',
    ...EXPECTED.map((r) => [iso(r.ts), r.workspace_id, r.application, r.quantity].map(cell).join(',')),
  ];
  const path = join(dir, name);
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

/** Arrow IPC with a real timestamp column, in record batches of `batchRows`. */
export function writeArrow(dir: string, format: 'file' | 'stream', batchRows = 2): string {
  const t = table({
    ts: EXPECTED.map((r) => new Date(r.ts)),
    workspace_id: EXPECTED.map((r) => r.workspace_id),
    application: EXPECTED.map((r) => r.application),
    quantity: EXPECTED.map((r) => r.quantity),
  });
  const bytes = toArrowIPC(t, {
    format,
    maxBatchRows: batchRows,
    types: { ts: timestamp(TimeUnit.MILLISECOND), workspace_id: utf8(), application: utf8(), quantity: float64() },
  });
  const path = join(dir, format === 'file' ? 'events.arrow' : 'events.arrows');
  writeFileSync(path, bytes);
  return path;
}

/** Parquet with ts as INT64 epoch ms (BigInt when read back), in row groups of `groupRows`. */
export function writeParquet(dir: string, groupRows = 2): string {
  const buffer = parquetWriteBuffer({
    rowGroupSize: groupRows,
    columnData: [
      { name: 'ts', data: EXPECTED.map((r) => BigInt(r.ts)), type: 'INT64' },
      { name: 'workspace_id', data: EXPECTED.map((r) => r.workspace_id), type: 'STRING' },
      { name: 'application', data: EXPECTED.map((r) => r.application), type: 'STRING' },
      { name: 'quantity', data: EXPECTED.map((r) => r.quantity), type: 'DOUBLE' },
    ],
  });
  const path = join(dir, 'events.parquet');
  writeFileSync(path, new Uint8Array(buffer));
  return path;
}
