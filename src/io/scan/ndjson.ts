/**
 * NDJSON bytes → one chunk, with no object per row. Each line is walked once: keys are matched
 * by their bytes (the previous row's key order is tried first), strings go into the column's
 * dictionary by their bytes, numbers and ISO instants are read from digits. Keys and strings
 * with escapes and nested values are cut out by the walk and handed to JSON.parse alone. A line
 * the walk cannot read is given whole to JSON.parse, which then decides exactly as the reader
 * always did (invalid JSON, not an object, or a record read value by value). A line shaped like
 * one walked before is read by that line's template instead (./ndjson-template.ts), and walked
 * when anything in it differs.
 *
 * Why not JSON.parse per line: at ~100 bytes a line it costs about as much as everything else
 * together and leaves an object per row for the collector.
 */
import { ChunkBuilder } from './builder.ts';
import { decodeUtf8 } from './byte-dict.ts';
import { BACKSLASH, COLON, COMMA, isWs, LBRACE, LBRACKET, LF, QUOTE, RBRACE, RBRACKET } from './json-bytes.ts';
import { isoUtcFromBytes, jsonNumberEnd, smallInteger } from './numbers.ts';
import { numberProblem } from '../coerce.ts';
import { missingTime, Writers, writeValue, type Rule, type Rules } from './rules.ts';
import { settleRow, type TextScan } from './text-scan.ts';
import { RowTemplate } from './ndjson-template.ts';

/** Line shapes a scan keeps trying. */
const TEMPLATES = 4;

/** Stops the walk: the line goes to JSON.parse. */
const GIVE_UP = -1;

interface Key {
  bytes: Uint8Array;
  rule: Rule | null;
}

/**
 * Scans the lines that start in `bytes[0, limit)`. Returns null when the last of them runs past
 * the end of `bytes` and `final` is false: the caller reads further and scans again.
 */
