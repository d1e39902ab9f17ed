/** MIOSA's descriptor: the facts about the vendor that the HTTP handler, the CLI and the sample read. */
import { miosaEvents, type MiosaEvent } from '../../sample/miosa.ts';
import { facadeShape, type RequestParams, type VendorDescriptor } from '../vendor.ts';

/** `createMiosa(...)` as the HTTP handler calls it: GET /api/v1/usage. */
export interface MiosaFacade {
  usage: { get(params: RequestParams): Promise<unknown> };
}

export const miosaVendor = {
  name: 'miosa',
  title: 'MIOSA',
  http: { path: '/api/v1/usage', call: ['usage', 'get'], scoped: false, framework: 'plain' },
  auth: { kind: 'api-key', bearer: true, challenge: 'Bearer' },
  errors: 'error-envelope',
  columns: {
    ts: 'time',
    workspace_id: 'string',
    external_user_id: 'string',
    external_project_id: 'string',
    sandbox_seconds: 'number',
    computer_seconds: 'number',
    storage_gb_hours: 'number',
    credit_cents: 'number',
  },
  detect: [['sandbox_seconds'], ['computer_seconds'], ['storage_gb_hours'], ['credit_cents']],
  sample: { count: 1800, generate: miosaEvents, files: [{ name: 'miosa.ndjson', rows: (events) => events }] },
  facade: facadeShape<MiosaFacade>(),
} as const satisfies VendorDescriptor<'miosa', MiosaFacade, MiosaEvent[]>;
