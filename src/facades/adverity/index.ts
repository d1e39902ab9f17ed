/**
 * The Adverity usage-metrics façade: `adverity.usage.list(params, { scope })` answers as
 * `GET /api/v1/usage/` does for an API key whose workspace is `scope`. Package subpath:
 * `usage-aggregator/facades/adverity`.
 */
import { nowMs } from '../common/clock.ts';
import { resolveColumns, type ColumnMapping } from '../common/columns.ts';
import { checkFacadeOptions, type FacadeOptions } from '../common/options.ts';
import { overflowAs5xx } from '../common/overflow.ts';
import { eventsVersion, ResultCache } from '../common/result-cache.ts';
import type { WireParams } from '../common/wire.ts';
import { formatItems, pageBounds, type AdverityUsagePage } from './format.ts';
import { parseAdverityParams } from './params.ts';
import { ADVERITY_COLUMNS, dateRange, engineQuery, TOTAL, UNIQUE, workspaceFilter, type AdverityColumn } from './query.ts';
import { workspaceTree, type Workspace, type WorkspaceId } from './workspaces.ts';

export type { AdverityUsageItem, AdverityUsagePage } from './format.ts';
export { GRANULARITIES, type AdverityParams } from './params.ts';
export { ADVERITY_COLUMNS, type AdverityColumn } from './query.ts';
export type { AdverityUsageParams } from './wire-params.ts';
import type { AdverityUsageParams } from './wire-params.ts';
export type { Workspace, WorkspaceId } from './workspaces.ts';

export interface AdverityOptions extends FacadeOptions<ColumnMapping<AdverityColumn>> {
  /** The workspace catalog: `{ id, name, parent_id }` (null for a root). */
  workspaces: readonly Workspace[];
}

export interface Adverity {
  usage: {
    /** Resolves to `{ items, count }`; rejects with a `FacadeError` (400 or 404). */
    list(params: AdverityUsageParams | WireParams, caller: { scope: WorkspaceId }): Promise<AdverityUsagePage>;
  };
}

/**
 * Creates the Adverity façade over events `ts, workspace_id, datastream_id, row_key` (one
 * event per processed row; names mappable with `columns`) and a workspace catalog. A column no
 * event carries reads as null (no `datastream_id` anywhere: every item's is null).
 *
 * Behaviour, from the vendor's document and, where it is silent, as its Django REST framework
 * server would answer:
 * - Scope: the caller sees the scope workspace and all its descendants (walked through
 *   `parent_id`), nothing else. An unknown scope sees nothing (`{ items: [], count: 0 }`).
 * - `workspace_id`, `datastream_id`: repeatable (also `name[]` and comma lists). Asked
 *   workspaces outside the scope or unknown are ignored; when none of the asked ones is
 *   visible there are no items. Unknown datastream ids match nothing.
 * - `granularity` `daily` (default) | `monthly`, in UTC. `date_from` (default: the 1st of the
 *   current UTC month) and `date_to` (default: yesterday; always capped to yesterday, so today
 *   is never reported) are inclusive dates, `YYYY-MM-DD` (Django also takes one-digit month
 *   and day). A range empty after capping, or `date_from` after `date_to`, gives
 *   `{ items: [], count: 0 }`. An empty value is the default.
 * - Items `{ date, workspace_id, workspace_name, datastream_id, unique_rows, total_rows }` per
 *   date × workspace × datastream with rows; `date` is the day, or the 1st of the month for
 *   `monthly` (even when `date_from` is mid-month; only rows in the range count).
 *   `unique_rows` = distinct non-null `row_key` over the bucket (a month's are distinct over
 *   the month), `total_rows` = events. Order: date, workspace_id, datastream_id (nulls last).
 * - Pagination (DRF page numbers): `page` default 1, also when empty (`last` accepted), `page_size` default 50,
 *   capped at 100, a non-positive or non-numeric size is the default. A page that does not
 *   exist (past the last, 0, not a number): 404 `{"detail":"Invalid page."}`; page 1 of an
 *   empty result is 200 with `items: []`.
 * - Over HTTP (the handler), Django REST framework's order: the token before the method (an
 *   unauthenticated POST is 401), HEAD as GET without a body, OPTIONS 200 with `Allow`.
 * - Errors: 400 `{ field: ["message"] }` for every bad field at once, fields in the order
 *   granularity, date_from, date_to: `"\"weekly\" is not a valid choice."`,
 *   `"Date has wrong format. Use one of these formats instead: YYYY-MM-DD."`. Validation
 *   comes before pagination.
 *
 * @example
 * const adverity = createAdverity({ events, workspaces, engine: createEngine({ workers: 0 }) });
 * await adverity.usage.list({ granularity: 'monthly', date_from: '2026-05-01' }, { scope: 'ws-root' });
 * // { items: [{ date: '2026-05-01', workspace_id: 'ws-root', workspace_name: 'Root', … }], count: 1 }
 */
export function createAdverity(options: AdverityOptions): Adverity {
  const { events, engine, now } = checkFacadeOptions('createAdverity', options);
  const columns = resolveColumns('createAdverity', ADVERITY_COLUMNS, options.columns);
  const tree = workspaceTree(options.workspaces);
  const results = new ResultCache();

  async function list(params: AdverityUsageParams | WireParams, caller: { scope: WorkspaceId }): Promise<AdverityUsagePage> {
    const scope = caller?.scope;
    if (typeof scope !== 'string' && typeof scope !== 'number') {
      throw new TypeError('adverity.usage.list: the caller scope (a workspace id) is required');
    }
    const p = parseAdverityParams(params as WireParams); // the typed form is one shape of wire params;
    const range = dateRange(p, nowMs(now));
    const workspaces = workspaceFilter(p, tree.visible(scope));
    if (!range || workspaces.length === 0) {
      pageBounds(p.page, p.pageSize, 0);
      return { items: [], count: 0 };
    }
    // Row counts stay far below 2^53, but an overflow would still be DRF's 500 `{ detail }`, never a null.
    // Pages after the first slice the result page 1 computed: keyed by the exact engine query
    // (range, visible workspaces, filters, granularity) and the events.
    const query = engineQuery(p, range, workspaces, columns);
    const table = await results.get(
      `${JSON.stringify(query)} ${eventsVersion(events)}`,
      !['', '1', undefined].includes(p.page),
      () =>
        overflowAs5xx(
          engine.aggregate(events, query),
          { measures: { [UNIQUE]: 'unique_rows', [TOTAL]: 'total_rows' }, columns },
          (message) => ({ detail: message }),
        ),
    );
    const count = table.numRows();
    const { from, to } = pageBounds(p.page, p.pageSize, count);
    return { items: formatItems(table, from, to, tree, columns), count };
  }

  return { usage: { list } };
}
