/**
 * The column-at-a-time writer for batches of {@link BatchColumn}s (an Arrow record batch, a
 * Parquet row group): each column is written by a tight loop straight into its chunk array —
 * ISO instants read from text bytes, text ids found in the dictionary by their bytes, dictionary
 * columns translated one entry at a time the first time a row uses it, numbers copied — with no
 * JS value per cell on the common paths.
 *
 * A batch with a malformed row is written again row by row (./batch-rows.ts): that path reports
 * a row's first problem in column order, stops or skips exactly as the other scans do, and keeps
 * the dictionaries in first-seen order of the kept rows. Malformed rows are rare, and redoing
 * the odd batch costs far less than tracking per-row problems through every column loop.
 */
import type { ChunkColumn, ColumnChunk, DictChunkColumn, NumberChunkColumn } from '../../engine/store/chunk.ts';
import { ByteDict, decodeUtf8 } from './byte-dict.ts';
import { dictionaryColumn } from './batch-dictionary.ts';
import { cellValue, scanBatchRows } from './batch-rows.ts';
import { ChunkBuilder } from './builder.ts';
import type { BatchColumn, RowsScan } from './columnar.ts';
import { isoUtcFromBytes } from './numbers.ts';
import { TextIds } from './text-ids.ts';
import { type Rule, Rules, Writers, writeValue } from './rules.ts';
import { isInstantMs } from '../../time.ts';

type Column<K extends BatchColumn['kind']> = Extract<BatchColumn, { kind: K }>;

/**
 * Rows `[0, n)` of a batch given as columns (`names[c]` names `columns[c]`; columns the rules do
 * not keep are passed over): the same chunk, counts and errors as writing them row by row.
 *
 * @example
 * const bytes = new TextEncoder().encode('2026-11-01T00:00:00Zws_1');
 * const scan = scanBatch(
 *   ['ts', 'workspace_id', 'quantity'],
 *   [
 *     { kind: 'utf8', values: bytes, offsets: Int32Array.of(0, 20), validity: null },
 *     { kind: 'utf8', values: bytes, offsets: Int32Array.of(20, 24), validity: null },
 *     { kind: 'number', values: Int32Array.of(5), validity: null },
 *   ],
 *   1,
 *   new Rules({ time: 'ts', types: { quantity: 'number' }, keep: undefined, skipInvalid: false }),
 * );
 * scan.chunk.time; // Float64Array [1793491200000]
 */
export function scanBatch(names: string[], columns: BatchColumn[], n: number, rules: Rules): RowsScan {
  return (n > 0 ? writeColumns(names, columns, n, rules) : null) ?? scanBatchRows(names, columns, n, rules);
}

/** The batch written column at a time, or null when some row is malformed (or columns share a rule). */
function writeColumns(names: string[], columns: BatchColumn[], n: number, rules: Rules): RowsScan | null {
  const kept: { rule: Rule; col: BatchColumn }[] = [];
  const seen = new Set<Rule>();
  for (let c = 0; c < names.length; c++) {
    const rule = rules.rule(names[c]);
    if (rule === null) continue;
    // A repeated name writes one column twice a row; only the row path keeps that order.
    if (seen.has(rule)) return null;
    seen.add(rule);
    kept.push({ rule, col: columns[c] });
  }
  // Without a declared time column every row is malformed.
  for (const t of rules.times) if (!seen.has(t)) return null;
  // Common shapes are written straight into the chunk's arrays; the rest through the builders.
  const direct = new Map<Rule, ChunkColumn>();
  let chunk: ChunkBuilder | null = null;
  let w: Writers | null = null;
  for (const { rule, col } of kept) {
    const fast = directColumn(rules, rule, col, n);
    if (fast === false) return null;
    if (fast !== null) {
      direct.set(rule, fast);
      continue;
    }
    if (w === null) w = new Writers((chunk = new ChunkBuilder()), rules);
    if (!eachCell(w, rule, col, n)) return null;
  }
  let built: ColumnChunk | null = null;
  if (chunk !== null) {
    chunk.n = n;
    built = chunk.finish();
  }
  // Declared columns first, then the batch's in its order: the order a row-by-row write makes them in.
  const out = new Map<string, ChunkColumn>();
  const place = (rule: Rule) => {
    if (rule.main || out.has(rule.name)) return;
    out.set(rule.name, direct.get(rule) ?? built?.columns.get(rule.name) ?? nullColumn(rule, n));
  };
  for (const name of Object.keys(rules.spec.types)) place(rules.rule(name)!);
  for (const { rule } of kept) place(rule);
  const time = direct.get(rules.rule(rules.spec.time)!) as NumberChunkColumn | undefined;
  const result: ColumnChunk = { n, time: time?.values ?? built!.time, columns: out };
  return { chunk: result, rows: n, skipped: 0, error: null, invalid: [], total: n };
}

/** A declared column the batch lacks: null in every row. */
function nullColumn(rule: Rule, n: number): ChunkColumn {
  return rule.kind === 'dict'
    ? { kind: 'dict', codes: new Int32Array(n).fill(-1), dict: [] }
    : { kind: 'number', values: new Float64Array(n).fill(NaN) };
}

