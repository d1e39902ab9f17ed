/**
 * The four vendor paths and the façade method each one calls. Paths match exactly: MIOSA's
 * `/api/v1/usage` and Adverity's `/api/v1/usage/` differ only by the trailing slash.
 */
import type { QueryParams } from './query.ts';
import type { Vendor } from './vendor-errors.ts';

// The façades' shapes as the handler needs them (common façade shapes; see each façade's index.ts).
// Method syntax keeps parameters bivariant, so a façade typed with its own narrower params fits.

/** `createBoltz(...)` — GET /compute/v1/admin/usage. */
export interface BoltzFacade {
  admin: { usage: { list(params: QueryParams): Promise<unknown> } };
}
/** `createMiosa(...)` — GET /api/v1/usage. */
export interface MiosaFacade {
  usage: { get(params: QueryParams): Promise<unknown> };
}
/** `createScenario(...)` — GET /usages. */
export interface ScenarioFacade {
  usages: { list(params: QueryParams): Promise<unknown> };
}
/** `createAdverity(...)` — GET /api/v1/usage/, scoped by the caller's token. */
export interface AdverityFacade {
  usage: { list(params: QueryParams, context: { scope: string | number }): Promise<unknown> };
}

export interface Facades {
  boltz?: BoltzFacade;
  miosa?: MiosaFacade;
  scenario?: ScenarioFacade;
  adverity?: AdverityFacade;
}

/** One served path: the vendor that owns it and how to call its façade (undefined: not configured). */
export interface Route {
  vendor: Vendor;
  bind(facades: Facades): ((params: QueryParams, scope: string | number | undefined) => Promise<unknown>) | undefined;
}

export const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  [
    '/compute/v1/admin/usage',
    { vendor: 'boltz', bind: ({ boltz }) => boltz && ((params) => boltz.admin.usage.list(params)) },
  ],
  ['/api/v1/usage', { vendor: 'miosa', bind: ({ miosa }) => miosa && ((params) => miosa.usage.get(params)) }],
  ['/usages', { vendor: 'scenario', bind: ({ scenario }) => scenario && ((params) => scenario.usages.list(params)) }],
  [
    '/api/v1/usage/',
    {
      vendor: 'adverity',
      // The auth check always supplies a scope for Adverity before this runs.
      bind: ({ adverity }) => adverity && ((params, scope) => adverity.usage.list(params, { scope: scope! })),
    },
  ],
]);
