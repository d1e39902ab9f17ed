/** A validated MIOSA request → its period (from the injected clock) and the engine query. */
import type { Query } from '../../engine/types.ts';
import { MS_PER_DAY, startOfUtcDay, startOfUtcMonth } from '../../time.ts';
import type { MiosaParams } from './params.ts';
import { columnNames } from '../vendor.ts';
import { miosaVendor, type MiosaVendor } from './vendor.ts';

/** The logical event columns, from the descriptor. */
export const MIOSA_COLUMNS: readonly MiosaColumn[] = columnNames(miosaVendor.columns);
export type MiosaColumn = keyof MiosaVendor['columns'];
export const METRICS = ['sandbox_seconds', 'computer_seconds', 'storage_gb_hours', 'credit_cents'] as const;
export type MiosaMetric = (typeof METRICS)[number];

/** Internal measure names, so they cannot clash with a user's column names. */
export const MEASURE: Record<MiosaMetric, string> = {
  sandbox_seconds: '__miosa_sandbox_seconds',
  computer_seconds: '__miosa_computer_seconds',
  storage_gb_hours: '__miosa_storage_gb_hours',
  credit_cents: '__miosa_credit_cents',
};

/**
 * The half-open period `[start, end)` in epoch ms. `7d`/`30d` end at the next UTC midnight
 * strictly after now (at exactly midnight, the one a day later) and start N days before it;
 * `mtd` runs from the 1st of the current UTC month to that same midnight; `custom` is as given.
 */
export function periodOf(p: MiosaParams, now: number): { start: number; end: number } {
  if (p.period === 'custom') return { start: p.start, end: p.end };
  const end = startOfUtcDay(now) + MS_PER_DAY;
  if (p.period === 'mtd') return { start: startOfUtcMonth(now), end };
  return { start: end - (p.period === '7d' ? 7 : 30) * MS_PER_DAY, end };
}

/** One window (the period), one row per group value, the four metrics summed. */
export function engineQuery(p: MiosaParams, period: { start: number; end: number }, columns: Record<MiosaColumn, string>): Query {
  return {
    time: columns.ts,
    window: 'none',
    range: period,
    groupBy: [columns[p.groupBy]],
    measures: Object.fromEntries(METRICS.map((m) => [MEASURE[m], { op: 'sum' as const, column: columns[m] }])),
    missingColumns: 'null',
  };
}
