/** Engine rows → Adverity's page: `{ items, count }`, with DRF page-number pagination. */
import type { ColumnTable } from 'arquero';
import { formatIsoDate } from '../../time.ts';
import { invalidPage } from './errors.ts';
import { parsePythonInt } from './params.ts';
import { TOTAL, UNIQUE, type AdverityColumn } from './query.ts';
import type { WorkspaceTree } from './workspaces.ts';
import { columnAt } from '../common/table-rows.ts';

export interface AdverityUsageItem {
  date: string;
  workspace_id: string | number;
  workspace_name: string;
  datastream_id: string | number | null;
  unique_rows: number;
  total_rows: number;
}

export interface AdverityUsagePage {
  items: AdverityUsageItem[];
  count: number;
}

/**
 * The rows `[from, to)` of the requested page, as DRF's paginator picks it: `page` absent or
 * empty is 1 (DRF reads `query_params.get('page') or 1`), `last` the last page, anything not a
 * whole number from 1 to the last page (at least 1, so page 1 of an empty result is valid) is
 * 404 `{"detail":"Invalid page."}`.
 */
export function pageBounds(page: string | undefined, pageSize: number, count: number): { from: number; to: number } {
  const pages = Math.max(1, Math.ceil(count / pageSize));
  const n = page === undefined || page === '' ? 1 : page === 'last' ? pages : parsePythonInt(page);
  if (n === null || n < 1 || n > pages) throw invalidPage();
  const from = (n - 1) * pageSize;
  return { from, to: Math.min(from + pageSize, count) };
}

export function formatItems(
  table: ColumnTable,
  from: number,
  to: number,
  tree: WorkspaceTree,
  columns: Record<AdverityColumn, string>,
): AdverityUsageItem[] {
  const starts = columnAt(table, 'window_start');
  const workspaces = columnAt(table, columns.workspace_id);
  const datastreams = columnAt(table, columns.datastream_id);
  const unique = columnAt(table, UNIQUE);
  const total = columnAt(table, TOTAL);
  const items: AdverityUsageItem[] = [];
  for (let i = from; i < to; i++) {
    const workspace = workspaces(i) as string | number;
    items.push({
      date: formatIsoDate(starts(i) as number),
      workspace_id: workspace,
      workspace_name: tree.name(workspace) ?? '',
      datastream_id: (datastreams(i) ?? null) as string | number | null,
      unique_rows: unique(i) as number,
      total_rows: total(i) as number,
    });
  }
  return items;
}