const numberColumn = (values: Float64Array | false): NumberChunkColumn | false => values && { kind: 'number', values };

/**
 * Rows `[0, n)` of a column of a common shape, written straight into a new array; false as soon
 * as a value makes its row malformed; null for any other shape.
 */
function directColumn(rules: Rules, rule: Rule, col: BatchColumn, n: number): ChunkColumn | false | null {
  if (col.kind === 'dictionary') return dictionaryColumn(rules, rule, col, n);
  if (col.kind === 'utf8') {
    if (rule.kind === 'time') return numberColumn(utf8Times(rule, col, n));
    if (rule.kind === 'dict' && (rule.type === undefined || rule.type === 'string')) return utf8Ids(col, n);
  } else if (col.kind === 'number') {
    if (rule.type === 'time') return numberColumn(numberTimes(col, n));
    if (rule.type === 'number') return numberColumn(numbers(col, n));
    if (rule.coerce === null) return numberIds(col, n);
  }
  return null;
}

function utf8Times(rule: Rule, col: Column<'utf8'>, n: number): Float64Array | false {
  const out = new Float64Array(n);
  const { values: bytes, offsets, validity } = col;
  for (let i = 0; i < n; i++) {
    if (validity !== null && (validity[i >> 3] & (1 << (i & 7))) === 0) return false; // no time
    const s = offsets[i];
    const e = offsets[i + 1];
    let ms = isoUtcFromBytes(bytes, s, e);
    if (ms === undefined) {
      const v = rule.coerce!(decodeUtf8(bytes, s, e), false);
      if (typeof v !== 'number') return false;
      ms = v;
    }
    out[i] = ms;
  }
  return out;
}

function utf8Ids(col: Column<'utf8'>, n: number): DictChunkColumn {
  const dict = new ByteDict();
  const codes = new Int32Array(n);
  new TextIds(dict).column(col.values, col.offsets, col.validity, n, codes);
  return { kind: 'dict', codes, dict: dict.values };
}

/** A declared time column of numbers: epoch ms within a Date's range, none missing. */
function numberTimes(col: Column<'number'>, n: number): Float64Array | false {
  const out = new Float64Array(n);
  const { values, validity } = col;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!isInstantMs(v) || (validity !== null && (validity[i >> 3] & (1 << (i & 7))) === 0)) return false;
    out[i] = v;
  }
  return out;
}

/** A declared number column: NaN is null, an infinity makes its row malformed. */
function numbers(col: Column<'number'>, n: number): Float64Array | false {
  const out = new Float64Array(n);
  const { values, validity } = col;
  if (validity === null && !(values instanceof Float64Array || values instanceof Float32Array)) {
    out.set(values.subarray(0, n));
    return out;
  }
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === Infinity || v === -Infinity) return false;
    out[i] = validity !== null && (validity[i >> 3] & (1 << (i & 7))) === 0 ? NaN : v;
  }
  return out;
}

/** An undeclared column of numbers: the numbers themselves are its dictionary's values. */
function numberIds(col: Column<'number'>, n: number): DictChunkColumn {
  const dict = new ByteDict();
  const out = new Int32Array(n);
  const { values, validity } = col;
  for (let i = 0; i < n; i++) out[i] = validity !== null && (validity[i >> 3] & (1 << (i & 7))) === 0 ? -1 : dict.code(values[i]);
  return { kind: 'dict', codes: out, dict: dict.values };
}

/** Any other column: every cell through the rules as its JS value. */
function eachCell(w: Writers, rule: Rule, col: BatchColumn, n: number): boolean {
  const chunk = w.chunk;
  for (let i = 0; i < n; i++) {
    chunk.n = i;
    if (writeValue(w, rule, cellValue(col, i), false) !== null) return false;
  }
  return true;
}

// Each column loop run a dozen times on a small batch when this module loads. A function
// collects no type feedback until it has run a few times, so a loop optimized while it ran
// through its first batch was thrown away at the start of its second (measured: a thread's
// second batch about as slow as its first, unoptimized one).
{
  const times = new TextEncoder().encode('2026-11-01T00:00:00Z2026-11-01T00:00:00.250Z');
  const text = new TextEncoder().encode('abcdefghijklmnopq');
  const columns: BatchColumn[] = [
    { kind: 'utf8', values: times, offsets: Int32Array.of(0, 20, 44), validity: null },
    { kind: 'utf8', values: text, offsets: Int32Array.of(0, 3, 17), validity: Uint8Array.of(1) },
    { kind: 'number', values: Int32Array.of(1, 2), validity: null },
    { kind: 'number', values: Float64Array.of(1.5, 2), validity: Uint8Array.of(3) },
    { kind: 'number', values: Float64Array.of(1.5, 2), validity: null },
    {
      kind: 'dictionary',
      codes: Uint8Array.of(1, 0),
      dictionary: { kind: 'utf8', values: text, offsets: Int32Array.of(0, 3, 17), validity: null },
      validity: null,
    },
  ];
  const rules = () => new Rules({ time: 'ts', types: { q: 'number', f: 'number' }, keep: undefined, skipInvalid: false });
  for (let k = 0; k < 12; k++) scanBatch(['ts', 'ws', 'q', 'f', 'n', 'd'], columns, 2, rules());
}