export function scanNdjson(bytes: Uint8Array, limit: number, final: boolean, rules: Rules): TextScan | null {
  const chunk = new ChunkBuilder();
  const w = new Writers(chunk, rules);
  const keys: Key[] = [];
  const order: number[] = []; // the previous row's keys, by position
  const out: TextScan = { chunk: null!, rows: 0, skipped: 0, lines: 0, consumed: 0, error: null, invalid: [] };
  let reasons: Map<Rule, string> | null = null;
  const n = bytes.length;

  /** The key whose text is `bytes[s, e)`; null when an escaped key does not parse. */
  const findKey = (s: number, e: number, k: number, hasEscape: boolean): Key | null => {
    if (hasEscape) {
      try {
        return { bytes: new Uint8Array(0), rule: rules.rule(JSON.parse(decodeUtf8(bytes, s - 1, e + 1)) as string) };
      } catch {
        return null;
      }
    }
    const guess = order[k];
    if (guess !== undefined && sameBytes(keys[guess].bytes, bytes, s, e)) return keys[guess];
    for (let i = 0; i < keys.length; i++) {
      if (sameBytes(keys[i].bytes, bytes, s, e)) {
        order[k] = i;
        return keys[i];
      }
    }
    keys.push({ bytes: bytes.slice(s, e), rule: rules.rule(decodeUtf8(bytes, s, e)) });
    order[k] = keys.length - 1;
    return keys[keys.length - 1];
  };

  const fail = (rule: Rule, reason: string | null) => {
    if (reason !== null) (reasons ??= new Map()).set(rule, reason);
    else if (reasons !== null) reasons.delete(rule);
  };

  /** Walks one line; returns false when JSON.parse must decide. */
  const walk = (ls: number, le: number): boolean => {
    let i = ls;
    while (i < le && isWs(bytes[i])) i++;
    if (bytes[i] !== LBRACE) return false;
    i++;
    while (i < le && isWs(bytes[i])) i++;
    if (bytes[i] === RBRACE) return trailing(i + 1, le);
    for (let k = 0; ; k++) {
      if (bytes[i] !== QUOTE) return false;
      const ks = i + 1;
      const ke = stringEnd(bytes, ks, le);
      if (ke === GIVE_UP) return false;
      const key = findKey(ks, ke, k, escaped);
      if (key === null) return false;
      i = ke + 1;
      while (i < le && isWs(bytes[i])) i++;
      if (bytes[i] !== COLON) return false;
      i++;
      while (i < le && isWs(bytes[i])) i++;
      const next = value(i, le, key.rule);
      if (next === GIVE_UP) return false;
      i = next;
      while (i < le && isWs(bytes[i])) i++;
      if (bytes[i] === COMMA) {
        i++;
        while (i < le && isWs(bytes[i])) i++;
        continue;
      }
      if (bytes[i] === RBRACE) return trailing(i + 1, le);
      return false;
    }
  };

  const trailing = (i: number, le: number): boolean => {
    while (i < le && isWs(bytes[i])) i++;
    return i === le;
  };

  /** Reads a value at `i` into the rule's column; returns where it ends. */
  const value = (i: number, le: number, rule: Rule | null): number => {
    const b = bytes[i];
    const row = chunk.n;
    if (b === QUOTE) {
      const e = stringEnd(bytes, i + 1, le);
      if (e === GIVE_UP) return GIVE_UP;
      if (rule === null) return e + 1;
      if (escaped) {
        let text: string;
        try {
          text = JSON.parse(decodeUtf8(bytes, i, e + 1)) as string;
        } catch {
          return GIVE_UP;
        }
        fail(rule, writeValue(w, rule, text, false));
      } else if (rule.kind === 'time') {
        const ms = isoUtcFromBytes(bytes, i + 1, e);
        if (ms !== undefined) {
          w.number(rule).set(row, ms);
          fail(rule, null);
        } else fail(rule, writeValue(w, rule, decodeUtf8(bytes, i + 1, e), false));
      } else if (rule.coerce === null || rule.type === 'string') {
        w.dict(rule).setBytes(row, bytes, i + 1, e);
        fail(rule, null);
      } else fail(rule, writeValue(w, rule, decodeUtf8(bytes, i + 1, e), false));
      return e + 1;
    }
    if (b === 45 || (b >= 48 && b <= 57)) {
      const e = jsonNumberEnd(bytes, i, le);
      if (e === GIVE_UP) return GIVE_UP;
      if (rule !== null) readNumber(rule, i, e);
      return e;
    }
    if (b === LBRACE || b === LBRACKET) {
      const e = nestedEnd(bytes, i, le);
      if (e === GIVE_UP) return GIVE_UP;
      if (rule !== null) {
        let v: unknown;
        try {
          v = JSON.parse(decodeUtf8(bytes, i, e));
        } catch {
          return GIVE_UP;
        }
        fail(rule, writeValue(w, rule, v, false));
      }
      return e;
    }
    const lit = b === 116 ? 'true' : b === 102 ? 'false' : b === 110 ? 'null' : null;
    if (lit === null || le - i < lit.length) return GIVE_UP;
    for (let k = 1; k < lit.length; k++) if (bytes[i + k] !== lit.charCodeAt(k)) return GIVE_UP;
    if (rule !== null) fail(rule, writeValue(w, rule, lit === 'true' ? true : lit === 'false' ? false : null, false));
    return i + lit.length;
  };

  const readNumber = (rule: Rule, s: number, e: number): void => {
    const row = chunk.n;
    let v = smallInteger(bytes, s, e, false);
    let integerForm = v !== undefined;
    let literal: string | null = null;
    if (v === undefined) {
      literal = decodeUtf8(bytes, s, e);
      v = Number(literal);
      integerForm = !/[.eE]/.test(literal);
    }
    if (rule.kind === 'number' && !rule.main && rule.type === 'number') {
      const problem = literal === null ? null : numberProblem(rule.name, v, literal, integerForm);
      if (problem === null) w.number(rule).set(row, v);
      fail(rule, problem);
      return;
    }
    // Beyond ±2^53 a string (declared or not) keeps the digits as written; Parquet's int64s do the same.
    if ((rule.type === 'string' || rule.type === undefined) && integerForm && literal !== null && !Number.isSafeInteger(v)) {
      w.dict(rule).setValue(row, literal);
      fail(rule, null);
      return;
    }
    fail(rule, writeValue(w, rule, v, false));
  };

  const slowLine = (ls: number, le: number): string | null => {
    const text = decodeUtf8(bytes, ls, le);
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      // The parser's own wording differs between Node, Deno and Bun; the line number is what helps.
      return text.trim() === '' ? '' : 'invalid JSON';
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      return `expected a JSON object, found ${Array.isArray(record) ? 'an array' : JSON.stringify(record)}`;
    }
    let reason: string | null = null;
    for (const key in record) {
      const rule = rules.rule(key);
      if (rule === null) continue;
      const r = writeValue(w, rule, (record as Record<string, unknown>)[key], false);
      reason ??= r;
    }
    return reason ?? missingTime(w, rules);
  };

  // The shapes of recent lines, most recently used first (see ./ndjson-template.ts); after a line
  // that makes none, the next tries wait, longer each time, so odd files pay little for trying.
  const templates: RowTemplate[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let retryAt = 0;
  let backoff = 1;
  /** Reads the line at `ls` by a template; returns where the next line starts, or -1. */
  const readByTemplate = (ls: number): number => {
    for (let t = 0; t < templates.length; t++) {
      if (t > 0) chunk.rollback();
      const next = templates[t].read(bytes, view, ls, chunk);
      if (next >= 0) {
        if (t > 0) templates.unshift(templates.splice(t, 1)[0]);
        return next;
      }
    }
    return -1;
  };

  let ls = 0;
  let line = 0;
  while (ls < limit && ls < n) {
    if (templates.length > 0) {
      const next = readByTemplate(ls);
      if (next >= 0) {
        line++;
        chunk.n++;
        out.rows++;
        ls = next;
        continue;
      }
      chunk.rollback();
    }
    let le = bytes.indexOf(LF, ls);
    if (le < 0 && !final) return null;
    const next = le < 0 ? n : le + 1;
    if (le < 0) le = n;
    line++;
    let end = le;
    if (end > ls && bytes[end - 1] === 13) end--;
    reasons = null;
    let reason: string | null;
    if (walk(ls, end)) {
      const failed = reasons as Map<Rule, string> | null;
      reason = failed !== null && failed.size > 0 ? failed.values().next().value! : missingTime(w, rules);
      if (reason === null && line >= retryAt) {
        const made = RowTemplate.of(bytes, ls, end, rules, w);
        if (made === null) {
          retryAt = line + backoff;
          backoff = Math.min(backoff * 2, 4096);
        } else {
          backoff = 1;
          templates.unshift(made);
          if (templates.length > TEMPLATES) templates.pop();
        }
      }
    } else {
      chunk.rollback();
      reasons = null;
      reason = slowLine(ls, end);
    }
    ls = next;
    if (reason === '') continue; // a blank line (whitespace only) is not a row
    if (settleRow(chunk, out, rules.spec.skipInvalid, line, reason)) break;
  }
  out.lines = line;
  out.consumed = Math.min(ls, n);
  out.chunk = chunk.finish();
  return out;
}

