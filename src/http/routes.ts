/**
 * The served paths, one per registered vendor (its descriptor's `http.path`), and the façade
 * method each calls. Paths match exactly: MIOSA's `/api/v1/usage` and Adverity's `/api/v1/usage/`
 * differ only by the trailing slash. The handler knows a façade only by the shape of that method.
 */
import { VENDORS, type Facades, type Vendor } from '../facades/vendors.ts';
import type { QueryParams } from './query.ts';

export type { Facades };
export type { AdverityFacade } from '../facades/adverity/vendor.ts';
export type { BoltzFacade } from '../facades/boltz/vendor.ts';
export type { MiosaFacade } from '../facades/miosa/vendor.ts';
export type { ScenarioFacade } from '../facades/scenario/vendor.ts';

type Call = (params: QueryParams, scope: string | number | undefined) => Promise<unknown>;

/** One served path: the vendor that owns it and how to call its façade (undefined: not configured). */
export interface Route {
  vendor: Vendor;
  bind(facades: Facades): Call | undefined;
}

/** Calls the method at `path` of a façade object (looked up per call, as `facade.a.b(...)` would). */
function callAt(facade: unknown, path: readonly string[], args: unknown[]): Promise<unknown> {
  let owner: unknown = facade;
  for (const key of path.slice(0, -1)) owner = (owner as Record<string, unknown>)[key];
  return (owner as Record<string, (...a: unknown[]) => Promise<unknown>>)[path[path.length - 1]](...args);
}

export const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>(
  VENDORS.map(({ name, http }) => [
    http.path,
    {
      vendor: name,
      bind: (facades: Facades) => {
        const facade = facades[name];
        if (!facade) return undefined;
        // A scoped check always supplies the scope before this runs.
        return http.scoped
          ? (params, scope) => callAt(facade, http.call, [params, { scope: scope! }])
          : (params) => callAt(facade, http.call, [params]);
      },
    },
  ]),
);
