/**
 * Events → the encoded columns the kernel reads: instants as a time-sorted Float64Array,
 * dimensions as integer dictionary codes, numeric measures as Float64Array with NaN for null.
 * Every encoded array lives in a SharedArrayBuffer (where the runtime has one) so shards reach
 * workers without a copy.
 *
 * Events loaded with `engine.load` already are in this form (./store/). An arquero table or an
 * array of records is encoded on demand and cached per events object and time column: the
 * second query on the same events pays no encoding, and each column is encoded the first time
 * a query needs it.
 */
import type { ColumnTable } from 'arquero';
import { QueryError } from '../errors.ts';
import { sharedBuffer } from './buffers.ts';
import { isLoadedEvents, type LoadedEvents } from './store/events.ts';
import { lazyEncoded, memoryColumns, type MemoryColumns } from './store/memory.ts';
import type { EventRecords } from './types.ts';

export { describeValue } from './store/columns.ts';

/**
 * A dimension: each part's codes in time order; `dict[code]` is a code's value, and `nullCode`
 * stands for null (its `dict` entry, if any, is unused). Codes run from 0 to `dict.length`.
 * Events loaded at once have their codes in value order with null last (`order` null); codes a
 * dictionary gained later come after, so then `order()` lists every code in value order, null
 * after the values.
 */
export interface DimColumn {
  codes: Int32Array[];
  dict: unknown[];
  nullCode: number;
  /** Every code 0…`dict.length` in result order, or null when that is code order. */
  order(): Int32Array | null;
}

/**
 * Events as one or more parts, each in time order, with per-column encodings built on demand.
 * Parts are in arrival order: on equal instants, an earlier part's rows come first (./runs.ts).
 */
export interface Encoded {
  n: number;
  times: Float64Array[];
  dim(column: string): DimColumn;
  /** Each part's numbers in time order (NaN = null), or the first row (arrival order) holding something else. */
  num(column: string): Float64Array[] | { badRow: number; value: unknown };
  hasColumn(column: string): boolean;
}

export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(sharedBuffer(n * 8));
}

export function sharedInt32(n: number): Int32Array {
  return new Int32Array(sharedBuffer(n * 4));
}

const cache = new WeakMap<object, { raw: MemoryColumns; byTime: Map<string, Encoded> }>();

/**
 * The encoded, time-sorted view of `events` for `timeColumn`, built once and cached.
 * @throws QueryError when the time column is missing or holds a value that is not an instant.
 */
export function encode(events: ColumnTable | EventRecords | LoadedEvents, timeColumn: string): Encoded {
  if (isLoadedEvents(events)) return events.encoded(timeColumn);
  let entry = cache.get(events);
  if (!entry) cache.set(events, (entry = { raw: memoryColumns(events), byTime: new Map() }));
  let enc = entry.byTime.get(timeColumn);
  if (!enc) {
    if (!entry.raw.has(timeColumn)) throw new QueryError([{ path: ['time'], message: `unknown column '${timeColumn}'` }]);
    entry.byTime.set(timeColumn, (enc = lazyEncoded(entry.raw, timeColumn)));
  }
  return enc;
}