function sameBytes(key: Uint8Array, bytes: Uint8Array, s: number, e: number): boolean {
  if (key.length !== e - s) return false;
  for (let k = 0; k < key.length; k++) if (key[k] !== bytes[s + k]) return false;
  return true;
}

/** Whether the last string {@link stringEnd} walked held a backslash (an escape to decode). */
let escaped = false;

/** The index of the closing quote of a string whose text starts at `s`, or GIVE_UP (control character, no end). */
function stringEnd(bytes: Uint8Array, s: number, le: number): number {
  escaped = false;
  for (let i = s; i < le; i++) {
    const b = bytes[i];
    if (b === QUOTE) return i;
    if (b === BACKSLASH) {
      escaped = true;
      i++;
    } else if (b < 0x20) return GIVE_UP;
  }
  return GIVE_UP;
}

/** The end of a nested object or array starting at `s` (brackets matched, strings skipped), or GIVE_UP. */
function nestedEnd(b: Uint8Array, s: number, le: number): number {
  let depth = 0;
  for (let i = s; i < le; i++) {
    const c = b[i];
    if (c === QUOTE) {
      i = stringEnd(b, i + 1, le);
      if (i === GIVE_UP) return GIVE_UP;
    } else if (c === LBRACE || c === LBRACKET) depth++;
    else if (c === RBRACE || c === RBRACKET) {
      if (--depth === 0) return i + 1;
    }
  }
  return GIVE_UP;
}
