/**
 * Events in arrival order: what a file or stream load holds until something needs time order
 * (see `LoadedEvents`). Each chunk becomes a part of its own without a row moving: its times and
 * numbers stay the chunk's arrays, and its dictionary codes are rewritten in place into one
 * dictionary per column in value order, the one the part builder (./part.ts) would build. The
 * first query may read these parts as they are (../execute-arrival.ts); {@link sortParts} makes
 * them the one time-ordered part a load otherwise builds, equal array for array.
 *
 * Putting 5M rows end to end into one part took about as long as the one query over them that
 * followed; leaving them where the scanners put them costs one pass over the codes.
 */
import { sharedBuffer } from '../buffers.ts';
import { sortTimes } from '../sort.ts';
import type { ColumnChunk } from './chunk.ts';
import {
  firstNonNumeric,
  gatherNumbers,
  mergeDicts,
  numbersAsDict,
  type NonNumeric,
  type Part,
  type PartColumn,
  type Placement,
} from './part.ts';

/**
 * Chunks in input order → one part per chunk (rows in arrival order), sharing each column's
 * dictionary. The chunks are consumed: their code arrays become the parts'.
 */
export function arrivalParts(chunks: ColumnChunk[], firstSeq = 0): Part[] {
  const bases: number[] = [];
  let n = 0;
  for (const c of chunks) {
    bases.push(n);
    n += c.n;
  }
  const parts: Part[] = chunks.map((c, k) => ({
    n: c.n,
    firstSeq: firstSeq + bases[k],
    time: c.time.length === c.n ? c.time : c.time.subarray(0, c.n),
    columns: new Map(),
    ...(c.stats ? { stats: c.stats } : {}),
  }));
  const names: string[] = [];
  for (const c of chunks) for (const name of c.columns.keys()) if (!names.includes(name)) names.push(name);
  for (const name of names) {
    const cols = chunks.map((c) => c.columns.get(name));
    if (cols.every((col) => !col || col.kind === 'number')) {
      cols.forEach((col, k) => {
        if (col?.kind === 'number') parts[k].columns.set(name, { kind: 'number', values: col.values.subarray(0, chunks[k].n) });
      });
      continue;
    }
    const locals = cols.map((col, k) => (!col ? null : col.kind === 'dict' ? col : numbersAsDict(col.values, chunks[k].n)));
    const { dict, remaps } = mergeDicts(locals);
    let nonNumeric: NonNumeric | null = null;
    locals.forEach((l, k) => {
      if (!l) return;
      const m = chunks[k].n;
      nonNumeric ??= firstNonNumeric(l.codes, l.dict, m, bases[k]);
      const codes = l.codes,
        remap = remaps[k];
      for (let j = 0; j < m; j++) codes[j] = remap[codes[j] + 1];
      parts[k].columns.set(name, { kind: 'dict', codes: codes.subarray(0, m), dict, nonNumeric: null });
    });
    // Every part carries the column's first non-numeric row, as the one part built at once would.
    for (const p of parts) {
      const col = p.columns.get(name);
      if (col?.kind === 'dict') col.nonNumeric = nonNumeric;
    }
  }
  for (const c of chunks) c.columns.clear();
  return parts;
}

/**
 * Parts from {@link arrivalParts} → one part in (time, arrival) order, as the part builder makes
 * it from the same chunks. The parts are spent: each column is dropped from them once placed.
 */
export function sortParts(parts: Part[]): Part {
  const n = parts.reduce((s, p) => s + p.n, 0);
  const bases: number[] = [];
  const times = new Float64Array(sharedBuffer(n * 8));
  let at = 0;
  for (const p of parts) {
    bases.push(at);
    times.set(p.time, at);
    at += p.n;
    p.time = new Float64Array(0);
  }
  const sorted = sortTimes(times, true);
  const place: Placement = { n, bases, inv: sorted.inv };
  let spareKeys = sorted.spare?.keys ?? null;
  let spareRows = sorted.spare?.rows ?? null;
  const names: string[] = [];
  for (const p of parts) for (const name of p.columns.keys()) if (!names.includes(name)) names.push(name);
  const columns = new Map<string, PartColumn>();
  for (const name of names) {
    const cols = parts.map((p) => p.columns.get(name));
    const first = cols.find((c) => c !== undefined)!;
    if (first.kind === 'number') {
      columns.set(name, gatherNumbers(cols as ({ kind: 'number'; values: Float64Array } | undefined)[], place, spareKeys));
      spareKeys = null;
    } else {
      const out = spareRows ? new Int32Array(spareRows.buffer, spareRows.byteOffset, n) : new Int32Array(sharedBuffer(n * 4));
      spareRows = null;
      const nullCode = first.dict.length;
      const inv = place.inv;
      cols.forEach((col, k) => {
        const base = bases[k],
          m = parts[k].n;
        const codes = col?.kind === 'dict' ? col.codes : null;
        if (inv && codes) for (let j = 0; j < m; j++) out[inv[base + j]] = codes[j];
        else if (inv) for (let j = 0; j < m; j++) out[inv[base + j]] = nullCode;
        else if (codes) out.set(codes, base);
        else out.fill(nullCode, base, base + m);
      });
      columns.set(name, { kind: 'dict', codes: out, dict: first.dict, nonNumeric: first.nonNumeric });
    }
    for (const p of parts) p.columns.delete(name);
  }
  return { n, firstSeq: parts[0]?.firstSeq ?? 0, time: sorted.time, columns };
}
