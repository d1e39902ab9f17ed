/** Boltz's descriptor: the facts about the vendor that the HTTP handler, the CLI and the sample read. */
import { boltzEvents, type BoltzEvent } from '../../sample/boltz.ts';
import { facadeShape, type RequestParams, type VendorDescriptor } from '../vendor.ts';

/** `createBoltz(...)` as the HTTP handler calls it: GET /compute/v1/admin/usage. */
export interface BoltzFacade {
  admin: { usage: { list(params: RequestParams): Promise<unknown> } };
}

export const boltzVendor = {
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
} as const satisfies VendorDescriptor<'boltz', BoltzFacade, BoltzEvent[]>;
