/**
 * The Scenario façade: `scenario.usages.list(params)` answers as Scenario's `GET /usages` does,
 * from an events table (or an EventSource that can list rows, such as ClickHouse), catalogs of
 * entities and an engine.
 * docs/scenario.md holds the full list of decisions; in short:
 *
 * - Parameters: camelCase on the wire, the Python SDK's snake_case names accepted too (camelCase
 *   wins when both are sent). `type` is a comma list or an array; unknown names are dropped and
 *   none left means every type. `activityOffset` is any decimal number with a non-negative
 *   integral value (`100`, `100.0`, `+100`, `1e2`: the SDK types it as a float); else 0.
 *   `dropZeroPoints`: bare (`''`) or any value enables it, except `false 0 no off` (any letter
 *   case, surrounding spaces ignored); absent disables it. Empty strings count as not given; a
 *   single-valued parameter sent twice takes its last value (as API Gateway passes it on).
 * - Range: `startDate` + `endDate` (ISO 8601, extended or basic: a date-time with Z or an
 *   offset, a date-time without one read as UTC, or a date read as UTC midnight), else `timeRange` (default
 *   `last-seven-days`) ending at `now`. The granularity comes from the requested length; the
 *   range then snaps outward to whole windows, and every type — series, consumption and
 *   activity — covers exactly that snapped range.
 * - Ids and labels are strings, as the vendor types them: an event's 42 is "42", values that
 *   print alike are one user, model or label, and a filter id that spells a number matches it.
 * - Totals: non-integer sums are rounded to 15 significant digits, then printed in their
 *   shortest form (`"4.3"`, not `"4.300000000000001"`).
 * - Events: a column no event carries reads as null in every row (only `ts` must exist), so
 *   the default request answers every type whatever columns the operator's events leave out.
 * - Errors: every invalid request is HTTP 400 with the body `{ "message": "…" }`, one
 *   sentence naming the parameter (the vendor document shows no error body, so the façade keeps
 *   it to the one field a client can display).
 *
 * @example
 * import { createEngine } from 'usage-aggregator';
 * import { createScenario } from 'usage-aggregator/facades/scenario';
 * const scenario = createScenario({ events, catalogs: { users, models }, engine: createEngine({ workers: 0 }) });
 * const res = await scenario.usages.list({ timeRange: 'last-day', type: 'usages,model-usages' });
 * res.usages[0]; // { granularity: '15m', points: [{ apiKey: '0', time: '…', value: '2.5' }, …], usageName: 'background-removal' }
 */
import { isEventSource } from '../../engine/source.ts';
import type { Engine } from '../../engine/engine.ts';
import { nowMs, type Clock } from '../common/clock.ts';
import { eventsVersion } from '../common/result-cache.ts';
import { FacadeError } from '../../errors.ts';
import { checkFacadeOptions } from '../common/options.ts';
import { overflowAs5xx, overflowMessage } from '../common/overflow.ts';
import {
  activityPage,
  buildActivityIndex,
  indexCatalogs,
  pageEntities,
  type ActivityIndex,
  type ActivityItem,
  type LocalEvents,
  type ScenarioCatalogs,
  type ScenarioEvents,
} from './activity.ts';
import { listingSource, sourceActivityPage } from './activity-source.ts';
import { resolveScenarioColumns, type ScenarioColumns } from './columns.ts';
import { formatResponse, type UsagesListResponse } from './format.ts';
import { granularityChooser, gridStarts, type GranularityPolicy } from './granularity.ts';
import { parseParams, type ScenarioParams } from './params.ts';
import {
  assetsQuery,
  consumptionQuery,
  filterWhere,
  M,
  modelJobsQuery,
  modelsApiKeyQuery,
  modelsQuery,
  nsfwQuery,
  usagesQuery,
} from './query.ts';
import { resolveRange } from './range.ts';
import {
  assetSeries,
  consumptionItems,
  makeGrid,
  mergedJobs,
  mergedModels,
  modelSeries,
  nsfwSeries,
  usagesSeries,
} from './series.ts';

export interface ScenarioOptions {
  /**
   * One row per action (columns in columns.ts): an arquero table, records, or an EventSource with
   * `rows` (ClickHouse). Keep passing the same object: the engine caches its encoding per object.
   */
  events: ScenarioEvents;
  /** Entity objects `entities` returns, as they are. */
  catalogs?: ScenarioCatalogs;
  engine: Engine;
  /** The clock presets end at. Default: the system clock. */
  now?: Clock;
  /** Logical column → the events' column name. */
  columns?: ScenarioColumns;
  /** Range length → granularity. Default: the vendor's policy ({@link DEFAULT_GRANULARITY_POLICY}). */
  granularity?: GranularityPolicy;
}

export interface Scenario {
  usages: {
    /**
     * `GET /usages` with the vendor's wire parameters.
     * Rejects with a `FacadeError` (400, `{ message }`) for a bad request, with a `QueryError`
     * when the events do not fit (e.g. a time value that is not an instant).
     */
    list(params?: ScenarioUsagesParams | ScenarioParams): Promise<UsagesListResponse>;
  };
}

/**
 * @throws TypeError for bad options (events that are not a table, records or an EventSource, a
 *   source that cannot list rows, no engine, an unknown or doubly used column, a malformed
 *   granularity policy).
 */
