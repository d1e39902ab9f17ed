/**
 * Engine rows → Boltz's response: `{ data, has_more, next_page }`, rows
 * `{ start_time, end_time, quantity, application?, workspace_id? }`, a group key present only
 * when grouped by it.
 */
import type { ColumnTable } from 'arquero';
import { formatIsoMillis } from '../../time.ts';
import type { GroupBy } from './params.ts';
import { QUANTITY, type BoltzColumn } from './query.ts';

export interface BoltzUsageRow {
  start_time: string;
  end_time: string;
  quantity: number;
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
  const starts = table.array('window_start');
  const ends = table.array('window_end');
  const quantities = table.array(QUANTITY);
  const apps = groupBy.includes('application') ? table.array(columns.application) : null;
  const workspaces = groupBy.includes('workspace_id') ? table.array(columns.workspace_id) : null;
  const rows: BoltzUsageRow[] = [];
  for (let i = from; i < to; i++) {
    const row: BoltzUsageRow = {
      start_time: formatIsoMillis(starts[i] as number),
      end_time: formatIsoMillis(ends[i] as number),
      quantity: quantities[i] as number,
    };
    if (apps) row.application = (apps[i] ?? null) as string | null;
    if (workspaces) row.workspace_id = (workspaces[i] ?? null) as string | null;
    rows.push(row);
  }
  return rows;
}
