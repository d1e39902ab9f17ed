/**
 * A validated Boltz request → the engine query, the checks FastAPI's handler makes after
 * validation (400s), and the binding its page cursor is tied to.
 */
import type { Query } from '../../engine/types.ts';
import { MS_PER_DAY, MS_PER_HOUR } from '../../time.ts';
import { httpError } from './fastapi.ts';
import { queryBinding } from './cursor.ts';
import { filterValues } from '../common/text.ts';
import type { BoltzParams, WindowSize } from './params.ts';
import { columnNames } from '../vendor.ts';
import { boltzVendor, type BoltzVendor } from './vendor.ts';

/** The logical event columns, from the descriptor. */
export const BOLTZ_COLUMNS: readonly BoltzColumn[] = columnNames(boltzVendor.columns);
export type BoltzColumn = keyof BoltzVendor['columns'];

/** Window length and the longest range (as requested, before snapping) each window size allows. */
export const WINDOWS: Record<WindowSize, { ms: number; maxDays: number; unit: 'hour' | 'day' }> = {
  HOUR: { ms: MS_PER_HOUR, maxDays: 31, unit: 'hour' },
  DAY: { ms: MS_PER_DAY, maxDays: 365, unit: 'day' },
};

/** The measure's output name; internal, so it cannot clash with a user's column name. */
export const QUANTITY = '__boltz_quantity';

/** The 400s: start ≥ end, a range longer than the window size allows. */
export function checkRange(p: BoltzParams): void {
  if (p.startingAt >= p.endingAt) throw httpError(400, 'starting_at must be before ending_at');
  const { maxDays } = WINDOWS[p.windowSize];
  if (p.endingAt - p.startingAt > maxDays * MS_PER_DAY) {
    throw httpError(400, `Time range too large: window_size ${p.windowSize} supports up to ${maxDays} days per query`);
  }
}

/** The range snapped outward to whole UTC windows. */
export function snappedRange(p: BoltzParams): { start: number; end: number } {
  const { ms } = WINDOWS[p.windowSize];
  return { start: Math.floor(p.startingAt / ms) * ms, end: Math.ceil(p.endingAt / ms) * ms };
}

/** The engine query: one sum per window (× group); ungrouped windows zero-filled over the range. */
export function engineQuery(p: BoltzParams, columns: Record<BoltzColumn, string>): Query {
  const where: Query['where'] = {};
  if (p.applications) where[columns.application] = p.applications;
  if (p.workspaceIds) where[columns.workspace_id] = filterValues(p.workspaceIds);
  return {
    time: columns.ts,
    window: WINDOWS[p.windowSize].unit,
    timeZone: 'UTC',
    range: snappedRange(p),
    groupBy: p.groupBy.map((g) => columns[g]),
    where,
    measures: { [QUANTITY]: { op: 'sum', column: columns.quantity } },
    fill: p.groupBy.length ? 'none' : 'zero',
    missingColumns: 'null',
  };
}

/**
 * What a page cursor is bound to: every parameter but `page` and `limit`, normalised (instants
 * as epoch ms, lists sorted and deduplicated), so a cursor is valid for exactly the query that
 * produced it, whatever page size the next request asks for.
 */
export function cursorBinding(p: BoltzParams): string {
  const sorted = (list: string[] | null) => (list ? [...list].sort() : null);
  return queryBinding({
    endpoint: 'boltz.admin.usage',
    starting_at: p.startingAt,
    ending_at: p.endingAt,
    window_size: p.windowSize,
    applications: sorted(p.applications),
    workspace_ids: sorted(p.workspaceIds),
    group_by: p.groupBy,
  });
}
