/** A small MIOSA event set; the expected results in the tests are summed from it by hand. */
export const MIOSA_EVENTS: Record<string, unknown>[] = [
  // M1: 1 ms before the 30d period that ends 2026-05-26.
  {
    ts: '2026-04-25T23:59:59.999Z',
    workspace_id: 'w1',
    external_user_id: 'u1',
    external_project_id: 'p1',
    sandbox_seconds: 1000,
    computer_seconds: 0,
    storage_gb_hours: 0,
    credit_cents: 1000,
  },
  // M2: the period's first instant.
  {
    ts: '2026-04-26T00:00:00.000Z',
    workspace_id: 'w1',
    external_user_id: 'u1',
    external_project_id: 'p1',
    sandbox_seconds: 14400,
    computer_seconds: 0,
    storage_gb_hours: 2.5,
    credit_cents: 312,
  },
  // M3
  {
    ts: '2026-05-20T08:00:00Z',
    workspace_id: 'w1',
    external_user_id: 'u2',
    external_project_id: 'p2',
    sandbox_seconds: 3600,
    computer_seconds: 7200,
    storage_gb_hours: 0,
    credit_cents: 108,
  },
  // M4: the period's last millisecond.
  {
    ts: '2026-05-25T23:59:59.999Z',
    workspace_id: 'w2',
    external_user_id: 'u2',
    external_project_id: 'p1',
    sandbox_seconds: 10,
    computer_seconds: 20,
    storage_gb_hours: 0.25,
    credit_cents: 0.5,
  },
  // M5: at period_end, outside.
  {
    ts: '2026-05-26T00:00:00Z',
    workspace_id: 'w1',
    external_user_id: 'u3',
    external_project_id: 'p1',
    sandbox_seconds: 1,
    computer_seconds: 1,
    storage_gb_hours: 1,
    credit_cents: 999,
  },
  // M6: no user, computer_seconds missing, storage null.
  {
    ts: '2026-05-01T00:00:00Z',
    workspace_id: 'w2',
    external_user_id: null,
    external_project_id: 'p2',
    sandbox_seconds: 5,
    storage_gb_hours: null,
    credit_cents: 312,
  },
  // M7, M8: u3's credit 1.25 + 1.25 = 2.5.
  {
    ts: '2026-04-30T12:00:00Z',
    workspace_id: 'w2',
    external_user_id: 'u3',
    external_project_id: 'p2',
    sandbox_seconds: 0,
    computer_seconds: 60,
    storage_gb_hours: 0.5,
    credit_cents: 1.25,
  },
  {
    ts: '2026-05-10T12:00:00Z',
    workspace_id: 'w2',
    external_user_id: 'u3',
    external_project_id: 'p2',
    sandbox_seconds: 0,
    computer_seconds: 60,
    storage_gb_hours: 0.5,
    credit_cents: 1.25,
  },
];

/** The seed's example: 30d on 2026-05-25 runs 2026-04-26 → 2026-05-26. */
export const NOW = new Date('2026-05-25T12:00:00Z');
