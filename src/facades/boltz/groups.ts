/**
 * Group values as the vendor types them: `workspace_id` and `application` are strings in Boltz's
 * schema, so an event's number (or boolean) is its text — `42` is `"42"` — and the filter
 * `workspace_ids=42` matches it. Buckets whose values print alike (`42` and `"42"`) are one
 * bucket, ordered as text, as they would be in the vendor's string columns. Only a result that
 * holds a value that is not a string is rebuilt; the usual one passes through untouched.
 */
import { table as toTable, type ColumnTable } from 'arquero';
import { compareValues } from '../../engine/values.ts';
import { OverflowError } from '../../errors.ts';
import { asText } from '../common/text.ts';

/**
 * The result with its group columns as text, buckets that print alike summed into one.
 * @throws OverflowError when two merged buckets overflow together.
 */
export function textGroups(table: ColumnTable, groups: string[], measure: string): ColumnTable {
  const values = groups.map((c) => table.array(c) as ArrayLike<unknown>);
  const n = table.numRows();
  if (
    !values.some((col) => Array.prototype.some.call(col, (v: unknown) => v !== null && v !== undefined && typeof v !== 'string'))
  ) {
    return table;
  }
  const starts = table.array('window_start') as ArrayLike<number>;
  const ends = table.array('window_end') as ArrayLike<number>;
  const sums = table.array(measure) as ArrayLike<number>;
  const buckets = new Map<string, { start: number; end: number; keys: (string | null)[]; sum: number }>();
  for (let i = 0; i < n; i++) {
    const keys = values.map((col) => asText(col[i]));
    const id = JSON.stringify([starts[i], ...keys]);
    const bucket = buckets.get(id);
    if (bucket) bucket.sum += sums[i];
    else buckets.set(id, { start: starts[i], end: ends[i], keys, sum: sums[i] });
  }
  const rows = [...buckets.values()].sort(
    (a, b) => a.start - b.start || a.keys.reduce((d, k, j) => d || compareValues(k, b.keys[j]), 0),
  );
  for (const r of rows) {
    if (!Number.isFinite(r.sum)) {
      const group = Object.fromEntries(groups.map((c, j) => [c, r.keys[j]]));
      throw new OverflowError({ measure, windowStart: r.start, windowEnd: r.end, group, value: r.sum }, 'in a merged bucket');
    }
  }
  return toTable({
    window_start: rows.map((r) => r.start),
    window_end: rows.map((r) => r.end),
    ...Object.fromEntries(groups.map((c, j) => [c, rows.map((r) => r.keys[j])])),
    [measure]: rows.map((r) => r.sum),
  });
}
