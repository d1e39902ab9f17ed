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
    const list: QueryIssue[] =
      typeof issues === 'string' ? [{ path: field ? field.split('.') : [], message: issues }] : issues;
    const first = list[0] ?? { path: [], message: 'invalid query' };
    const where = first.path.length ? first.path.join('.') : '';
    super(where ? `${where}: ${first.message}` : first.message);
    this.field = field ?? where;
    this.issues = list;
  }
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
