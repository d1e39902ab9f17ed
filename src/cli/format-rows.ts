/**
 * Rows → output text: JSON, NDJSON, CSV (RFC 4180: fields with a comma, quote or line break
 * are quoted; null is an empty field; objects and arrays are written as JSON) or an aligned
 * table with sparklines (./table.ts).
 */
import { inferShape, tableLines, type TableShape } from './table.ts';

export const OUTPUT_FORMATS = ['json', 'ndjson', 'csv', 'table'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Column names: every key of every row, in first-seen order. */
export function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

export function* csvLines(rows: readonly Record<string, unknown>[]): Generator<string> {
  const names = columnsOf(rows);
  yield names.map(csvField).join(',') + '\n';
  for (const row of rows) yield names.map((n) => csvField(row[n])).join(',') + '\n';
}

/**
 * Text pieces of `value` in the asked format. JSON writes `value` itself; NDJSON, CSV and the
 * table write `rows`, one per line (the table's columns as `shape` says, else inferred).
 */
export function* render(
  format: OutputFormat,
  value: unknown,
  rows: readonly Record<string, unknown>[],
  shape?: TableShape,
): Generator<string> {
  if (format === 'json') {
    yield JSON.stringify(value, null, 2) + '\n';
  } else if (format === 'ndjson') {
    for (const row of rows) yield JSON.stringify(row) + '\n';
  } else if (format === 'csv') {
    yield* csvLines(rows);
  } else {
    yield* tableLines(rows, shape ?? inferShape(rows));
  }
}
