/**
 * The Boltz request under Boltz's own query-parameter names (snake_case, as its API and SDK send
 * them), for code that calls the façade directly. The façade also takes any wire object (an HTTP
 * query turned into an object) and validates it as the vendor's server does.
 */
import type { APPLICATIONS, GROUP_BY, WINDOW_SIZES } from './params.ts';
import type { WireMany } from '../common/wire.ts';

/**
 * `GET /compute/v1/admin/usage` parameters.
 *
 * @example
 * const params: BoltzListParams = { starting_at: '2026-11-01T00:00:00Z', ending_at: '2026-11-08T00:00:00Z', window_size: 'DAY', group_by: ['application'] };
 * await boltz.admin.usage.list(params);
 */
export interface BoltzListParams {
  /** ISO 8601 date-time with `Z` or an offset (or a Date). */
  starting_at: string | Date;
  ending_at: string | Date;
  window_size: (typeof WINDOW_SIZES)[number];
  applications?: WireMany<(typeof APPLICATIONS)[number]>;
  'applications[]'?: WireMany<(typeof APPLICATIONS)[number]>;
  workspace_ids?: WireMany<string>;
  'workspace_ids[]'?: WireMany<string>;
  group_by?: WireMany<(typeof GROUP_BY)[number]>;
  'group_by[]'?: WireMany<(typeof GROUP_BY)[number]>;
  /** 1…1000, default 100. */
  limit?: number | string;
  /** The `next_page` cursor of the previous page. */
  page?: string;
}
