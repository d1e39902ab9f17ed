/**
 * Rows given as {@link BatchColumn}s, written row by row through the declared-type rules: the
 * obvious path that the column-at-a-time writer (./batch-scan.ts) falls back to for a batch
 * with a malformed row, and that its property tests compare it with. Text is read from its
 * bytes (ids into the dictionary, ISO instants from digits); every other cell goes through the
 * rules as the JS value it stands for.
 */
import { decodeUtf8 } from './byte-dict.ts';
import type { BatchColumn, RowsScan } from './columnar.ts';
import { ChunkBuilder } from './builder.ts';
import { isoUtcFromBytes } from './numbers.ts';
import { missingTime, type Rule, type Rules, Writers, writeValue } from './rules.ts';
import { settleRow } from './text-scan.ts';

type Utf8Column = Extract<BatchColumn, { kind: 'utf8' }>;

/** Whether value `i` of a column with this LSB-first validity bitmap is present. */
export function isValid(validity: Uint8Array | null, i: number): boolean {
  return validity === null || (validity[i >> 3] & (1 << (i & 7))) !== 0;
}

/** Value `i` of a column as the JS value it stands for (text decoded, null where invalid). */
export function cellValue(col: BatchColumn, i: number): unknown {
  switch (col.kind) {
    case 'values':
      return col.values[i];
    case 'utf8':
      return isValid(col.validity, i) ? decodeUtf8(col.values, col.offsets[i], col.offsets[i + 1]) : null;
    case 'number':
      return isValid(col.validity, i) ? col.values[i] : null;
    case 'dictionary':
      return isValid(col.validity, i) ? cellValue(col.dictionary, col.codes[i]) : null;
  }
}

/** Writes text value `i` of a utf8 column from its bytes; returns the reason when it makes the row malformed. */
function writeUtf8(w: Writers, rule: Rule, col: Utf8Column, i: number): string | null {
  if (!isValid(col.validity, i)) return writeValue(w, rule, null, false);
  const s = col.offsets[i];
  const e = col.offsets[i + 1];
  if (rule.kind === 'time') {
    const ms = isoUtcFromBytes(col.values, s, e);
    if (ms !== undefined) {
      w.number(rule).set(w.chunk.n, ms);
      return null;
    }
  } else if (rule.kind === 'dict' && (rule.type === undefined || rule.type === 'string')) {
    w.dict(rule).setBytes(w.chunk.n, col.values, s, e);
    return null;
  }
  return writeValue(w, rule, decodeUtf8(col.values, s, e), false);
}

/** Rows `[0, n)` of the columns, row by row (columns the rules do not keep are passed over). */
export function scanBatchRows(names: string[], columns: BatchColumn[], n: number, rules: Rules): RowsScan {
  const chunk = new ChunkBuilder();
  const w = new Writers(chunk, rules);
  const kept: { rule: Rule; col: BatchColumn }[] = [];
  names.forEach((name, c) => {
    const rule = rules.rule(name);
    if (rule !== null) kept.push({ rule, col: columns[c] });
  });
  const out: RowsScan = { chunk: null!, rows: 0, skipped: 0, error: null, invalid: [], total: n };
  for (let i = 0; i < n; i++) {
    let reason: string | null = null;
    for (let k = 0; k < kept.length && reason === null; k++) {
      const { rule, col } = kept[k];
      reason = col.kind === 'utf8' ? writeUtf8(w, rule, col, i) : writeValue(w, rule, cellValue(col, i), false);
    }
    reason ??= missingTime(w, rules);
    if (settleRow(chunk, out, rules.spec.skipInvalid, i, reason)) break;
  }
  out.chunk = chunk.finish();
  return out;
}
