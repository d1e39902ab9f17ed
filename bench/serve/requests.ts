/**
 * The requests `bench:serve` sends: per vendor, a cheap typical one and the heaviest one the
 * vendor's rules allow over the committed sample (its clock is SAMPLE_NOW, 2026-11-20T12:00Z),
 * with the sample server's credentials (bench/serve/server.ts).
 */
const basic = `Basic ${btoa('example:example-secret')}`;
export const HEADERS = {
  boltz: { 'x-api-key': 'bk_example' },
  miosa: { authorization: 'Bearer msk_example' },
  scenario: { authorization: basic },
  adverity: { authorization: 'Token tok_example' },
} as const;

export type Vendor = keyof typeof HEADERS;

export interface BenchRequest {
  vendor: Vendor;
  path: string;
}

export const CHEAP: BenchRequest[] = [
  {
    vendor: 'boltz',
    path: '/compute/v1/admin/usage?starting_at=2026-11-13T00:00:00Z&ending_at=2026-11-20T00:00:00Z&window_size=DAY&limit=31',
  },
  { vendor: 'miosa', path: '/api/v1/usage?period=7d&group_by=workspace_id' },
  { vendor: 'scenario', path: '/usages?timeRange=last-seven-days&type=consumption' },
  { vendor: 'adverity', path: '/api/v1/usage/?granularity=monthly&date_from=2026-10-01&page_size=100' },
];

/** The heaviest legal request of each vendor: the widest range, the finest grid, every group and type. */
export const HEAVY: BenchRequest[] = [
  // 31 days of hours, every workspace × application, the largest page.
  {
    vendor: 'boltz',
    path: '/compute/v1/admin/usage?starting_at=2026-10-20T00:00:00Z&ending_at=2026-11-20T00:00:00Z&window_size=HOUR&group_by=workspace_id&group_by=application&limit=1000',
  },
  // A custom period over the whole calendar.
  {
    vendor: 'miosa',
    path: '/api/v1/usage?period=custom&start=0001-01-01T00:00:00Z&end=9999-12-31T00:00:00Z&group_by=external_user_id',
  },
  // Every type over the longest range (120 days, weekly points) with activity.
  { vendor: 'scenario', path: '/usages?startDate=2026-07-23T12:00:00Z&endDate=2026-11-20T12:00:00Z' },
  // Daily rows since year 1 (740k days of range), the largest page.
  { vendor: 'adverity', path: '/api/v1/usage/?date_from=0001-01-01&page_size=100' },
];
