/** Reads scans and today's table reader into comparable rows, for the scanner tests. */
import { afterAll, beforeAll } from 'vitest';
import { startPool, type Pool } from '../../../src/engine/parallel/pool.ts';
import type { ColumnChunk } from '../../../src/engine/store/chunk.ts';
import { readEvents, type ColumnType } from '../../../src/io/index.ts';
import { scanEvents, type ScanOptions } from '../../../src/io/scan/index.ts';
import type { ScanInput } from '../../../src/io/scan/input.ts';

export interface Outcome {
  rows: Record<string, unknown>[];
  skipped: number;
  invalid: string[];
  error: string | null;
}

/** Chunk rows as objects: every column named in any chunk, null where a chunk lacks it. */
export function chunkRows(chunks: ColumnChunk[], time: string): Record<string, unknown>[] {
  const names = new Set<string>();
  for (const c of chunks) for (const name of c.columns.keys()) names.add(name);
  const rows: Record<string, unknown>[] = [];
  for (const c of chunks) {
    for (let i = 0; i < c.n; i++) {
      const row: Record<string, unknown> = { [time]: c.time[i] };
      for (const name of names) {
        const col = c.columns.get(name);
        if (!col) row[name] = null;
        else if (col.kind === 'number') row[name] = Number.isNaN(col.values[i]) ? null : col.values[i];
        else row[name] = col.codes[i] < 0 ? null : col.dict[col.codes[i]];
      }
      rows.push(row);
    }
  }
  return rows;
}

export async function scanOutcome(input: ScanInput, options: ScanOptions): Promise<Outcome> {
  const invalid: string[] = [];
  const { chunks, summary } = scanEvents(input, { ...options, onInvalid: (e) => invalid.push(e.message) });
  const got: ColumnChunk[] = [];
  try {
    for await (const c of chunks) got.push(c);
  } catch (e) {
    return { rows: [], skipped: 0, invalid, error: (e as Error).message };
  }
  const s = await summary;
  const rows = chunkRows(got, options.time);
  if (s.rows !== rows.length) throw new Error(`summary says ${s.rows} rows, chunks hold ${rows.length}`);
  return { rows, skipped: s.skipped, invalid, error: null };
}

/** The same file through today's arquero reader. */
export async function readOutcome(
  path: string,
  time: string,
  types: Record<string, ColumnType>,
  skipInvalid: boolean,
): Promise<Outcome> {
  const invalid: string[] = [];
  try {
    const { table, skipped } = await readEvents(path, {
      types: { ...types, [time]: 'time' },
      skipInvalid,
      onInvalid: (e) => invalid.push(e.message),
    });
    const rows = (table.objects() as Record<string, unknown>[]).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? null])),
    );
    return { rows, skipped, invalid, error: null };
  } catch (e) {
    return { rows: [], skipped: 0, invalid, error: (e as Error).message };
  }
}

/**
 * Rows with their keys sorted and the columns that hold something in any row, so column order,
 * absent columns and all-null columns compare equal (a chunk leaves out a column it has no value for).
 */
export function normalize(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const all = new Set<string>();
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (v !== null && v !== undefined) all.add(k);
  const keys = [...all].sort();
  return rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null])));
}

/**
 * Two worker threads for a test file: started before its tests and closed after them.
 * `shared.pool` is null where threads cannot start (the scans then run inline).
 */
export function useThreadPool(): { pool: Pool | null } {
  const shared: { pool: Pool | null } = { pool: null };
  beforeAll(async () => {
    const started = await startPool(2, { taskTimeoutMs: 60_000 });
    shared.pool = 'error' in started ? null : started;
  });
  afterAll(async () => {
    await shared.pool?.close();
  });
  return shared;
}
