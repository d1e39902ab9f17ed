/**
 * The errors the HTTP layer itself answers with (authentication, unknown paths and methods), each
 * in the error style a vendor's descriptor names (the style of the server the vendor runs):
 * FastAPI, the `{ error: { code, message } }` envelope, AWS API Gateway, Django REST framework.
 */
import type { Json } from '../errors.ts';
import type { ErrorStyle } from '../facades/vendor.ts';
import { vendorOf, type Vendor } from '../facades/vendors.ts';

export type { Vendor };

/** A JSON response with the given status and extra headers. */
export function jsonResponse(status: number, body: Json | unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Why a request failed authentication; each vendor words these its own way. */
export type AuthFailure =
  | 'missing' // no credentials in the expected scheme
  | 'invalid' // credentials given but unknown
  | 'malformed-empty' // DRF: `Token` with nothing after it
  | 'malformed-spaces'; // DRF: `Token a b`

/** The 401 a vendor answers for a failed authentication, with its scheme's challenge. */
export function unauthorized(vendor: Vendor, failure: AuthFailure): Response {
  const { errors, auth } = vendorOf(vendor);
  const challenge = { 'www-authenticate': auth.challenge };
  switch (errors as ErrorStyle) {
    case 'fastapi':
      // FastAPI's APIKeyHeader security scheme.
      return jsonResponse(401, { detail: failure === 'missing' ? 'Not authenticated' : 'Invalid API key' }, challenge);
    case 'error-envelope':
      return jsonResponse(
        401,
        { error: { code: 'unauthorized', message: failure === 'missing' ? 'Missing bearer token' : 'Invalid API key' } },
        challenge,
      );
    case 'api-gateway':
      // API Gateway's authorizer rejection says the same thing for missing and wrong credentials.
      return jsonResponse(401, { message: 'Unauthorized' }, challenge);
    case 'drf':
      return jsonResponse(401, { detail: DRF_AUTH_DETAIL[failure] }, challenge);
  }
}

// Django REST framework's TokenAuthentication messages, verbatim.
const DRF_AUTH_DETAIL: Record<AuthFailure, string> = {
  missing: 'Authentication credentials were not provided.',
  invalid: 'Invalid token.',
  'malformed-empty': 'Invalid token header. No credentials provided.',
  'malformed-spaces': 'Invalid token header. Token string should not contain spaces.',
};

/** The 405 a vendor answers for a method its path does not take; `allow` lists those it does. */
export function methodNotAllowed(vendor: Vendor, method: string, allowed: readonly string[] = ['GET']): Response {
  const allow = { allow: allowed.join(', ') };
  switch (vendorOf(vendor).errors as ErrorStyle) {
    case 'fastapi':
      return jsonResponse(405, { detail: 'Method Not Allowed' }, allow);
    case 'error-envelope':
      return jsonResponse(405, { error: { code: 'method_not_allowed', message: `Method ${method} not allowed` } }, allow);
    case 'api-gateway':
      return jsonResponse(405, { message: 'Method Not Allowed' }, allow);
    case 'drf':
      return jsonResponse(405, { detail: `Method "${method}" not allowed.` }, allow);
  }
}

const QUERY_ERROR_MESSAGE = "The server's events cannot answer this request";

/**
 * The 500 answered when something fails on the server, in the vendor's style (`null`: before
 * any vendor's path was matched, the `{ error: { code, message } }` envelope): `'query'` when the
 * server's events do not fit the query (the operator's data, not the request), `'internal'` for
 * anything else. Neither says more: the details name the operator's columns and rows.
 */
export function serverError(vendor: Vendor | null, kind: 'query' | 'internal'): Response {
  const message = kind === 'query' ? QUERY_ERROR_MESSAGE : null;
  switch (vendor === null ? 'error-envelope' : (vendorOf(vendor).errors as ErrorStyle)) {
    case 'fastapi':
      return jsonResponse(500, { detail: message ?? 'Internal Server Error' });
    case 'error-envelope':
      return jsonResponse(500, { error: { code: `${kind}_error`, message: message ?? 'Internal server error' } });
    case 'api-gateway':
      return jsonResponse(500, { message: message ?? 'Internal server error' });
    case 'drf':
      return jsonResponse(500, { detail: message ?? 'A server error occurred.' });
  }
}

/** Any path this server does not serve (or a façade that was not configured). */
export function notFound(): Response {
  return jsonResponse(404, { detail: 'Not Found' });
}
