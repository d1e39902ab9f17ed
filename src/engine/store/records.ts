/**
 * An array of records → a chunk's columns in two passes over the records, instead of one pass
 * per column plus one to find the keys: the first reads the time column and every record's
 * keys, the second every other column at once (while a worker sorts the times).
 *
 * The second pass is a loop generated for the column names and kinds and compiled once (the
 * column keys written into the source, so V8 caches the records' shape at every read). In the
 * first, a record whose keys start those of the record before costs one walk of its keys; only
 * a record of another shape is looked at key by key. Dimension values are coded through
 * ./dict-lookup.ts. Measured at 2M Boltz records, CPU time: the keys and time ≈ 80 ms where the
 * key pass and the time pass took ≈ 40 + 75, the other columns ≈ 63 ms where one pass each took
 * ≈ 100.
 *
 * Results equal the column-at-a-time encoders in ./columns.ts, which stay the reference: when a
 * number column meets another value, every column of that pass is encoded again by them (a
 * property test compares the two with an obvious encoding).
 */
import { MAX_INSTANT_MS } from '../../time.ts';
import { ISO_NOT_REAL, ISO_OTHER, ISO_WRITTEN, isoUtcInto } from '../../io/iso-utc.ts';
import { sharedBuffer } from '../buffers.ts';
import type { ChunkColumn } from './chunk.ts';
import { encodeColumn, encodeTimes, instantOf } from './columns.ts';
import { dictLocals, dictLookupSource, newDictState } from './dict-lookup.ts';

/** Columns per generated loop: wider records take several passes, each loop stays small. */
const FUSE = 16;

type Loop = (...args: unknown[]) => number;
const compiled = new Map<string, Loop>();

function compile(key: string, params: string[], body: () => string): Loop {
  let fn = compiled.get(key);
  if (!fn) {
    fn = new Function(...params, body()) as Loop;
    // Loops are kept per column signature; a bound keeps odd inputs from piling up.
    if (compiled.size > 1024) compiled.clear();
    compiled.set(key, fn);
  }
  return fn;
}

/** Every key of the records in first-seen order, gathered while the time column is read. */
class KeyTracker {
  readonly keys: string[] = [];
  readonly #seen = new Set<string>();
  /** The keys of the last record whose shape was looked at, in its order. */
  prev: string[] = [];
  /** Looks at a record of another shape than the one before: its new keys, and its own key list. */
  shape = (r: object): string[] => {
    const own: string[] = [];
    for (const k in r) {
      own.push(k);
      if (!this.#seen.has(k)) {
        this.#seen.add(k);
        this.keys.push(k);
      }
    }
    this.prev = own;
    return own;
  };
}

/**
 * The time column of records as epoch ms (as `encodeTimes` makes it: a QueryError for the first
 * row that is not an instant, or with `bad` those rows collected), plus every key the records
 * have, in first-seen order (as `recordKeys`). A thrown error leaves the keys unfinished.
 */
export function encodeRecordTimes(
  records: readonly unknown[],
  column: string,
  rowBase = 0,
  bad?: number[],
): { times: Float64Array; keys: string[] } {
  const n = records.length;
  const out = new Float64Array(sharedBuffer(n * 8));
  const keys = new KeyTracker();
  for (let from = 0; from < n; ) {
    const at = timePass(records, column, out, from, keys);
    if (at < 0) break;
    // The row's error, worded by the reference encoder: given only that row, it refuses it too
    // (the same parsers and range) and throws.
    if (!bad) encodeTimes({ values: [(records[at] as Record<string, unknown> | null)?.[column]] }, 1, column, rowBase + at);
    else bad.push(at);
    out[at] = NaN;
    from = at + 1;
  }
  return { times: out, keys: keys.keys };
}

/**
 * The time pass. A plain function: the column key is a variable, but each call site sees one
 * key, so V8 turns the keyed reads into cached property reads (measured equal to a loop
 * generated with the key written in).
 */
