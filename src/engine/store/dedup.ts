/**
 * Deduplication by key (`dedupBy`): one event per key across a load and every later append,
 * the first arrival kept. The keys seen are a Set per events object, checked as each chunk
 * arrives, before the chunk becomes part of a part; a duplicate is dropped and counted, never
 * merged into anything. An event whose key has a null component has no identity and is kept.
 */
import { sharedBuffer } from '../buffers.ts';
import type { ChunkColumn, ColumnChunk } from './chunk.ts';

export interface Dedup {
  /** The key columns. */
  by: string[];
  /** Keys kept so far: the value itself for one key column, a tagged composite for several. */
  seen: Set<unknown>;
}

function reader(chunk: ColumnChunk, column: string, time: string): (i: number) => unknown {
  if (column === time) return (i) => chunk.time[i];
  const col = chunk.columns.get(column);
  if (!col) return () => null;
  if (col.kind === 'number') return (i) => (col.values[i] === col.values[i] ? col.values[i] : null);
  return (i) => (col.codes[i] < 0 ? null : col.dict[col.codes[i]]);
}

function compact(col: ChunkColumn, keep: Uint8Array, m: number): ChunkColumn {
  if (col.kind === 'number') {
    const values = new Float64Array(sharedBuffer(m * 8));
    for (let i = 0, k = 0; i < keep.length; i++) if (keep[i]) values[k++] = col.values[i];
    return { kind: 'number', values };
  }
  const codes = new Int32Array(sharedBuffer(m * 4));
  for (let i = 0, k = 0; i < keep.length; i++) if (keep[i]) codes[k++] = col.codes[i];
  return { kind: 'dict', codes, dict: col.dict };
}

/** The chunk without rows whose key was seen before (in order); `seen` learns the new keys. */
export function dedupChunk(chunk: ColumnChunk, dedup: Dedup, time: string): { chunk: ColumnChunk; duplicates: number } {
  const reads = dedup.by.map((c) => reader(chunk, c, time));
  const keep = new Uint8Array(chunk.n);
  let duplicates = 0;
  for (let i = 0; i < chunk.n; i++) {
    let key: unknown;
    if (reads.length === 1) key = reads[0](i);
    else {
      const parts = reads.map((r) => r(i));
      key = parts.some((v) => v === null) ? null : parts.map((v) => `${typeof v}:${String(v)}`).join('\u0001');
    }
    if (key === null) {
      keep[i] = 1;
      continue;
    }
    if (dedup.seen.has(key)) {
      duplicates++;
      continue;
    }
    dedup.seen.add(key);
    keep[i] = 1;
  }
  if (duplicates === 0) return { chunk, duplicates };
  const m = chunk.n - duplicates;
  const time2 = new Float64Array(sharedBuffer(m * 8));
  for (let i = 0, k = 0; i < chunk.n; i++) if (keep[i]) time2[k++] = chunk.time[i];
  const columns = new Map([...chunk.columns].map(([name, col]) => [name, compact(col, keep, m)]));
  return { chunk: { n: m, time: time2, columns }, duplicates };
}
