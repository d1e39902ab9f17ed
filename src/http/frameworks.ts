/**
 * What each vendor's server framework does around the endpoint itself, before or beside the
 * view: which methods the path takes, whether authentication or the method check comes first,
 * OPTIONS, and trailing slashes. The vendors' documents only describe GET; everything else here is
 * decided as the framework each vendor runs would answer by default.
 *
 * Each vendor's descriptor names its framework:
 * - FastAPI (Boltz): a GET route takes GET only (FastAPI does not add HEAD), the method is
 *   checked before the route's dependencies (so before the API key), OPTIONS is a 405 like any
 *   other method, and Starlette's `redirect_slashes` answers the path with trailing slashes with a
 *   307 to the path without them, query string kept, for every method, before anything else.
 * - Django REST framework (Adverity): `APIView.initial()` authenticates and checks
 *   permissions before the view looks the method up, so every method — OPTIONS included — is
 *   401 without valid credentials; then GET, HEAD (Django answers it with the GET view, without
 *   a body) and OPTIONS (DRF's metadata, `Allow` listing the methods) are served, and any other
 *   method is 405 with the same `Allow`. Django's `APPEND_SLASH` answers the path without its
 *   trailing slash with a 301 to the path with it (a relative `Location`, query kept), for every
 *   method, before the view — here only where that path is not MIOSA's, when MIOSA is served.
 * - plain (MIOSA, Scenario): GET only, the method checked first (their stacks are not documented).
 */
import type { Framework } from '../facades/vendor.ts';
import { vendorOf, type Vendor } from '../facades/vendors.ts';
import { jsonResponse } from './vendor-errors.ts';

export interface FrameworkRules {
  /** The methods the path takes, as the `Allow` header lists them. */
  allow: readonly string[];
  /** Authentication runs before the method check (Django REST framework). */
  authFirst: boolean;
  /** The 200 answer to an OPTIONS request; absent: OPTIONS is a method the path does not take. */
  options?: () => Response;
  /**
   * A request for the path with its trailing slashes changed: `strip` (Starlette) redirects the
   * path followed by slashes to the path (307); `append` (Django) redirects the path without
   * its slash to the path (301).
   */
  slash?: 'strip' | 'append';
}

/** Django REST framework's default `OPTIONS` answer (`SimpleMetadata`) for the usage view. */
function drfOptions(allow: readonly string[]): () => Response {
  return () =>
    jsonResponse(
      200,
      {
        name: 'Usage',
        description: '',
        renders: ['application/json', 'text/html'],
        parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
      },
      { allow: allow.join(', ') },
    );
}

const DRF_ALLOW = ['GET', 'HEAD', 'OPTIONS'] as const;

const FRAMEWORKS: Readonly<Record<Framework, FrameworkRules>> = {
  fastapi: { allow: ['GET'], authFirst: false, slash: 'strip' },
  drf: { allow: DRF_ALLOW, authFirst: true, options: drfOptions(DRF_ALLOW), slash: 'append' },
  plain: { allow: ['GET'], authFirst: false },
};

/** The rules of the framework a vendor runs. */
export function frameworkOf(vendor: Vendor): FrameworkRules {
  return FRAMEWORKS[vendorOf(vendor).http.framework];
}

/**
 * Starlette's trailing-slash redirect: a 307 to the same URL (query string included) with the
 * path's trailing slashes removed, no body.
 *
 * @example
 * stripSlashRedirect(new URL('http://h/compute/v1/admin/usage/?limit=5'))
 * // 307, location: http://h/compute/v1/admin/usage?limit=5
 */
export function stripSlashRedirect(url: URL): Response {
  const target = new URL(url);
  target.pathname = url.pathname.replace(/\/+$/, '');
  return new Response(null, { status: 307, headers: { location: target.toString() } });
}

/**
 * Django's `APPEND_SLASH` redirect: a 301 to the path with a slash appended, query string kept,
 * as a relative `Location` (as Django sends it), no body.
 *
 * @example
 * appendSlashRedirect(new URL('http://h/api/v1/usage?page=2')) // 301, location: /api/v1/usage/?page=2
 */
export function appendSlashRedirect(url: URL): Response {
  return new Response(null, { status: 301, headers: { location: `${url.pathname}/${url.search}` } });
}

/** The redirect a framework answers for `url`, whose path no route serves; null when none. */
export function slashRedirect(url: URL, vendorAt: (path: string) => Vendor | undefined): Response | null {
  const bare = url.pathname.endsWith('/') ? vendorAt(url.pathname.replace(/\/+$/, '')) : undefined;
  if (bare && frameworkOf(bare).slash === 'strip') return stripSlashRedirect(url);
  const slashed = vendorAt(`${url.pathname}/`);
  if (slashed && frameworkOf(slashed).slash === 'append') return appendSlashRedirect(url);
  return null;
}

/** The response as HEAD answers it: the same status and headers, no body. */
export function withoutBody(response: Response): Response {
  return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
}
