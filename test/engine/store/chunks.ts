/** Hand-made column chunks for the store tests: records cut anywhere, each piece encoded on its own. */
import { encodeColumn, encodeTimes } from '../../../src/engine/store/columns.ts';
import type { ColumnChunk } from '../../../src/engine/store/chunk.ts';
import type { EventRow } from '../arbitraries.ts';

/** Hand-made chunks: the records cut at the given row counts, each encoded on its own. */
export function chunksOf(records: EventRow[], cuts: number[], time = 'ts'): ColumnChunk[] {
  const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, records.length)), records.length])].sort((a, b) => a - b);
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((c) => c !== time);
  return bounds.slice(1).map((end, k) => {
    const slice = records.slice(bounds[k], end);
    const columns = new Map(
      names.filter((c) => slice.some((r) => c in r)).map((c) => [c, encodeColumn({ records: slice, key: c }, slice.length)]),
    );
    return { n: slice.length, time: encodeTimes({ records: slice, key: time }, slice.length, time, bounds[k]), columns };
  });
}
