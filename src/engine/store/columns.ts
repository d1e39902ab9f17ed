/**
 * Values in memory (an array of records, or one column array of an arquero table) → chunk
 * columns, in input order, one pass per column and nothing allocated per row.
 *
 * The loops are generated per column and compiled once, the way the kernel compiles its row
 * loop: reading `records[i]["workspace_id"]` with the key written into the source lets V8 use
 * an inline cache for the records' shape, where `records[i][name]` with a variable key goes
 * through the generic keyed lookup. Dictionary codes come from ./dict-lookup.ts, with the
 * previous value remembered because event streams repeat values in runs.
 */
import { QueryError } from '../../errors.ts';
import { instantRangeMessage, isInstantMs, MAX_INSTANT_MS, toEpochMs } from '../../time.ts';
import { ISO_NOT_REAL, ISO_OTHER, ISO_WRITTEN, isoUtcInto } from '../../io/iso-utc.ts';
import { sharedBuffer } from '../buffers.ts';
import { encodeArrowDictionary, type ArrowDictionaryColumn } from './arrow.ts';
import type { ChunkColumn } from './chunk.ts';
import { dictLocals, dictLookupSource, newDictState } from './dict-lookup.ts';

/**
 * Where one column's values come from: row i of an array of records, or of a column array; a
 * dictionary-encoded Arrow column is also read from its keys (./arrow.ts).
 */
export type ValueSource =
  | { records: readonly unknown[]; key: string }
  | { values: ArrayLike<unknown>; arrow?: ArrowDictionaryColumn; name?: string };

type Loop<R> = (src: unknown, n: number, ...extra: unknown[]) => R;
const compiled = new Map<string, Loop<unknown>>();

function readExpr(source: ValueSource): string {
  return 'records' in source ? `src[i]?.[${JSON.stringify(source.key)}]` : 'src[i]';
}

function compile<R>(
  name: string,
  source: ValueSource,
  params: string[],
  body: (read: string) => string,
): (n: number, ...extra: unknown[]) => R {
  const read = readExpr(source);
  const key = `${name}\u0000${read}`;
  let fn = compiled.get(key) as Loop<R> | undefined;
  if (!fn) {
    fn = new Function('src', 'n', ...params, body(read)) as Loop<R>;
    // Generated loops are kept per column key; a bound on them keeps odd inputs from piling up.
    if (compiled.size > 4096) compiled.clear();
    compiled.set(key, fn as Loop<unknown>);
  }
  const src = 'records' in source ? source.records : source.values;
  return (n, ...extra) => fn(src, n, ...extra);
}

