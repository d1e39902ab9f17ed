/**
 * The Scenario request under Scenario's own query-parameter names: camelCase as its HTTP API
 * takes them, or the snake_case its SDK writes. The façade also takes any wire object and
 * validates it as the vendor's server does.
 */
import type { TimeRange, UsageType } from './enums.ts';
import type { WireMany } from '../common/wire.ts';

/**
 * `GET /usages` parameters.
 *
 * @example
 * const params: ScenarioUsagesParams = { timeRange: 'last-seven-days', type: ['usages', 'consumption'] };
 * await scenario.usages.list(params);
 */
export interface ScenarioUsagesParams {
  /** ISO 8601; with `endDate`, a custom range of at most 120 days instead of `timeRange`. */
  startDate?: string;
  endDate?: string;
  timeRange?: TimeRange;
  projectIds?: WireMany<string>;
  userIds?: WireMany<string>;
  userId?: string;
  type?: WireMany<UsageType>;
  activityOffset?: number | string;
  /** Present (any value but false/0/no/off): leave out points whose value is zero. */
  dropZeroPoints?: boolean | string;
  start_date?: string;
  end_date?: string;
  time_range?: TimeRange;
  project_ids?: WireMany<string>;
  user_ids?: WireMany<string>;
  user_id?: string;
  activity_offset?: number | string;
  drop_zero_points?: boolean | string;
}