function timePass(src: readonly unknown[], column: string, out: Float64Array, from: number, keys: KeyTracker): number {
  const n = src.length;
  let prev = keys.prev;
  for (let i = from; i < n; i++) {
    const r = src[i] as Record<string, unknown> | null | undefined;
    if (r !== null && typeof r === 'object') {
      // A record whose keys start the previous shape's has no new key.
      let j = 0,
        same = true;
      for (const k in r) {
        if (same && k === prev[j]) j++;
        else same = false;
      }
      if (!same) prev = keys.shape(r);
    }
    const v = r?.[column];
    // The common string is parsed straight into its slot (no number made per row); its range
    // needs no check (years 0000–9999 lie within it).
    const found = typeof v === 'string' ? isoUtcInto(v, out, i) : ISO_OTHER;
    if (found === ISO_WRITTEN) continue;
    const t = found === ISO_NOT_REAL ? null : instantOf(v);
    if (t === null || !(t >= -MAX_INSTANT_MS && t <= MAX_INSTANT_MS)) {
      keys.prev = prev;
      return i;
    }
    out[i] = t;
  }
  keys.prev = prev;
  return -1;
}

type Kind = 'number' | 'dict';

/** A column's kind from its first value that is not null or undefined, as `encodeColumn` decides. */
function kindOf(records: readonly unknown[], key: string): Kind {
  for (let i = 0; i < records.length; i++) {
    const v = (records[i] as Record<string, unknown> | null | undefined)?.[key];
    if (v !== null && v !== undefined) return typeof v === 'number' ? 'number' : 'dict';
  }
  return 'number';
}

function columnCode(c: number, key: string, kind: Kind): string {
  const read = `r?.[${JSON.stringify(key)}]`;
  if (kind === 'number') {
    return `{
      const v = ${read};
      if (typeof v === 'number') out${c}[i] = v;
      else if (v === null || v === undefined) out${c}[i] = NaN;
      else return i;
    }`;
  }
  return `{
      const v = ${read};
      if (v === last${c} && lastCode${c} >= 0) out${c}[i] = lastCode${c};
      else if (v === null || v === undefined || v !== v) out${c}[i] = -1;
      else {
        let code = -1;
        ${dictLookupSource(c)}
        out${c}[i] = code;
        last${c} = v; lastCode${c} = code;
      }
    }`;
}

/**
 * Columns of records other than the time column, as `encodeColumn` makes each of them, reading
 * up to {@link FUSE} columns in each pass over the records.
 */
export function encodeRecordColumns(records: readonly unknown[], names: readonly string[]): Map<string, ChunkColumn> {
  const n = records.length;
  const out = new Map<string, ChunkColumn>();
  for (let g = 0; g < names.length; g += FUSE) {
    const group = names.slice(g, g + FUSE);
    const kinds = group.map((name) => kindOf(records, name));
    const outs = kinds.map((k) => (k === 'number' ? new Float64Array(sharedBuffer(n * 8)) : new Int32Array(sharedBuffer(n * 4))));
    const states = kinds.map(() => newDictState());
    const signature = group.map((name, c) => `${kinds[c]}:${name}`).join('\u0000');
    const loop = compile(`cols\u0000${signature}`, ['src', 'n', 'outs', 'states'], () => {
      const lets = group
        .map((_, c) => `const out${c} = outs[${c}]; ${dictLocals(c, `states[${c}]`)} let last${c}, lastCode${c} = -1;`)
        .join('\n');
      return `${lets}
      for (let i = 0; i < n; i++) {
        const r = src[i];
        ${group.map((name, c) => columnCode(c, name, kinds[c])).join('\n')}
      }
      return -1;`;
    });
    const stopped = loop(records, n, outs, states);
    group.forEach((name, c) => {
      // A number column that met another value is a dictionary column: the reference encoder
      // turns its numbers into the dictionary's first entries. The other columns of the pass
      // stopped at the same row, so they are read again too.
      if (stopped >= 0) out.set(name, encodeColumn({ records, key: name }, n));
      else if (kinds[c] === 'number') out.set(name, { kind: 'number', values: outs[c] as Float64Array });
      else out.set(name, { kind: 'dict', codes: outs[c] as Int32Array, dict: states[c].dict });
    });
  }
  return out;
}
