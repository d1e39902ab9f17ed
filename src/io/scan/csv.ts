/**
 * CSV bytes → one chunk. The header is read once (see {@link readCsvHeader}); each piece then
 * reads records from its start, writing each field straight into its column: ids into the
 * dictionary by their bytes, integers and ISO instants from digits, anything else through the
 * declared-type rules as text, exactly as the text reader did. A record without doubled quotes
 * or line breaks in its fields takes the fast path of ./csv-plain.ts first.
 */
import { ChunkBuilder } from './builder.ts';
import { decodeUtf8 } from './byte-dict.ts';
import { PlainCsv } from './csv-plain.ts';
import { CsvRecord, readRecord } from './csv-record.ts';
import { isoUtcFromBytes, smallInteger } from './numbers.ts';
import { missingTime, Writers, writeValue, type Rule, type Rules } from './rules.ts';
import { type RowProblem, settleRow, type TextScan } from './text-scan.ts';

export interface CsvHeader {
  names: string[];
  /** Bytes the header (and any blank lines before it) takes, from the start of the data (after a BOM). */
  end: number;
  /** Line breaks in those bytes. */
  lines: number;
}

/** The header record, or a problem at its line; null when the bytes end before it does (and more may come). */
export function readCsvHeader(b: Uint8Array, delimiter: number, final: boolean): CsvHeader | RowProblem | null {
  const r = new CsvRecord();
  let pos = 0;
  let line = 1;
  while (pos < b.length || final) {
    if (!readRecord(b, pos, b.length, delimiter, final, r)) return null;
    const at = line;
    line += r.breaks;
    pos = r.end;
    if (r.error) return { line: at, reason: r.error };
    const names = fields(b, r);
    if (names.length === 1 && names[0] === '') {
      if (pos >= b.length) return final ? { names: [], end: pos, lines: line - 1 } : null; // no header: no rows
      continue;
    }
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) return { line: at, reason: `duplicate column name ${JSON.stringify(name)} in the header` };
      seen.add(name);
    }
    return { names, end: pos, lines: line - 1 };
  }
  return null;
}

function field(b: Uint8Array, r: CsvRecord, k: number): string {
  const text = decodeUtf8(b, r.starts[k], r.ends[k]);
  return r.doubled[k] ? text.replaceAll('""', '"') : text;
}

function fields(b: Uint8Array, r: CsvRecord): string[] {
  const out: string[] = [];
  for (let k = 0; k < r.count; k++) out.push(field(b, r, k));
  return out;
}

/**
 * Scans the records that start in `b[0, limit)`. When a record runs past the end of `b` and
 * `final` is false, the scan stops before it with `more` set: a file range reads further and
 * scans again; a stream block hands the rest to the next block.
 */
export function scanCsv(
  b: Uint8Array,
  limit: number,
  final: boolean,
  names: string[],
  delimiter: number,
  rules: Rules,
): TextScan & { more?: boolean } {
  const chunk = new ChunkBuilder();
  const w = new Writers(chunk, rules);
  const byField = names.map((name) => rules.rule(name));
  const out: TextScan = { chunk: null!, rows: 0, skipped: 0, lines: 0, consumed: 0, error: null, invalid: [] };
  const r = new CsvRecord();
  const n = b.length;
  const plain = PlainCsv.of(byField, rules, w, delimiter);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let pos = 0;
  let line = 1;
  while (pos < limit && pos < n) {
    if (plain !== null) {
      const next = plain.read(b, view, pos, n, delimiter, chunk);
      if (next >= 0) {
        chunk.n++;
        out.rows++;
        line++;
        pos = next;
        continue;
      }
      chunk.rollback();
    }
    if (!readRecord(b, pos, n, delimiter, final, r)) {
      const partial = finish(chunk, out, line, pos);
      partial.more = true;
      return partial;
    }
    const at = line;
    line += r.breaks;
    pos = r.end;
    let reason = r.error;
    if (reason === null) {
      if (r.count === 1 && r.starts[0] === r.ends[0]) continue; // a blank line is not a record
      if (r.count !== names.length) reason = `expected ${names.length} fields, found ${r.count}`;
      else {
        for (let k = 0; k < r.count && reason === null; k++) {
          const rule = byField[k];
          if (rule !== null) reason = writeField(w, rule, b, r, k);
        }
        reason ??= missingTime(w, rules);
      }
    }
    if (settleRow(chunk, out, rules.spec.skipInvalid, at, reason)) break;
  }
  return finish(chunk, out, line, pos);
}

function finish(
  chunk: ChunkBuilder,
  out: TextScan & { more?: boolean },
  line: number,
  pos: number,
): TextScan & { more?: boolean } {
  chunk.rollback();
  out.lines = line - 1;
  out.consumed = pos;
  out.chunk = chunk.finish();
  return out;
}

function writeField(w: Writers, rule: Rule, b: Uint8Array, r: CsvRecord, k: number): string | null {
  const s = r.starts[k];
  const e = r.ends[k];
  const row = w.chunk.n;
  if (!r.doubled[k]) {
    if (rule.kind === 'time') {
      const ms = isoUtcFromBytes(b, s, e);
      if (ms !== undefined) {
        w.number(rule).set(row, ms);
        return null;
      }
    } else if (rule.kind === 'dict' && rule.type !== 'boolean') {
      if (s === e) w.dict(rule).set(row, -1);
      else w.dict(rule).setBytes(row, b, s, e);
      return null;
    } else if (rule.type === 'number') {
      if (s === e) return null; // empty: null, which the column holds already
      const v = smallInteger(b, s, e, true);
      if (v !== undefined) {
        w.number(rule).set(row, v);
        return null;
      }
    }
  }
  return writeValue(w, rule, field(b, r, k), true);
}
