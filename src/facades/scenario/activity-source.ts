/**
 * The activity feed over an EventSource (ClickHouse): the source lists the page itself — the same
 * range, filters, order (newest first, ties: the later row first) and paging the in-process feed
 * applies — and each row becomes an item exactly as an in-process event does.
 */
import type { EventSource, RowsRequest } from '../../engine/source.ts';
import type { WhereCondition } from '../../engine/types.ts';
import { activityItem, ITEM_COLUMNS, type ActivityItem } from './activity.ts';
import { ACTIVITY_PAGE_SIZE } from './enums.ts';
import type { Columns } from './query.ts';

/** A source that can list its events. */
export type ListingSource = EventSource & { rows(request: RowsRequest): Promise<Record<string, unknown>[]> };

/**
 * Checks at creation that a source can serve the feed.
 * @throws TypeError when the source has no `rows` listing.
 */
export function listingSource(source: EventSource): ListingSource {
  if (typeof source.rows !== 'function') {
    throw new TypeError(
      'createScenario: events is an EventSource without rows(); the activity type needs a source that can list rows',
    );
  }
  return source as ListingSource;
}

/**
 * One page of activity from the source: rows of `range` that pass `filters`, from `offset`.
 *
 * @example
 * await sourceActivityPage(source, cols, { start, end }, { project_id: ['p1'] }, 100);
 * // [{ action: 'upscale', data: { … }, projectId: 'p1', time: '2026-04-08T10:00:00.000Z', userId: 'u1' }, …]
 */
export async function sourceActivityPage(
  source: ListingSource,
  cols: Columns,
  range: { start: number; end: number },
  filters: Record<string, WhereCondition>,
  offset: number,
): Promise<ActivityItem[]> {
  // A column the source lacks reads as null: it is not listed, and a filter on it (a list of
  // ids, never null) matches no event.
  const has = (column: string) => source.hasColumn?.(column) ?? true;
  if (Object.keys(filters).some((column) => !has(column))) return [];
  const rows = await source.rows({
    time: cols.ts,
    range: { start: range.start, end: range.end },
    where: filters,
    columns: ITEM_COLUMNS.map((c) => cols[c]).filter(has),
    offset,
    limit: ACTIVITY_PAGE_SIZE,
  });
  return rows.map((row) => activityItem((c) => row[cols[c]], row[cols.ts] as number));
}
