/**
 * Engine rows → Boltz's response: `{ data, has_more, next_page }`, rows
 * `{ end_time, quantity, start_time, application?, workspace_id? }` (the key order of the
 * vendor's own example: the required fields alphabetically, then the optional ones), a group
 * key present only when grouped by it. `quantity` is an integer in the vendor's schema, so a
 * bucket sum is rounded half away from zero.
 */
import type { ColumnTable } from 'arquero';
import { formatIsoMillis } from '../../time.ts';
import { roundHalfAwayFromZero } from '../common/numbers.ts';
import { columnAt } from '../common/table-rows.ts';
import type { GroupBy } from './params.ts';
import { QUANTITY, type BoltzColumn } from './query.ts';

export interface BoltzUsageRow {
  end_time: string;
  quantity: number;
  start_time: string;
  application?: string | null;
  workspace_id?: string | null;
}

export interface BoltzUsagePage {
  data: BoltzUsageRow[];
  has_more: boolean;
  next_page: string | null;
}

/** Rows `from` … `to − 1` of the result table, formatted. */
export function formatRows(
  table: ColumnTable,
  from: number,
  to: number,
  groupBy: GroupBy[],
  columns: Record<BoltzColumn, string>,
): BoltzUsageRow[] {
  const starts = columnAt(table, 'window_start');
  const ends = columnAt(table, 'window_end');
  const quantities = columnAt(table, QUANTITY);
  const apps = groupBy.includes('application') ? columnAt(table, columns.application) : null;
  const workspaces = groupBy.includes('workspace_id') ? columnAt(table, columns.workspace_id) : null;
  const rows: BoltzUsageRow[] = [];
  // Rows come window by window: format each window's two instants once, not once per row.
  let start = NaN,
    end = NaN,
    startText = '',
    endText = '';
  for (let i = from; i < to; i++) {
    if (starts(i) !== start) {
      start = starts(i) as number;
      end = ends(i) as number;
      startText = formatIsoMillis(start);
      endText = formatIsoMillis(end);
    }
    const row: BoltzUsageRow = {
      end_time: endText,
      quantity: roundQuantity(quantities(i) as number),
      start_time: startText,
    };
    if (apps) row.application = (apps(i) ?? null) as string | null;
    if (workspaces) row.workspace_id = (workspaces(i) ?? null) as string | null;
    rows.push(row);
  }
  return rows;
}

/** Integer sums (the usual case) as they are; others rounded half away from zero. */
function roundQuantity(sum: number): number {
  return Number.isSafeInteger(sum) ? sum + 0 : roundHalfAwayFromZero(sum);
}
