/**
 * TabSeparated fields → the engine's values, for the small answers read as text: an extent, the
 * first non-numeric value, a page of listed events. (Aggregation cells, which can number in the
 * millions, come back in the Native format instead: native.ts and cells.ts.) The JSON formats
 * quote 64-bit integers, and 18.16 has no JSONCompactEachRow.
 */
import type { ColumnKind } from './literals.ts';

const UNESCAPE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0' };

/** A TabSeparated field as text: `\N` is null, backslash escapes undone. */
export function unescapeField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/gs, (_, c: string) => UNESCAPE[c] ?? c);
}

/** A ClickHouse number as text (`inf`, `nan` included) → a number. */
export function parseNumber(text: string): number {
  switch (text) {
    case 'inf':
    case '+inf':
      return Infinity;
    case '-inf':
      return -Infinity;
    case 'nan':
    case '-nan':
      return NaN;
    default:
      return Number(text);
  }
}

/** A field of a column of `kind` as the engine's value. */
export function decodeValue(field: string, kind: ColumnKind): unknown {
  const text = unescapeField(field);
  if (text === null) return null;
  switch (kind) {
    case 'string':
      return text;
    case 'boolean':
      return text !== '0';
    case 'number':
    case 'time':
      return parseNumber(text);
  }
}