export function createScenario(options: ScenarioOptions): Scenario {
  const { engine, now } = checkFacadeOptions('createScenario', options);
  const { events } = options;
  // Activity lists rows: a source must offer the listing; local events are read directly.
  const source = isEventSource(events) ? listingSource(events) : undefined;
  if (!source && !Array.isArray(events) && typeof (events as { numRows?: unknown }).numRows !== 'function') {
    throw new TypeError('createScenario: events must be an arquero table, an array of records or an EventSource');
  }
  const cols = resolveScenarioColumns(options.columns);
  const choose = granularityChooser(options.granularity);
  const catalogs = indexCatalogs(options.catalogs);
  // Rebuilt when the events change (an append to loaded events), so the feed shows new events.
  let activityIndex: { version: string; index: ActivityIndex } | undefined;

  async function list(params: ScenarioUsagesParams | ScenarioParams = {}): Promise<UsagesListResponse> {
    const req = parseParams(params as ScenarioParams); // the typed form is one shape of wire params;
    const range = resolveRange(req.range, nowMs(now), choose);
    const grid = makeGrid(gridStarts(range, range.granularity));
    const ctx = { req, cols, range };
    const wants = new Set(req.types);
    // A series whose sum overflows is a 500 with API Gateway's `{ message }`, naming the window and the series.
    const names = { measures: Object.fromEntries(Object.values(M).map((m) => [m, m.slice(1)])), columns: cols };
    const run = (on: boolean, query: () => Parameters<Engine['aggregate']>[1]) =>
      on
        ? overflowAs5xx(engine.aggregate(events, query()), names, (message) => ({ message })).then(
            (t) => t.objects() as Record<string, unknown>[],
          )
        : Promise.resolve([]);
    const models = wants.has('model-usages');
    // The filters are lists only (projectIds, userIds, userId), which both feeds read as IN.
    const filters = filterWhere(req, cols);
    // A source lists the activity page with one more query, run beside the series queries.
    const listed =
      source && wants.has('activity') ? sourceActivityPage(source, cols, range, filters, req.activityOffset) : undefined;
    listed?.catch(() => {}); // awaited below; when a series query fails first, this rejection is not left unhandled
    const [usages, modelsAll, modelsApi, assets, nsfw, consumption] = await Promise.all([
      run(wants.has('usages'), () => usagesQuery(ctx)),
      run(models, () => modelsQuery(ctx)),
      run(models, () => modelsApiKeyQuery(ctx)),
      run(wants.has('asset-usages'), () => assetsQuery(ctx)),
      run(wants.has('nsfw-usages'), () => nsfwQuery(ctx)),
      run(wants.has('consumption'), () => consumptionQuery(ctx)),
    ]);
    const drop = req.dropZeroPoints;
    const parts: UsagesListResponse = {};
    if (wants.has('usages')) parts.usages = usagesSeries(usages, cols, grid, range.granularity, drop);
    if (models) {
      // Model ids that print alike are one model; their distinct jobs are counted again, together.
      const merged = mergedModels(modelsAll, cols);
      const jobs = merged.size ? mergedJobs(await run(true, () => modelJobsQuery(ctx)), cols, grid, merged) : undefined;
      parts.modelUsages = modelSeries(modelsAll, modelsApi, cols, grid, drop, jobs);
    }
    if (wants.has('asset-usages')) parts.assetUsages = assetSeries(assets, cols, grid, drop);
    if (wants.has('nsfw-usages')) parts.nsfwUsages = nsfwSeries(nsfw, cols, grid, drop);
    if (wants.has('consumption')) {
      parts.consumption = consumptionItems(consumption, cols);
      // value + discount can overflow though each sum did not.
      const over = parts.consumption.find((c) => !Number.isFinite(c.total));
      if (over) {
        const at = {
          measure: 'total',
          windowStart: range.start,
          windowEnd: range.end,
          group: { [cols.user_id]: over.userId },
          value: over.total,
        };
        throw new FacadeError(500, { message: overflowMessage(at, names) });
      }
    }
    if (wants.has('activity')) {
      let page: ActivityItem[];
      if (listed) {
        page = await listed;
      } else {
        const version = eventsVersion(events);
        if (activityIndex?.version !== version)
          activityIndex = { version, index: buildActivityIndex(events as LocalEvents, cols) };
        page = activityPage(activityIndex!.index, cols, range, filters as Record<string, unknown[]>, req.activityOffset);
      }
      parts.activity = page;
      parts.entities = pageEntities(page, catalogs);
    }
    return formatResponse(parts);
  }

  return { usages: { list } };
}

export { DEFAULT_GRANULARITY_POLICY, type GranularityPolicy, type GranularityThreshold } from './granularity.ts';
export { SCENARIO_COLUMNS, type ScenarioColumn, type ScenarioColumns } from './columns.ts';
export {
  USAGE_NAMES,
  ASSET_KINDS,
  USAGE_TYPES,
  TIME_RANGES,
  GRANULARITIES,
  type Granularity,
  type UsageType,
  type TimeRange,
} from './enums.ts';
export type { ScenarioParams } from './params.ts';
export type { ScenarioUsagesParams } from './wire-params.ts';
import type { ScenarioUsagesParams } from './wire-params.ts';
export type {
  ScenarioCatalogs,
  CatalogEntity,
  ScenarioEvents,
  ActivityItem,
  Entities,
  EntityKind,
  LocalEvents,
} from './activity.ts';
export { ENTITY_KINDS } from './activity.ts';
export type { UsagesListResponse } from './format.ts';
export type { UsageSeries, UsagePoint, ModelPoint, CountPoint, ConsumptionItem } from './series.ts';
