/** Engine rows → MIOSA's rollup: `{ period_start, period_end, results }`. */
import type { ColumnTable } from 'arquero';
import { OverflowError } from '../../errors.ts';
import { formatIsoMillis, formatIsoSeconds } from '../../time.ts';
import { cleanTotal, roundHalfAwayFromZero } from '../common/numbers.ts';
import { asText } from '../common/text.ts';
import { compareValues } from '../../engine/values.ts';
import type { MiosaGroupBy } from './params.ts';
import { MEASURE, METRICS, type MiosaColumn, type MiosaMetric } from './query.ts';

export interface MiosaResult {
  [groupBy: string]: string | number | null;
  sandbox_seconds: number;
  computer_seconds: number;
  storage_gb_hours: number;
  credit_cents: number;
}

export interface MiosaRollup {
  period_start: string;
  period_end: string;
  results: MiosaResult[];
}

/** `YYYY-MM-DDTHH:mm:ssZ`; an instant with milliseconds (a custom period) keeps them, `.sssZ`. */
export function formatPeriodInstant(ms: number): string {
  return ms % 1000 === 0 ? formatIsoSeconds(ms) : formatIsoMillis(ms);
}

/** The engine's overflow error for a group merged here (the period is the table's one window). */
function mergedOverflow(table: ColumnTable, measure: string, column: string, key: string | null, value: number): OverflowError {
  const windowStart = table.array('window_start')[0] as number,
    windowEnd = table.array('window_end')[0] as number;
  return new OverflowError(
    { measure, windowStart, windowEnd, group: { [column]: key }, value },
    `for ${column}=${JSON.stringify(key)}`,
  );
}

/**
 * One result per group value, the value as a string: events whose values print alike (`42`
 * and `"42"`) are one group, as they are in the vendor's string column. The metrics are sums
 * cleaned of binary noise; `credit_cents` is rounded half away from zero after summing.
 * Ordered by credit_cents descending, then group value ascending (null last).
 */
export function formatResults(table: ColumnTable, groupBy: MiosaGroupBy, columns: Record<MiosaColumn, string>): MiosaResult[] {
  const keys = table.array(columns[groupBy]);
  const metrics = METRICS.map((m) => table.array(MEASURE[m]));
  const sums = new Map<string | null, number[]>();
  for (let i = 0; i < table.numRows(); i++) {
    const key = asText(keys[i]);
    let sum = sums.get(key);
    if (!sum) sums.set(key, (sum = METRICS.map(() => 0)));
    metrics.forEach((values, j) => {
      sum[j] += values[i] as number;
    });
  }
  const results = [...sums].map(([key, sum]) => {
    const total = (m: MiosaMetric) => {
      const value = sum[METRICS.indexOf(m)];
      // Two groups merged into one text can overflow where neither did alone.
      if (!Number.isFinite(value)) throw mergedOverflow(table, MEASURE[m], columns[groupBy], key, value);
      return value;
    };
    return {
      [groupBy]: key,
      sandbox_seconds: cleanTotal(total('sandbox_seconds')),
      computer_seconds: cleanTotal(total('computer_seconds')),
      storage_gb_hours: cleanTotal(total('storage_gb_hours')),
      credit_cents: roundHalfAwayFromZero(total('credit_cents')),
    } as MiosaResult;
  });
  return results.sort((a, b) => b.credit_cents - a.credit_cents || compareValues(a[groupBy], b[groupBy]));
}
