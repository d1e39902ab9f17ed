/**
 * A request → the engine queries its series types need. One query per type (two for models),
 * each grouping by the series key and, where an API-key split is wanted, by `is_api_key` too,
 * so one pass serves every series of a type. All share the snapped range, the granularity's
 * grid, zero-fill and the request's filters.
 *
 * Which rows feed which type:
 * - usages: rows whose usage_name is one of the vendor's 20 names; value = sum usage_value.
 * - modelUsages: rows with a model_id; cost = sum creative_units, discount = sum discount,
 *   jobs = distinct job_id; the apiKey* pair is the same sums over the rows with is_api_key true.
 * - assetUsages: rows whose asset_kind is one of the vendor's 7 kinds; count = rows.
 * - nsfwUsages: rows with an nsfw_label; count = rows.
 * - consumption: rows with a user_id; value = sum creative_units, discount = sum discount.
 * A row may feed several types (an image generation can carry a usage, a model and an asset).
 */
import type { Query, WhereCondition } from '../../engine/types.ts';
import { filterValues } from '../common/text.ts';
import type { ScenarioColumn } from './columns.ts';
import { ASSET_KINDS, USAGE_NAMES } from './enums.ts';
import { GRID } from './granularity.ts';
import type { ScenarioRequest } from './params.ts';
import type { ReportRange } from './range.ts';

export type Columns = Record<ScenarioColumn, string>;

/** Measure names carry a `$` so they cannot clash with a user's group column. */
export const M = {
  value: '$value',
  cost: '$cost',
  discount: '$discount',
  jobs: '$jobs',
  count: '$count',
  valueCount: '$valueCount',
  discountCount: '$discountCount',
} as const;

/**
 * The request's filters as an engine `where`: projectIds → project_id IN; userIds and userId
 * both narrow user_id (given together, a user must be in both).
 */
export function filterWhere(req: ScenarioRequest, cols: Columns): Record<string, WhereCondition> {
  const where: Record<string, WhereCondition> = {};
  // An id that spells a number also matches the number (ids are shown as text).
  if (req.projectIds) where[cols.project_id] = filterValues(req.projectIds);
  let users = req.userIds;
  if (req.userId !== undefined) users = users ? users.filter((u) => u === req.userId) : [req.userId];
  if (users) where[cols.user_id] = filterValues(users);
  return where;
}

interface Ctx {
  req: ScenarioRequest;
  cols: Columns;
  range: ReportRange;
}

function seriesQuery(ctx: Ctx, groupBy: string[], where: Record<string, WhereCondition>, measures: Query['measures']): Query {
  const { stepMs, originMs } = GRID[ctx.range.granularity];
  return {
    time: ctx.cols.ts,
    window: { milliseconds: stepMs },
    origin: originMs,
    range: { start: ctx.range.start, end: ctx.range.end },
    groupBy,
    where: { ...filterWhere(ctx.req, ctx.cols), ...where },
    measures,
    fill: 'zero',
    missingColumns: 'null',
  };
}

const NOT_NULL: WhereCondition = { not: [null] };

export function usagesQuery(ctx: Ctx): Query {
  const c = ctx.cols;
  return seriesQuery(
    ctx,
    [c.usage_name, c.is_api_key],
    { [c.usage_name]: [...USAGE_NAMES] },
    {
      [M.value]: { op: 'sum', column: c.usage_value },
    },
  );
}

/** All rows of each model: the series membership, cost, discount and jobs. */
export function modelsQuery(ctx: Ctx): Query {
  const c = ctx.cols;
  return seriesQuery(
    ctx,
    [c.model_id],
    { [c.model_id]: NOT_NULL },
    {
      [M.cost]: { op: 'sum', column: c.creative_units },
      [M.discount]: { op: 'sum', column: c.discount },
      [M.jobs]: { op: 'countDistinct', column: c.job_id },
    },
  );
}

/**
 * Each model's distinct jobs per window, as (model, job) groups: needed only when two model ids
 * print alike (`9` and `"9"`), whose job counts cannot be added (a job under both is one job).
 * Only the groups with rows, never zero-filled.
 */
export function modelJobsQuery(ctx: Ctx): Query {
  const c = ctx.cols;
  return {
    ...seriesQuery(ctx, [c.model_id, c.job_id], { [c.model_id]: NOT_NULL, [c.job_id]: NOT_NULL }, { [M.count]: { op: 'count' } }),
    fill: 'none',
  };
}

/** API-key rows of each model. A separate query rather than an is_api_key group, so that
 *  `jobs` stays a distinct count over all of a model's rows. */
export function modelsApiKeyQuery(ctx: Ctx): Query {
  const c = ctx.cols;
  return seriesQuery(
    ctx,
    [c.model_id],
    { [c.model_id]: NOT_NULL, [c.is_api_key]: true },
    {
      [M.cost]: { op: 'sum', column: c.creative_units },
      [M.discount]: { op: 'sum', column: c.discount },
    },
  );
}

export function assetsQuery(ctx: Ctx): Query {
  const c = ctx.cols;
  return seriesQuery(
    ctx,
    [c.asset_kind, c.is_api_key],
    { [c.asset_kind]: [...ASSET_KINDS] },
    {
      [M.count]: { op: 'count' },
    },
  );
}

export function nsfwQuery(ctx: Ctx): Query {
  const c = ctx.cols;
  return seriesQuery(
    ctx,
    [c.nsfw_label, c.is_api_key],
    { [c.nsfw_label]: NOT_NULL },
    {
      [M.count]: { op: 'count' },
    },
  );
}

/** One window (the snapped range) per user; the counts tell users with creative units or a
 *  discount apart from users whose rows carry neither. */
export function consumptionQuery(ctx: Ctx): Query {
  const c = ctx.cols;
  const where = filterWhere(ctx.req, c);
  return {
    time: c.ts,
    window: 'none',
    range: { start: ctx.range.start, end: ctx.range.end },
    groupBy: [c.user_id],
    where: { ...where, [c.user_id]: where[c.user_id] ?? NOT_NULL },
    measures: {
      [M.value]: { op: 'sum', column: c.creative_units },
      [M.discount]: { op: 'sum', column: c.discount },
      [M.valueCount]: { op: 'count', column: c.creative_units },
      [M.discountCount]: { op: 'count', column: c.discount },
    },
    missingColumns: 'null',
  };
}
