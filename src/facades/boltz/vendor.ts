/** Boltz's descriptor: the facts about the vendor that the HTTP handler, the CLI and the sample read. */
import { boltzEvents, type BoltzEvent } from '../../sample/boltz.ts';
import { facadeShape, type RequestParams, type VendorDescriptor } from '../vendor.ts';

/** `createBoltz(...)` as the HTTP handler calls it: GET /compute/v1/admin/usage. */
export interface BoltzFacade {
  admin: { usage: { list(params: RequestParams): Promise<unknown> } };
}

/**
 * The descriptor's type, written out literal by literal (JSR wants exported values explicitly
 * typed): the registry's derived types (vendor names, auth configs, samples, columns) read it.
 * Extending {@link VendorDescriptor} checks it has the descriptor's shape.
 */
export interface BoltzVendor extends VendorDescriptor<'boltz', BoltzFacade, BoltzEvent[]> {
  readonly name: 'boltz';
  readonly title: 'Boltz';
  readonly http: {
    readonly path: '/compute/v1/admin/usage';
    readonly call: readonly ['admin', 'usage', 'list'];
    readonly scoped: false;
    readonly framework: 'fastapi';
  };
  readonly auth: { readonly kind: 'api-key'; readonly header: 'x-api-key'; readonly challenge: 'APIKey' };
  readonly errors: 'fastapi';
  readonly columns: {
    readonly ts: 'time';
    readonly workspace_id: 'string';
    readonly application: 'string';
    readonly quantity: 'number';
  };
  readonly detect: readonly [readonly ['workspace_id', 'application', 'quantity']];
  readonly sample: {
    readonly count: 2500;
    readonly generate: typeof boltzEvents;
    readonly files: readonly [{ readonly name: 'boltz.ndjson'; readonly rows: (events: BoltzEvent[]) => BoltzEvent[] }];
  };
  readonly facade: BoltzFacade | undefined;
}

export const boltzVendor: BoltzVendor = {
  name: 'boltz',
  title: 'Boltz',
  http: { path: '/compute/v1/admin/usage', call: ['admin', 'usage', 'list'], scoped: false, framework: 'fastapi' },
  // FastAPI's APIKeyHeader security scheme.
  auth: { kind: 'api-key', header: 'x-api-key', challenge: 'APIKey' },
  errors: 'fastapi',
  columns: { ts: 'time', workspace_id: 'string', application: 'string', quantity: 'number' },
  detect: [['workspace_id', 'application', 'quantity']],
  sample: { count: 2500, generate: boltzEvents, files: [{ name: 'boltz.ndjson', rows: (events) => events }] },
  facade: facadeShape<BoltzFacade>(),
};
