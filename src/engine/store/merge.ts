/**
 * Merging parts, in the manner of ClickHouse's MergeTree: adjacent parts (in arrival order) are
 * merged k-way by (time, arrival) into one, so the part count stays small however many batches
 * were appended. Only neighbours are merged, so every part still holds one contiguous stretch of
 * arrivals and "an earlier part's rows first" keeps meaning "earlier arrival first" on equal
 * instants. Rows are copied run by run (./runs.ts): parts that do not interleave in time merge by
 * whole-array copies.
 *
 * The policy is a binary counter: after an append the newest two parts are merged while the
 * older is at most twice the newer, so each event is copied about log2(events appended / batch
 * size) times in all, and the part count stays logarithmic.
 */
import { sharedBuffer } from '../buffers.ts';
import { rowRuns } from '../runs.ts';
import type { ColumnSpec } from './append.ts';
import type { NonNumeric, Part, PartColumn } from './part.ts';

const ALL = Float64Array.of(-Infinity, Infinity);

/** Parts (adjacent, in arrival order) → one part, rows in (time, arrival) order. */
export function mergeParts(parts: Part[], schema: Map<string, ColumnSpec>): Part {
  const times = parts.map((p) => p.time);
  const runs = rowRuns(
    times,
    ALL,
    parts.map(() => 0),
    parts.map((p) => p.n),
  );
  const n = runs.rowStart[1];
  const R = runs.runStart[1];
  const copy = <T extends Float64Array | Int32Array>(out: T, source: (p: number) => T | null, fill: number): T => {
    for (let r = 0, at = 0; r < R; r++) {
      const p = runs.runPart[r],
        a = runs.runFrom[r],
        e = runs.runTo[r];
      const src = source(p);
      if (src) out.set(src.subarray(a, e), at);
      else out.fill(fill, at, at + e - a);
      at += e - a;
    }
    return out;
  };
  const time = copy(new Float64Array(sharedBuffer(n * 8)), (p) => times[p], 0);
  const columns = new Map<string, PartColumn>();
  const names = new Set<string>();
  for (const p of parts) for (const name of p.columns.keys()) names.add(name);
  for (const name of names) {
    const spec = schema.get(name)!;
    if (spec.kind === 'number') {
      const values = copy(
        new Float64Array(sharedBuffer(n * 8)),
        (p) => {
          const c = parts[p].columns.get(name);
          return c?.kind === 'number' ? c.values : null;
        },
        NaN,
      );
      columns.set(name, { kind: 'number', values });
    } else {
      let nonNumeric: NonNumeric | null = null;
      const codes = copy(
        new Int32Array(sharedBuffer(n * 4)),
        (p) => {
          const c = parts[p].columns.get(name);
          if (c?.kind !== 'dict') return null;
          if (c.nonNumeric && (!nonNumeric || c.nonNumeric.row < nonNumeric.row)) nonNumeric = c.nonNumeric;
          return c.codes;
        },
        spec.dict.nullCode,
      );
      columns.set(name, { kind: 'dict', codes, dict: spec.dict.values, nonNumeric });
    }
  }
  return { n, firstSeq: parts[0].firstSeq, time, columns };
}

/** How many of the newest parts the policy merges now (0 or ≥ 2). */
export function partsToMerge(parts: Part[]): number {
  let k = 1,
    size = parts.length ? parts[parts.length - 1].n : 0;
  while (k < parts.length && parts[parts.length - 1 - k].n <= 2 * size) {
    size += parts[parts.length - 1 - k].n;
    k++;
  }
  return k >= 2 ? k : 0;
}
