/**
 * The Boltz usage façade: `boltz.admin.usage.list(params)` answers as
 * `GET /compute/v1/admin/usage` does. Package subpath: `usage-aggregator/facades/boltz`.
 */
import { decodeCursor, encodeCursor } from './cursor.ts';
import { resolveColumns, type ColumnMapping } from '../common/columns.ts';
import { httpError } from './fastapi.ts';
import { checkFacadeOptions, type FacadeOptions } from '../common/options.ts';
import { overflowAs5xx } from '../common/overflow.ts';
import { eventsVersion, ResultCache } from '../common/result-cache.ts';
import type { WireParams } from '../common/wire.ts';
import { formatRows, type BoltzUsagePage } from './format.ts';
import { textGroups } from './groups.ts';
import { parseBoltzParams } from './params.ts';
import { BOLTZ_COLUMNS, checkRange, cursorBinding, engineQuery, QUANTITY, type BoltzColumn } from './query.ts';

export type { BoltzUsagePage, BoltzUsageRow } from './format.ts';
export { APPLICATIONS, WINDOW_SIZES, GROUP_BY, type BoltzParams } from './params.ts';
export { BOLTZ_COLUMNS, type BoltzColumn } from './query.ts';
export type { BoltzListParams } from './wire-params.ts';
import type { BoltzListParams } from './wire-params.ts';

export type BoltzOptions = FacadeOptions<ColumnMapping<BoltzColumn>>;

export interface Boltz {
  admin: {
    usage: {
      /** Resolves to `{ data, has_more, next_page }`; rejects with a `FacadeError` (422 or 400). */
      list(params: BoltzListParams | WireParams): Promise<BoltzUsagePage>;
    };
  };
}

/**
 * Creates the Boltz façade over events `ts, workspace_id, application, quantity` (names
 * mappable with `columns`). A column no event carries reads as null: a request never fails
 * because the events leave `workspace_id`, `application` or `quantity` out.
 *
 * Behaviour, from the vendor's document and, where it is silent, as the vendor's FastAPI server would answer:
 * - `starting_at`, `ending_at` (required): ISO 8601 date-times with `Z` or an offset (or Dates).
 *   Without an offset: 422 `timezone_aware`. Unix timestamps are not accepted.
 * - `window_size` (required) `HOUR | DAY`, UTC. `starting_at` snaps down and `ending_at` up to
 *   the window grid; every row is a whole window.
 * - 400 `{"detail":"starting_at must be before ending_at"}` when start ≥ end, and
 *   `{"detail":"Time range too large: window_size HOUR supports up to 31 days per query"}` (DAY:
 *   365) when `ending_at − starting_at` as requested, before snapping, is longer.
 * - `applications`, `workspace_ids`, `group_by`: one value, repeated keys, `name[]` keys or
 *   comma lists (`applications[]=a,b`, as the TypeScript client sends them); duplicates are
 *   ignored. `group_by` order does not matter.
 * - Ungrouped: every window of the snapped range, zero-filled. Grouped: only window × group
 *   cells with at least one event (a group key appears only when grouped by it; an event
 *   without the key gives `null`). Order: start_time, workspace_id, application (nulls last).
 * - Group values are strings, as the vendor types them: an event's `42` is `"42"` (and
 *   `workspace_ids=42` matches it); buckets whose values print alike are one, ordered as text.
 * - Rows `{ end_time, quantity, start_time, application?, workspace_id? }`, keys in the order
 *   of the vendor's own example.
 * - `quantity` is the sum of the events' `quantity` (events without one add nothing). The
 *   vendor types it as an integer, so each bucket's sum is rounded half away from zero.
 * - `limit` 1…1000, default 100. The full row list is computed with one engine call per request
 *   and sliced; `next_page` is an opaque cursor holding the next offset, bound to every other
 *   parameter except `limit` (so the page size may change between pages). A cursor reused with
 *   other parameters: 400 `{"detail":"Page cursor does not match the query parameters"}`; an
 *   edited or foreign one (an empty `page` included): 400 `{"detail":"Invalid page cursor"}`.
 *   A cursor past the end gives an empty last page.
 * - 422s list every invalid parameter (order: starting_at, ending_at, window_size,
 *   applications, workspace_ids, group_by, limit), items `{ type, loc, msg, input, ctx? }` in
 *   pydantic v2's wording, list items at `["query", name, index]`. Validation (422) comes before
 *   the range and cursor checks (400).
 * - Over HTTP (the handler), FastAPI's defaults: a trailing slash is a 307 to the path without
 *   it, query kept; GET only; the method is checked before the API key.
 * - Rows carry `quantity` as the vendor documents (the TypeScript client 0.14 calls it
 *   `num_requests`), and all six applications of the seed are accepted.
 *
 * @example
 * const boltz = createBoltz({ events, engine: createEngine({ workers: 0 }) });
 * const page = await boltz.admin.usage.list({
 *   starting_at: '2026-04-01T00:00:00Z', ending_at: '2026-04-02T00:00:00Z',
 *   window_size: 'HOUR', group_by: 'workspace_id', limit: '50',
 * });
 * JSON.stringify(page); // {"data":[{"end_time":"2026-04-01T01:00:00.000Z","quantity":…,"start_time":…}],"has_more":…,"next_page":…}
 */
export function createBoltz(options: BoltzOptions): Boltz {
  const { events, engine } = checkFacadeOptions('createBoltz', options);
  const columns = resolveColumns('createBoltz', BOLTZ_COLUMNS, options.columns);
  const results = new ResultCache();

  async function list(params: BoltzListParams | WireParams): Promise<BoltzUsagePage> {
    const p = parseBoltzParams(params as WireParams); // the typed form is one shape of wire params;
    checkRange(p);
    const binding = cursorBinding(p);
    let offset = 0;
    if (p.page !== null) {
      const cursor = decodeCursor(p.page, binding);
      if (!cursor.ok) {
        throw httpError(
          400,
          cursor.reason === 'mismatch' ? 'Page cursor does not match the query parameters' : 'Invalid page cursor',
        );
      }
      offset = cursor.offset;
    }
    // A bucket whose sum overflows is FastAPI's HTTPException(500): `{ detail }` naming it.
    // A later page slices the result its first page computed (same query, same events).
    const table = await results.get(`${binding} ${eventsVersion(events)}`, p.page !== null, () =>
      overflowAs5xx(
        engine.aggregate(events, engineQuery(p, columns)).then((t) =>
          textGroups(
            t,
            p.groupBy.map((g) => columns[g]),
            QUANTITY,
          ),
        ),
        { measures: { [QUANTITY]: 'quantity' }, columns },
        (message) => ({ detail: message }),
      ),
    );
    const total = table.numRows();
    const from = Math.min(offset, total);
    const to = Math.min(from + p.limit, total);
    const hasMore = to < total;
    return {
      data: formatRows(table, from, to, p.groupBy, columns),
      has_more: hasMore,
      next_page: hasMore ? encodeCursor(to, binding) : null,
    };
  }

  return { admin: { usage: { list } } };
}
