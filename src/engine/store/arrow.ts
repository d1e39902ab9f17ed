/**
 * Dictionary-encoded Arrow columns → a chunk column straight from the dictionary keys, without
 * a JS value per row: the few distinct values are mapped onto codes once, then the keys are
 * remapped. Two shapes are read:
 * - a flechette vector (an arquero table built from Arrow columns): per record batch, its
 *   dictionary, its keys and its validity bitmap;
 * - the wrapper arquero's `fromArrow` puts around such a vector, through its `groups()` keys —
 *   only when the column has no nulls, since arquero numbers the null keys of a multi-batch
 *   column wrongly (its own `array()` then disagrees with the vector; the vector's `toArray()`,
 *   which the general path reads, is right).
 */
import { sharedBuffer } from '../buffers.ts';
import type { DictChunkColumn } from './chunk.ts';

interface DictionaryBatch {
  length: number;
  nullCount: number;
  validity?: Uint8Array | null;
  values: ArrayLike<number>;
  cache: ArrayLike<unknown>;
}

interface ArqueroArrowDictionary {
  length: number;
  nullCount: number;
  keyFor: unknown;
  groups(names: string[]): { keys: ArrayLike<number>; get: ((key: number) => unknown)[]; size: number };
}

export type ArrowDictionaryColumn =
  | { kind: 'vector'; length: number; data: DictionaryBatch[] }
  | { kind: 'arquero'; column: ArqueroArrowDictionary };

/** The column as a dictionary Arrow vector that can be read from its keys, or null. */
export function asArrowDictionary(column: unknown): ArrowDictionaryColumn | null {
  if (!column || typeof column !== 'object' || Array.isArray(column) || ArrayBuffer.isView(column)) return null;
  const c = column as { type?: { typeId?: number }; data?: unknown; length?: number } & Partial<ArqueroArrowDictionary>;
  if (
    c.type?.typeId === -1 &&
    Array.isArray(c.data) &&
    c.data.every(
      (b: Partial<DictionaryBatch>) => ArrayBuffer.isView(b?.values) && b.cache !== undefined && typeof b.length === 'number',
    )
  ) {
    return { kind: 'vector', length: c.length!, data: c.data as DictionaryBatch[] };
  }
  if (typeof c.groups === 'function' && typeof c.keyFor === 'function' && c.nullCount === 0) {
    return { kind: 'arquero', column: c as ArqueroArrowDictionary };
  }
  return null;
}

/** Maps dictionary entries onto the column's codes (null, undefined and NaN → -1). */
function remapEntries(size: number, at: (k: number) => unknown, map: Map<unknown, number>, dict: unknown[]): Int32Array {
  const remap = new Int32Array(size);
  for (let k = 0; k < size; k++) {
    const v = at(k);
    if (v === null || v === undefined || v !== v) {
      remap[k] = -1;
      continue;
    }
    let c = map.get(v);
    if (c === undefined) {
      c = dict.length;
      map.set(v, c);
      dict.push(v);
    }
    remap[k] = c;
  }
  return remap;
}

// Codes follow dictionary order, not first sight: the store then ranks values by value, and an
// Arrow dictionary holds strings or numbers, which never tie.
export function encodeArrowDictionary(source: ArrowDictionaryColumn, name: string): DictChunkColumn {
  const map = new Map<unknown, number>();
  const dict: unknown[] = [];
  if (source.kind === 'arquero') {
    const { keys, get, size } = source.column.groups([name]);
    const remap = remapEntries(size, get[0], map, dict);
    const codes = new Int32Array(sharedBuffer(source.column.length * 4));
    for (let i = 0; i < codes.length; i++) codes[i] = remap[keys[i]];
    return { kind: 'dict', codes, dict };
  }
  const codes = new Int32Array(sharedBuffer(source.length * 4));
  let at = 0;
  for (const batch of source.data) {
    const entries = batch.cache;
    const remap = remapEntries(entries.length, (k) => entries[k], map, dict);
    const keys = batch.values,
      n = batch.length,
      validity = batch.nullCount > 0 ? batch.validity : null;
    if (validity) {
      for (let i = 0; i < n; i++) codes[at + i] = (validity[i >> 3] & (1 << (i & 7))) !== 0 ? remap[keys[i]] : -1;
    } else {
      for (let i = 0; i < n; i++) codes[at + i] = remap[keys[i]];
    }
    at += n;
  }
  return { kind: 'dict', codes, dict };
}
