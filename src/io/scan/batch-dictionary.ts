/**
 * A dictionary-encoded batch column (codes into a small dictionary column: an Arrow dictionary,
 * a Parquet dictionary page) written straight into a chunk array. Each dictionary entry goes
 * through the rules the first time a row uses it — so the chunk's own dictionary fills in
 * first-seen order, exactly as row by row — and what it stored is reused for every later row
 * with that code: a row costs a lookup, whatever the entries hold.
 */
import type { ChunkColumn } from '../../engine/store/chunk.ts';
import { cellValue } from './batch-rows.ts';
import { ChunkBuilder } from './builder.ts';
import type { BatchColumn } from './columnar.ts';
import { isoUtcFromBytes } from './numbers.ts';
import { type Rule, type Rules, Writers, writeValue } from './rules.ts';

type Column<K extends BatchColumn['kind']> = Extract<BatchColumn, { kind: K }>;

function batchLength(col: BatchColumn): number {
  switch (col.kind) {
    case 'utf8':
      return col.offsets.length - 1;
    case 'dictionary':
      return col.codes.length;
    default:
      return col.values.length;
  }
}

/**
 * Rows `[0, n)` of a dictionary-encoded column, or false as soon as a row's value is malformed.
 *
 * @example
 * const bytes = new TextEncoder().encode('ab');
 * const dictionary = { kind: 'utf8', values: bytes, offsets: Int32Array.of(0, 1, 2), validity: null } as const;
 * const rules = new Rules({ time: 'ts', types: {}, keep: undefined, skipInvalid: false });
 * dictionaryColumn(rules, rules.rule('ws')!, { kind: 'dictionary', codes: Uint8Array.of(1, 1, 0), dictionary, validity: null }, 3);
 * // { kind: 'dict', codes: Int32Array [0, 0, 1], dict: ['b', 'a'] }
 */
export function dictionaryColumn(rules: Rules, rule: Rule, col: Column<'dictionary'>, n: number): ChunkColumn | false {
  // Entries are written through the rules at row 0 of a builder of their own, whose dictionary
  // (for a dictionary rule) becomes the column's.
  const scratch = new ChunkBuilder();
  const w = new Writers(scratch, rules);
  const target = rule.kind === 'dict' ? w.dict(rule) : w.number(rule);
  const { codes, dictionary, validity } = col;
  const size = batchLength(dictionary);
  const text = dictionary.kind === 'utf8' ? dictionary : null;
  const ids = rule.kind === 'dict' && (rule.type === undefined || rule.type === 'string');
  /** What entry `c` (-1: a null row) stores, or undefined when it makes its row malformed. */
  const entry = (c: number): number | undefined => {
    if (text !== null && c >= 0 && c < size && (text.validity === null || (text.validity[c >> 3] & (1 << (c & 7))) !== 0)) {
      const s = text.offsets[c];
      const e = text.offsets[c + 1];
      if (ids && target.kind === 'dict') return target.dict.codeOfBytes(text.values, s, e);
      if (rule.kind === 'time') {
        const ms = isoUtcFromBytes(text.values, s, e);
        if (ms !== undefined) return ms;
      }
    }
    const value = c < 0 ? null : cellValue(dictionary, c);
    // Text as itself: what an undeclared or `string` column stores for a string.
    if (ids && typeof value === 'string' && target.kind === 'dict') return target.dict.code(value);
    if (writeValue(w, rule, value, false) !== null) return undefined;
    return target.kind === 'dict' ? target.codes[0] : target.values[0];
  };
  const out = target.kind === 'dict' ? new Int32Array(n) : new Float64Array(n);
  const memo = new Float64Array(size);
  const known = new Uint8Array(size);
  let nullMemo: number | undefined;
  for (let i = 0; i < n; i++) {
    if (validity !== null && (validity[i >> 3] & (1 << (i & 7))) === 0) {
      nullMemo ??= entry(-1);
      if (nullMemo === undefined) return false;
      out[i] = nullMemo;
      continue;
    }
    const c = codes[i];
    if (known[c] === 1) {
      out[i] = memo[c];
      continue;
    }
    const v = entry(c);
    if (v === undefined) return false;
    out[i] = v;
    if (c < size) {
      memo[c] = v;
      known[c] = 1;
    }
  }
  return target.kind === 'dict'
    ? { kind: 'dict', codes: out as Int32Array, dict: target.dict.values }
    : { kind: 'number', values: out as Float64Array };
}
