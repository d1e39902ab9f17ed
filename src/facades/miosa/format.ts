/** Engine rows → MIOSA's rollup: `{ period_start, period_end, results }`. */
import type { ColumnTable } from 'arquero';
import { formatIsoMillis, formatIsoSeconds } from '../../time.ts';
import { roundHalfAwayFromZero } from '../shared/numbers.ts';
import { compareValues } from '../shared/order.ts';
import type { MiosaGroupBy } from './params.ts';
import { MEASURE, type MiosaColumn } from './query.ts';

export interface MiosaResult {
  [groupBy: string]: string | number | boolean | null;
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

/**
 * One result per group value: the metric sums, `credit_cents` rounded half away from zero
 * after summing. Ordered by credit_cents descending, then group value ascending (null last).
 */
export function formatResults(table: ColumnTable, groupBy: MiosaGroupBy, columns: Record<MiosaColumn, string>): MiosaResult[] {
  const keys = table.array(columns[groupBy]);
  const sandbox = table.array(MEASURE.sandbox_seconds);
  const computer = table.array(MEASURE.computer_seconds);
  const storage = table.array(MEASURE.storage_gb_hours);
  const credit = table.array(MEASURE.credit_cents);
  const results: MiosaResult[] = [];
  for (let i = 0; i < table.numRows(); i++) {
    results.push({
      [groupBy]: (keys[i] ?? null) as string | number | boolean | null,
      sandbox_seconds: sandbox[i] as number,
      computer_seconds: computer[i] as number,
      storage_gb_hours: storage[i] as number,
      credit_cents: roundHalfAwayFromZero(credit[i] as number),
    });
  }
  return results.sort((a, b) => b.credit_cents - a.credit_cents || compareValues(a[groupBy], b[groupBy]));
}
