/**
 * Rows → output text: JSON, NDJSON or CSV (RFC 4180: fields with a comma, quote or line break
 * are quoted; null is an empty field; objects and arrays are written as JSON).
 */
export type OutputFormat = 'json' | 'ndjson' | 'csv';

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
 * Text pieces of `value` in the asked format. JSON writes `value` itself; NDJSON and CSV write
 * `rows`, one per line.
 */
export function* render(format: OutputFormat, value: unknown, rows: readonly Record<string, unknown>[]): Generator<string> {
  if (format === 'json') {
    yield JSON.stringify(value, null, 2) + '\n';
  } else if (format === 'ndjson') {
    for (const row of rows) yield JSON.stringify(row) + '\n';
  } else {
    yield* csvLines(rows);
  }
}
