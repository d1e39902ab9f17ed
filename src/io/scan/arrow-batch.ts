/**
 * Arrow record batches → chunks. flechette decodes the batch; text columns are then read from
 * their bytes (no string per row), other columns through flechette's values and the rules.
 */
import { tableFromIPC } from '@uwdata/flechette';
import { ChunkBuilder } from './builder.ts';
import { decodeUtf8 } from './byte-dict.ts';
import { type RowsScan, scanColumns } from './columnar.ts';
import { isoUtcFromBytes } from './numbers.ts';
import { missingTime, type Rules, Writers, writeValue, type Rule } from './rules.ts';
import { settleRow } from './text-scan.ts';

/** An Arrow utf8 column's buffers: value i is `values[offsets[i], offsets[i + 1])`, null where its validity bit is 0. */
interface Utf8Buffers {
  values: Uint8Array;
  offsets: Int32Array;
  validity: Uint8Array | null;
}

const UTF8 = 5; // Arrow's type id for utf8 (32-bit offsets)

function utf8Buffers(column: {
  data: { type: { typeId: number }; values?: unknown; offsets?: unknown; validity?: Uint8Array; nullCount: number }[];
}): Utf8Buffers | null {
  if (column.data.length !== 1) return null;
  const b = column.data[0];
  if (b.type.typeId !== UTF8 || !(b.values instanceof Uint8Array) || !(b.offsets instanceof Int32Array)) return null;
  return { values: b.values, offsets: b.offsets, validity: b.nullCount > 0 && b.validity ? b.validity : null };
}

/** Writes text value `i` of a utf8 column from its bytes (ids into the dictionary, ISO instants from digits). */
function writeUtf8(w: Writers, rule: Rule, col: Utf8Buffers, i: number): string | null {
  if (col.validity !== null && (col.validity[i >> 3] & (1 << (i & 7))) === 0) return writeValue(w, rule, null, false);
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

/**
 * One Arrow record batch, given with its schema and dictionary messages. Text columns are read
 * from their bytes (no string per row); other columns through flechette's values.
 */
export function scanArrowBatch(messages: Uint8Array[], rules: Rules): RowsScan {
  const table = tableFromIPC(messages);
  const names = (table.names as string[]).filter((n) => rules.rule(n) !== null);
  const texts = names.map((n) => utf8Buffers(table.getChild(n) as unknown as Parameters<typeof utf8Buffers>[0]));
  const columns = names.map((n, c) => (texts[c] ? [] : (table.getChild(n).toArray() as ArrayLike<unknown>)));
  if (texts.every((t) => t === null)) return scanColumns(names, columns, table.numRows, rules);
  const chunk = new ChunkBuilder();
  const w = new Writers(chunk, rules);
  const rulesOf = names.map((n) => rules.rule(n)!);
  const n = table.numRows;
  const out: RowsScan = { chunk: null!, rows: 0, skipped: 0, error: null, invalid: [], total: n };
  for (let i = 0; i < n; i++) {
    let reason: string | null = null;
    for (let k = 0; k < names.length && reason === null; k++) {
      const text = texts[k];
      reason = text ? writeUtf8(w, rulesOf[k], text, i) : writeValue(w, rulesOf[k], columns[k][i], false);
    }
    reason ??= missingTime(w, rules);
    if (settleRow(chunk, out, rules.spec.skipInvalid, i, reason)) break;
  }
  out.chunk = chunk.finish();
  return out;
}