/** A value as an error message shows it: JSON where it has one, else its string form. */
export function describeValue(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Codes numbers `values[0, m)` into `codes` in first-seen order, adding new ones to `map` and
 * `dict` (NaN, the null of a number column, is -1): a number column turned into a dictionary one.
 */
export function codeNumbers(
  values: ArrayLike<number>,
  m: number,
  codes: Int32Array,
  map: Map<unknown, number>,
  dict: unknown[],
): void {
  for (let i = 0; i < m; i++) {
    const v = values[i];
    if (v !== v) {
      codes[i] = -1;
      continue;
    }
    let c = map.get(v);
    if (c === undefined) {
      c = dict.length;
      map.set(v, c);
      dict.push(v);
    }
    codes[i] = c;
  }
}

// Arrow int64 columns arrive as BigInt; within ±2^53 they are exact as numbers.
export function fromBigInt(v: bigint): number | null {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Epoch ms from any value the time column accepts (a finite number, a safe BigInt, a Date, an
 * ISO-8601 string with an offset); null when it is none. The result may still lie outside the
 * instants the library accepts (see `isInstantMs`).
 */
export function instantOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return fromBigInt(v);
  return toEpochMs(v);
}

/** The value of row `i` of a source. */
export function readValue(source: ValueSource, i: number): unknown {
  return 'records' in source ? (source.records[i] as Record<string, unknown> | null | undefined)?.[source.key] : source.values[i];
}

/**
 * The time column as epoch ms, in input order and shared memory. Rows that are not instants
 * throw a QueryError naming the first (`events[17]`, `ts`), or with `bad` are collected there
 * (and left as NaN) instead.
 */
export function encodeTimes(source: ValueSource, n: number, column: string, rowBase = 0, bad?: number[]): Float64Array {
  const out = new Float64Array(sharedBuffer(n * 8));
  // The positional ISO parser is the shared parser's own first step, called here directly so
  // the loop needs no call chain per row, and writing into the slot so no number is made per
  // row (years 0000–9999 need no range check); what it does not answer goes the whole way.
  const loop = compile<number>(
    'time',
    source,
    ['out', 'instantOf', 'iso', 'from', 'max'],
    (r) => `
    for (let i = from; i < n; i++) {
      const v = ${r};
      const found = typeof v === 'string' ? iso(v, out, i) : ${ISO_OTHER};
      if (found === ${ISO_WRITTEN}) continue;
      const t = found === ${ISO_NOT_REAL} ? null : instantOf(v);
      if (t === null || !(t >= -max && t <= max)) return i;
      out[i] = t;
    }
    return -1;`,
  );
  for (let from = 0; from < n; ) {
    const at = loop(n, out, instantOf, isoUtcInto, from, MAX_INSTANT_MS);
    if (at < 0) break;
    if (!bad) {
      const v = readValue(source, at),
        t = instantOf(v);
      throw new QueryError([
        {
          path: [`events[${rowBase + at}]`, column],
          message:
            t !== null && !isInstantMs(t)
              ? instantRangeMessage(t)
              : `${describeValue(v)} is not an instant (epoch ms, Date, or ISO-8601 with an offset)`,
        },
      ]);
    }
    bad.push(at);
    out[at] = NaN;
    from = at + 1;
  }
  return out;
}

/**
 * One column as a chunk column: numbers (NaN for null) while every value is a number or null,
 * else a dictionary of the distinct values in first-seen order (-1 for null, undefined and NaN).
 * Values compare as a Map compares keys: strictly, objects by identity.
 */
export function encodeColumn(source: ValueSource, n: number): ChunkColumn {
  if ('arrow' in source && source.arrow) return encodeArrowDictionary(source.arrow, source.name ?? '');
  let first = 0;
  while (first < n) {
    const v = readValue(source, first);
    if (v !== null && v !== undefined) break;
    first++;
  }
  let numbers: Float64Array | null = null;
  let start = 0;
  if (first === n || typeof readValue(source, first) === 'number') {
    numbers = new Float64Array(sharedBuffer(n * 8));
    start = compile<number>(
      'num',
      source,
      ['out'],
      (r) => `
      for (let i = 0; i < n; i++) {
        const v = ${r};
        if (typeof v === 'number') out[i] = v;
        else if (v === null || v === undefined) out[i] = NaN;
        else return i;
      }
      return n;`,
    )(n, numbers);
    if (start === n) return { kind: 'number', values: numbers };
  }
  const codes = new Int32Array(sharedBuffer(n * 4));
  const state = newDictState();
  const { map, dict } = state;
  if (numbers) {
    // A number column until row `start`: its numbers open the dictionary, in order.
    codeNumbers(numbers, start, codes, map, dict);
    numbers = null;
  }
  compile<void>(
    'dict',
    source,
    ['codes', 'state', 'start'],
    (r) => `
    ${dictLocals('', 'state')}
    let last = undefined, lastCode = -1;
    for (let i = start; i < n; i++) {
      const v = ${r};
      if (v === last && lastCode >= 0) { codes[i] = lastCode; continue; }
      if (v === null || v === undefined || v !== v) { codes[i] = -1; continue; }
      let code = -1;
      ${dictLookupSource('')}
      codes[i] = code;
      last = v; lastCode = code;
    }`,
  )(n, codes, state, start);
  return { kind: 'dict', codes, dict };
}
