/** A small Boltz event set; the expected rows in the tests are summed from it by hand. */
export const BOLTZ_EVENTS = [
  { ts: '2026-03-31T23:59:59.999Z', workspace_id: 'ws-a', application: 'adme', quantity: 100 }, // E1: before the range
  { ts: '2026-04-01T00:00:00.000Z', workspace_id: 'ws-a', application: 'adme', quantity: 1 }, // E2
  { ts: '2026-04-01T00:30:00Z', workspace_id: 'ws-b', application: 'protein_design', quantity: 2 }, // E3
  { ts: '2026-04-01T00:59:59.999Z', workspace_id: 'ws-a', application: 'protein_design', quantity: 4 }, // E4
  { ts: '2026-04-01T02:15:00Z', workspace_id: 'ws-b', application: 'adme', quantity: 8 }, // E5
  { ts: '2026-04-01T02:45:00Z', workspace_id: 'ws-a', application: 'adme', quantity: 16 }, // E6
  { ts: '2026-04-01T03:00:00Z', workspace_id: 'ws-a', application: 'adme', quantity: 32 }, // E7
  { ts: '2026-04-01T01:30:00Z', workspace_id: null, application: 'adme', quantity: 64 }, // E8: no workspace
  { ts: '2026-04-02T23:59:59.999Z', workspace_id: 'ws-b', application: 'adme', quantity: 128 }, // E9
  { ts: '2026-04-30T23:30:00Z', workspace_id: 'ws-a', application: 'adme', quantity: 3 }, // E10: month end
  { ts: '2026-05-01T00:00:00Z', workspace_id: 'ws-a', application: 'adme', quantity: 7 }, // E11: the 1st
  { ts: '2028-02-29T12:00:00Z', workspace_id: 'ws-a', application: 'adme', quantity: 5 }, // E12: leap day
];

/** [00:20, 02:30) on 2026-04-01, snapping to [00:00, 03:00). */
export const RANGE_A = { starting_at: '2026-04-01T00:20:00Z', ending_at: '2026-04-01T02:30:00Z' };

export const hour = (h: string) => ({
  start_time: `2026-04-01T${h}:00:00.000Z`,
  end_time: `2026-04-01T${String(+h + 1).padStart(2, '0')}:00:00.000Z`,
});
