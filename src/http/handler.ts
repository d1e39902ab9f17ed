/**
 * The web-standard HTTP handler: one `(Request) => Promise<Response>` that serves the four vendor
 * usage paths from the façades it is given. Node, Deno and Bun all serve it as is (see
 * src/http/serve/index.ts); tests call it directly, or hand it to an SDK as its `fetch`.
 */
import { FacadeError, QueryError } from '../errors.ts';
import { buildAuthChecks, parseAuthConfig, type AuthConfig } from './auth.ts';
import { frameworkOf, slashRedirect, withoutBody } from './frameworks.ts';
import { createIngest, isIngestPath, type IngestOptions } from './ingest.ts';
import { parseQuery } from './query.ts';
import { ROUTES, type Facades } from './routes.ts';
import { jsonResponse, methodNotAllowed, notFound, serverError, type Vendor } from './vendor-errors.ts';

export interface FetchHandlerOptions extends Facades {
  /** Credentials per vendor (docs/http.md). A vendor left out is served without a check, except Adverity. */
  auth?: AuthConfig;
  /**
   * Called with every error that becomes a 500 (anything but a FacadeError), e.g. to log it;
   * the response itself never carries a stack trace.
   */
  onError?: (error: unknown, request: Request) => void;
  /**
   * Serves `POST /events/{vendor}`, this library's own endpoint (no vendor has it) for appending
   * events to the loaded events a façade reads: `keys` are the API keys allowed to append
   * (`Authorization: Bearer <key>`), `events` the events each vendor path appends to. See
   * docs/http.md.
   */
  ingest?: IngestOptions;
}

/** A web-standard fetch handler. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Builds the handler over the configured façades. A façade left out answers 404 on its path.
 *
 * Answers: the façade's JSON (200, `application/json`); a rejected request as the façade's
 * `FacadeError.toResponse()`; 401 in the vendor's style for missing or unknown credentials;
 * 404 for other paths; 405 (with `Allow`) for other methods on a vendor path. Around that, each
 * vendor's framework rules (frameworks.ts): Boltz's path with a trailing slash is a 307 to the
 * path without it; Adverity's without its slash a 301 to it (unless MIOSA is served there);
 * Adverity authenticates before the method check, answers HEAD and OPTIONS. A
 * HEAD request gets the answer its GET would, without a body. 500 for
 * anything else — `{"error":{"code":"query_error",…}}` when the events do not fit the engine query
 * (the operator's data, not the request, is at fault), otherwise a generic body. Neither says
 * more: the details (column names, rows) go to `onError` only.
 *
 * @example
 * const handler = createFetchHandler({
 *   boltz: createBoltz({ events, engine }),
 *   auth: { boltz: { apiKeys: ['bk_test'] } },
 * });
 * const res = await handler(new Request(
 *   'http://localhost/compute/v1/admin/usage?starting_at=2026-04-01T00:00:00Z&ending_at=2026-04-02T00:00:00Z&window_size=DAY',
 *   { headers: { 'x-api-key': 'bk_test' } },
 * ));
 * await res.json(); // → { data: [...], has_more: false, next_page: null }
 */
export function createFetchHandler(options: FetchHandlerOptions = {}): FetchHandler {
  const checks = buildAuthChecks(options.auth === undefined ? {} : parseAuthConfig(options.auth));
  const onError = options.onError;
  const served = new Map(
    [...ROUTES].flatMap(([path, route]) => {
      const call = route.bind(options);
      return call ? [[path, { vendor: route.vendor, call }] as const] : [];
    }),
  );

  const ingest = options.ingest ? createIngest(options.ingest) : null;

  async function answer(request: Request): Promise<Response> {
    let vendor: Vendor | null = null;
    try {
      const url = new URL(request.url);
      if (ingest && isIngestPath(url.pathname)) return await ingest(request, url.pathname);
      const route = served.get(url.pathname);
      if (!route) return slashRedirect(url, (path) => served.get(path)?.vendor) ?? notFound();
      vendor = route.vendor;
      const rules = frameworkOf(route.vendor);
      const takes = rules.allow.includes(request.method);
      if (!takes && !rules.authFirst) return methodNotAllowed(route.vendor, request.method, rules.allow);
      const outcome = await checks[route.vendor](request);
      if (!outcome.ok) return outcome.response;
      if (!takes) return methodNotAllowed(route.vendor, request.method, rules.allow);
      if (request.method === 'OPTIONS' && rules.options) return rules.options();
      const result = await route.call(parseQuery(url.searchParams), outcome.scope);
      return jsonResponse(200, result);
    } catch (error) {
      if (isFacadeError(error)) return error.toResponse();
      try {
        onError?.(error, request);
      } catch {
        // A failing logger must not turn a 500 into a rejected promise.
      }
      // The message names the operator's columns and rows: it goes to onError, never to the caller.
      const kind = error instanceof QueryError || (error instanceof Error && error.name === 'QueryError') ? 'query' : 'internal';
      return serverError(vendor, kind);
    }
  }

  // HEAD is answered as the same request would be, without a body.
  return async (request) => {
    const response = await answer(request);
    return request.method === 'HEAD' ? withoutBody(response) : response;
  };
}

/** A FacadeError, also one from another copy of this module (e.g. the package and the source). */
function isFacadeError(error: unknown): error is FacadeError {
  return (
    error instanceof FacadeError ||
    (error instanceof Error && error.name === 'FacadeError' && typeof (error as FacadeError).toResponse === 'function')
  );
}
