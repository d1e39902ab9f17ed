/**
 * The MIOSA request under MIOSA's own query-parameter names, for code that calls the façade
 * directly. The façade also takes any wire object and validates it as the vendor's server does.
 */
import type { MiosaGroupBy, MiosaPeriod } from './params.ts';

/**
 * `GET /api/v1/usage` parameters.
 *
 * @example
 * const params: MiosaUsageParams = { period: 'custom', start: '2026-05-01', end: '2026-05-15', group_by: 'external_user_id' };
 * await miosa.usage.get(params);
 */
export interface MiosaUsageParams {
  /** Default `30d`; `custom` needs `start` and `end`. */
  period?: MiosaPeriod;
  /** ISO 8601 date or date-time (period=custom). */
  start?: string;
  end?: string;
  group_by?: MiosaGroupBy;
}
