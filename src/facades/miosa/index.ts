/**
 * The MIOSA usage rollup façade: `miosa.usage.get(params)` answers as `GET /api/v1/usage`
 * does. Package subpath: `usage-aggregator/facades/miosa`.
 */
import { nowMs } from '../common/clock.ts';
import { resolveColumns, type ColumnMapping } from '../common/columns.ts';
import { checkFacadeOptions, type FacadeOptions } from '../common/options.ts';
import { overflowAs5xx } from '../common/overflow.ts';
import type { WireParams } from '../common/wire.ts';
import { formatPeriodInstant, formatResults, type MiosaRollup } from './format.ts';
import { parseMiosaParams } from './params.ts';
import { MEASURE, MIOSA_COLUMNS, engineQuery, periodOf, type MiosaColumn } from './query.ts';

export type { MiosaResult, MiosaRollup } from './format.ts';
export { GROUP_BY, PERIODS, type MiosaParams, type MiosaGroupBy, type MiosaPeriod } from './params.ts';
export { MIOSA_COLUMNS, type MiosaColumn } from './query.ts';
export type { MiosaUsageParams } from './wire-params.ts';
import type { MiosaUsageParams } from './wire-params.ts';

export type MiosaOptions = FacadeOptions<ColumnMapping<MiosaColumn>>;

export interface Miosa {
  usage: {
    /** Resolves to `{ period_start, period_end, results }`; rejects with a `FacadeError` (422). */
    get(params?: MiosaUsageParams | WireParams): Promise<MiosaRollup>;
  };
}

/**
 * Creates the MIOSA façade over events `ts, workspace_id, external_user_id,
 * external_project_id, sandbox_seconds, computer_seconds, storage_gb_hours, credit_cents`
 * (names mappable with `columns`; an event's missing or null metric counts as 0, and a column
 * no event carries reads as null: a metric sums to 0, a group column is the null group).
 *
 * Behaviour, from the vendor's document and, where it is silent, as decided here:
 * - `group_by` `external_user_id` (default) | `external_project_id` | `workspace_id`;
 *   `period` `30d` (default) | `7d` | `mtd` | `custom`. A parameter sent twice takes its last
 *   value; an empty value is not the default but an invalid one.
 * - `7d`/`30d`: `period_end` is the next UTC midnight strictly after now (now exactly at
 *   midnight: the following one), `period_start` 7 or 30 days before it. `mtd`: the 1st of the
 *   current UTC month 00:00 to that midnight. `custom`: `start` and `end` exactly as given, any
 *   valid ISO 8601 date or date-time, extended or basic (`2026-05-01`, `2026-05-01T00:00:00`,
 *   `20260501T000000Z`): a date is UTC midnight, a date-time without an offset is UTC. `start`
 *   and `end` are ignored for other periods.
 * - Events count when `period_start ≤ ts < period_end`.
 * - `period_start`/`period_end` print as `YYYY-MM-DDTHH:mm:ssZ` in UTC; a custom instant with
 *   milliseconds keeps them (`2026-04-26T00:00:00.250Z`), so the printed period is the one
 *   aggregated. Sub-millisecond digits are dropped (instants are epoch ms).
 * - `results`: one per group value with an event in the period. The vendor types the value as
 *   a string, so it is one: `42` → `"42"`, and events with `42` and `"42"` are one group;
 *   `null` for events without one. The metrics are summed; a non-integer sum is rounded to 15
 *   significant digits (`0.1 + 0.2` → `0.3`), `credit_cents` then rounded half away from zero.
 *   Ordered by credit_cents descending, then group value ascending, null last. No events:
 *   `results: []`. Keys in the order of the vendor's example.
 * - Errors: 422 `{"error":{"code","message"}}`, checked in the order group_by, period, custom
 *   range: `invalid group_by` ("group_by must be one of external_user_id,
 *   external_project_id, workspace_id"), `invalid period` ("period must be one of 7d, 30d,
 *   mtd, custom"), `invalid_custom_range` ("start and end are required when period=custom",
 *   "start and end must be valid ISO 8601 dates or date-times, e.g. 2026-04-26T00:00:00Z",
 *   "start must be before end").
 *
 * @example
 * const miosa = createMiosa({ events, engine: createEngine({ workers: 0 }), now: () => new Date('2026-05-25T12:00:00Z') });
 * await miosa.usage.get({ period: '30d' });
 * // { period_start: '2026-04-26T00:00:00Z', period_end: '2026-05-26T00:00:00Z', results: [...] }
 */
export function createMiosa(options: MiosaOptions): Miosa {
  const { events, engine, now } = checkFacadeOptions('createMiosa', options);
  const columns = resolveColumns('createMiosa', MIOSA_COLUMNS, options.columns);

  async function get(params: MiosaUsageParams | WireParams = {}): Promise<MiosaRollup> {
    const p = parseMiosaParams(params as WireParams); // the typed form is one shape of wire params;
    const period = periodOf(p, nowMs(now));
    // A group whose sum overflows is a 500 in MIOSA's envelope, naming the period and the group.
    const results = await overflowAs5xx(
      engine.aggregate(events, engineQuery(p, period, columns)).then((table) => formatResults(table, p.groupBy, columns)),
      { measures: Object.fromEntries(Object.entries(MEASURE).map(([metric, name]) => [name, metric])), columns },
      (message) => ({ error: { code: 'internal_error', message } }),
    );
    return { period_start: formatPeriodInstant(period.start), period_end: formatPeriodInstant(period.end), results };
  }

  return { usage: { get } };
}
