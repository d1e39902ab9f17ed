/** A workspace tree and a small event set; the expected items in the tests are counted from them by hand. */
import type { Workspace } from '../../../src/facades/adverity/index.ts';

//   ws-root ─┬─ ws-a ── ws-a1        ws-x (another customer)
//            └─ ws-b
export const WORKSPACES: Workspace[] = [
  { id: 'ws-root', name: 'Root', parent_id: null },
  { id: 'ws-a', name: 'Agency A', parent_id: 'ws-root' },
  { id: 'ws-a1', name: 'Client A1', parent_id: 'ws-a' },
  { id: 'ws-b', name: 'Brand B', parent_id: 'ws-root' },
  { id: 'ws-x', name: 'Elsewhere', parent_id: null },
];

export const ADVERITY_EVENTS = [
  { ts: '2026-05-31T23:59:59.999Z', workspace_id: 'ws-root', datastream_id: 'ds-1', row_key: 'r1' }, // A1: before June
  { ts: '2026-06-01T00:00:00.000Z', workspace_id: 'ws-root', datastream_id: 'ds-1', row_key: 'r1' }, // A2
  { ts: '2026-06-01T10:00:00Z', workspace_id: 'ws-root', datastream_id: 'ds-1', row_key: 'r1' }, // A3: duplicate of A2
  { ts: '2026-06-01T11:00:00Z', workspace_id: 'ws-root', datastream_id: 'ds-1', row_key: 'r2' }, // A4
  { ts: '2026-06-01T12:00:00Z', workspace_id: 'ws-root', datastream_id: null, row_key: 'r3' }, // A5: no datastream
  { ts: '2026-06-02T00:00:00Z', workspace_id: 'ws-a', datastream_id: 'ds-2', row_key: 'r1' }, // A6
  { ts: '2026-06-02T05:00:00Z', workspace_id: 'ws-a1', datastream_id: 'ds-3', row_key: 'r9' }, // A7
  { ts: '2026-06-02T06:00:00Z', workspace_id: 'ws-x', datastream_id: 'ds-4', row_key: 'r1' }, // A8: outside ws-root
  { ts: '2026-06-18T23:59:59.999Z', workspace_id: 'ws-b', datastream_id: 'ds-5', row_key: 'r1' }, // A9: yesterday's last ms
  { ts: '2026-06-19T00:00:00Z', workspace_id: 'ws-b', datastream_id: 'ds-5', row_key: 'r2' }, // A10: today
  { ts: '2026-06-03T00:00:00Z', workspace_id: 'ws-root', datastream_id: 'ds-1', row_key: 'r1' }, // A11: r1 again, another day
  { ts: '2026-06-05T00:00:00Z', workspace_id: 'ws-root', datastream_id: 'ds-1', row_key: null }, // A12: no row key
  { ts: '2028-02-29T12:00:00Z', workspace_id: 'ws-b', datastream_id: 'ds-5', row_key: 'leap' }, // A13: leap day
];

/** Exactly midnight: today is 2026-06-19, yesterday 2026-06-18, the month began 2026-06-01. */
export const NOW = new Date('2026-06-19T00:00:00.000Z');

export const item = (
  date: string,
  workspace_id: string,
  workspace_name: string,
  datastream_id: string | null,
  unique_rows: number,
  total_rows: number,
) => ({ date, workspace_id, workspace_name, datastream_id, unique_rows, total_rows });

/** The default daily report for ws-root at NOW (2026-06-01 … 2026-06-18). */
export const ROOT_DAILY = [
  item('2026-06-01', 'ws-root', 'Root', 'ds-1', 2, 3), // A2, A3, A4: r1, r2
  item('2026-06-01', 'ws-root', 'Root', null, 1, 1), // A5
  item('2026-06-02', 'ws-a', 'Agency A', 'ds-2', 1, 1), // A6
  item('2026-06-02', 'ws-a1', 'Client A1', 'ds-3', 1, 1), // A7
  item('2026-06-03', 'ws-root', 'Root', 'ds-1', 1, 1), // A11
  item('2026-06-05', 'ws-root', 'Root', 'ds-1', 0, 1), // A12: a row without a key is counted, not unique
  item('2026-06-18', 'ws-b', 'Brand B', 'ds-5', 1, 1), // A9
];
