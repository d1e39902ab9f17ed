/** A validated Adverity request → its date range (from the injected clock), visible workspaces and engine query. */
import type { Query } from '../../engine/types.ts';
import { MS_PER_DAY, startOfUtcDay, startOfUtcMonth } from '../../time.ts';
import type { AdverityParams } from './params.ts';
import type { WorkspaceId } from './workspaces.ts';
import { columnNames } from '../vendor.ts';
import { adverityVendor, type AdverityVendor } from './vendor.ts';

/** The logical event columns, from the descriptor. */
export const ADVERITY_COLUMNS: readonly AdverityColumn[] = columnNames(adverityVendor.columns);
export type AdverityColumn = keyof AdverityVendor['columns'];

/** Internal measure names, so they cannot clash with a user's column names. */
export const UNIQUE = '__adverity_unique_rows';
export const TOTAL = '__adverity_total_rows';

/**
 * The half-open range `[date_from 00:00, (date_to + 1 day) 00:00)` in UTC. `date_from`
 * defaults to the 1st of the current UTC month; `date_to` to yesterday and is always capped to
 * yesterday (today is never reported). Null when nothing is left (`date_from` after the capped
 * `date_to`).
 */
export function dateRange(p: AdverityParams, now: number): { start: number; end: number } | null {
  const yesterday = startOfUtcDay(now) - MS_PER_DAY;
  const start = p.dateFrom ?? startOfUtcMonth(now);
  const last = Math.min(p.dateTo ?? yesterday, yesterday);
  return start <= last ? { start, end: last + MS_PER_DAY } : null;
}

/**
 * The workspaces the request reads: all visible ones, or the asked ids that are visible
 * (compared as text, since ids arrive as query strings). Others are silently ignored.
 */
export function workspaceFilter(p: AdverityParams, visible: readonly WorkspaceId[]): WorkspaceId[] {
  if (!p.workspaceIds) return [...visible];
  const asked = new Set(p.workspaceIds);
  return visible.filter((id) => asked.has(String(id)));
}

/** Rows per date × workspace × datastream: distinct `row_key` and the event count. */
export function engineQuery(
  p: AdverityParams,
  range: { start: number; end: number },
  workspaces: WorkspaceId[],
  columns: Record<AdverityColumn, string>,
): Query {
  const where: Query['where'] = { [columns.workspace_id]: workspaces };
  if (p.datastreamIds) where[columns.datastream_id] = p.datastreamIds;
  return {
    time: columns.ts,
    window: p.granularity === 'monthly' ? 'month' : 'day',
    timeZone: 'UTC',
    range,
    groupBy: [columns.workspace_id, columns.datastream_id],
    where,
    measures: {
      [UNIQUE]: { op: 'countDistinct', column: columns.row_key },
      [TOTAL]: { op: 'count' },
    },
    missingColumns: 'null',
  };
}
