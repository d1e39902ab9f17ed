/**
 * The Adverity request under Adverity's own query-parameter names, for code that calls the
 * façade directly. The façade also takes any wire object and validates it as the vendor's
 * server does.
 */
import type { Granularity } from './params.ts';
import type { WireMany } from '../common/wire.ts';

/**
 * `GET /api/v1/usage/` parameters.
 *
 * @example
 * const params: AdverityUsageParams = { granularity: 'monthly', date_from: '2026-10-01', workspace_id: ['ws-a', 'ws-b'] };
 * await adverity.usage.list(params, { scope: 'ws-root' });
 */
export interface AdverityUsageParams {
  granularity?: Granularity;
  /** ISO 8601 dates (YYYY-MM-DD). */
  date_from?: string;
  date_to?: string;
  workspace_id?: WireMany<string | number>;
  datastream_id?: WireMany<string | number>;
  /** 1-based page number. */
  page?: number | string;
  /** Default 50, at most 100. */
  page_size?: number | string;
}
