/**
 * Per-type value readers for declared columns. Each returns the stored value or an
 * {@link Invalid} carrying the reason, so the caller decides whether to stop or skip the row.
 */
import { instantRangeMessage, isInstantMs, parseIsoDateTime } from '../time.ts';
import { parseIsoUtc } from './iso-utc.ts';
import type { ColumnType } from './types.ts';

export class Invalid {
  constructor(readonly reason: string) {}
}

/** Reads one value; `text` is true for CSV, where every value arrives as a string. */
export type Coerce = (value: unknown, text: boolean) => unknown;

const NUMERIC_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const EPOCH_TEXT = /^\s*-?\d+(?:\.\d+)?\s*$/;

function show(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return 'an invalid Date';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function bigintToNumber(value: bigint): number | null {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * The reason a number read from a file cannot be kept, or null when it can: it overflowed to
 * ±Infinity, or it is written as an integer beyond ±2^53, which a double would silently round
 * (Parquet's int64s are held to the same rule).
 */
export function numberProblem(column: string, n: number, literal: string, integerForm: boolean): string | null {
  if (!Number.isFinite(n)) return `number out of range in column "${column}": ${literal}`;
  if (integerForm && !Number.isSafeInteger(n)) return `integer in column "${column}" is beyond ±2^53: ${literal}`;
  return null;
}

function time(column: string): Coerce {
  const bad = (value: unknown) =>
    new Invalid(`bad time in column "${column}": ${show(value)} (expected epoch ms or ISO-8601 with Z or an offset)`);
  const parse: Coerce = (value, text) => {
    if (typeof value === 'string') {
      const fast = parseIsoUtc(value);
      if (typeof fast === 'number') return fast;
      const ms = fast === null ? null : parseIsoDateTime(value.trim());
      if (ms !== null) return ms;
      if (text && EPOCH_TEXT.test(value)) return Number(value);
      return value === '' ? new Invalid(`missing time in column "${column}"`) : bad(value);
    }
    if (typeof value === 'number') return Number.isFinite(value) ? value : bad(value);
    if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : bad(value);
    if (typeof value === 'bigint') return bigintToNumber(value) ?? bad(value);
    if (value === null || value === undefined) return new Invalid(`missing time in column "${column}"`);
    return bad(value);
  };
  // The one instant bound every door shares: no row may hold a time a Date cannot.
  return (value, text) => {
    const ms = parse(value, text);
    return typeof ms === 'number' && !isInstantMs(ms)
      ? new Invalid(`bad time in column "${column}": ${instantRangeMessage(ms)}`)
      : ms;
  };
}

function number(column: string): Coerce {
  const bad = (value: unknown) => new Invalid(`non-numeric value in column "${column}": ${show(value)}`);
  return (value) => {
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return null;
      return Number.isFinite(value) ? value : new Invalid(`number out of range in column "${column}": ${value}`);
    }
    if (isEmpty(value)) return null;
    if (typeof value === 'string') {
      if (!NUMERIC_TEXT.test(value)) return bad(value);
      const n = Number(value);
      const problem = numberProblem(column, n, value.trim(), INTEGER_TEXT.test(value));
      return problem === null ? n : new Invalid(problem);
    }
    if (typeof value === 'bigint') {
      return bigintToNumber(value) ?? new Invalid(`integer in column "${column}" is beyond ±2^53: ${value}`);
    }
    return bad(value);
  };
}

const TRUE_TEXT = new Set(['true', '1']);
const FALSE_TEXT = new Set(['false', '0']);

function boolean(column: string): Coerce {
  const bad = (value: unknown) => new Invalid(`non-boolean value in column "${column}": ${show(value)}`);
  return (value) => {
    if (typeof value === 'boolean') return value;
    if (isEmpty(value)) return null;
    if (typeof value === 'string') {
      const t = value.trim().toLowerCase();
      return TRUE_TEXT.has(t) ? true : FALSE_TEXT.has(t) ? false : bad(value);
    }
    if (value === 1 || value === 0) return value === 1;
    return bad(value);
  };
}

function string(column: string): Coerce {
  return (value, text) => {
    if (typeof value === 'string') return text && value === '' ? null : value;
    if (value === null || value === undefined) return null;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
    return new Invalid(`expected text in column "${column}", found ${show(value)}`);
  };
}

const FACTORIES: Record<ColumnType, (column: string) => Coerce> = { time, number, boolean, string };

export function coercer(type: ColumnType, column: string): Coerce {
  return FACTORIES[type](column);
}

/**
 * Undeclared columns keep the file's values, except what the engine cannot take as a value:
 * `undefined` (→ null; in CSV an empty field too) and 64-bit integers from Parquet (→ a number when exact, else text).
 */
export function normalizeUndeclared(values: unknown[], text: boolean): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined || (text && v === '')) values[i] = null;
    else if (typeof v === 'bigint') values[i] = bigintToNumber(v) ?? String(v);
  }
}
