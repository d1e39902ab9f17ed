/**
 * The two error types a user of the library can see.
 *
 * - {@link QueryError}: an engine query (or engine option) is invalid, or the events do not fit
 *   it (a time value that is not an instant, a string in a summed column). `field` names the
 *   query field (`'window'`, `'measures.total.column'`) or the offending event row.
 * - {@link FacadeError}: a vendor façade rejected a request. It carries the HTTP status and the
 *   vendor's own JSON error body, and renders itself as a web `Response`.
 */

/** One problem found in a query. `path` is the query field it concerns, e.g. `['measures', 'n', 'op']`. */
export interface QueryIssue {
  path: (string | number)[];
  message: string;
}

/**
 * A bad engine query, engine option or event value.
 *
 * @example
 * try { await engine.aggregate(events, { time: 'ts', window: 'fortnight', measures: {} }); }
 * catch (e) { if (e instanceof QueryError) console.error(e.field, e.message); }
 */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  /** The first issue's path joined with dots (`'window'`, `'range.start'`, `'events[17].ts'`). */
  readonly field: string;
  readonly issues: QueryIssue[];

  constructor(issues: QueryIssue[] | string, field?: string) {
    const list: QueryIssue[] = typeof issues === 'string' ? [{ path: field ? field.split('.') : [], message: issues }] : issues;
    const first = list[0] ?? { path: [], message: 'invalid query' };
    const where = first.path.length ? first.path.join('.') : '';
    super(where ? `${where}: ${first.message}` : first.message);
    this.field = field ?? where;
    this.issues = list;
  }
}

/** Where a measure overflowed: the measure, its window (epoch ms) and its group's values by column. */
export interface Overflow {
  measure: string;
  windowStart: number;
  windowEnd: number;
  group: Record<string, unknown>;
  value: number;
}

/**
 * A measure whose value leaves the doubles (a sum past ±1.8e308): a {@link QueryError} — the
 * events do not fit the query — that also says where, so a façade can name the window and group
 * in its vendor's 5xx body instead of printing `null`.
 *
 * @example
 * try { await engine.aggregate([{ ts: 0, v: 1e308 }, { ts: 1, v: 1e308 }], query); }
 * catch (e) { if (e instanceof OverflowError) console.error(e.overflow.windowStart, e.overflow.group); }
 */
export class OverflowError extends QueryError {
  readonly overflow: Overflow;

  constructor(overflow: Overflow, where: string) {
    super([{ path: ['measures', overflow.measure], message: `overflows to ${overflow.value} ${where}` }]);
    this.overflow = overflow;
  }
}

/** An {@link OverflowError}, also one from another copy of this module. */
export function isOverflowError(error: unknown): error is OverflowError {
  return (
    error instanceof OverflowError ||
    (error instanceof Error && error.name === 'QueryError' && typeof (error as OverflowError).overflow === 'object')
  );
}

/** A JSON value, as the vendors' error bodies are. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A request a vendor façade rejects: `status` is the HTTP status the vendor answers with and
 * `body` the vendor's own error JSON, byte for byte as the vendor sends it.
 *
 * @example
 * try { await boltz.admin.usage.list({ window_size: 'WEEK' }); }
 * catch (e) { if (e instanceof FacadeError) return e.toResponse(); }
 */
export class FacadeError extends Error {
  override readonly name = 'FacadeError';
  readonly status: number;
  readonly body: Json;
  readonly headers: Record<string, string>;

  constructor(status: number, body: Json, headers: Record<string, string> = {}) {
    super(`HTTP ${status}: ${JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  /** The error as the vendor's HTTP response: its status, JSON body and any extra headers. */
  toResponse(): Response {
    return new Response(JSON.stringify(this.body), {
      status: this.status,
      headers: { 'content-type': 'application/json', ...this.headers },
    });
  }
}
