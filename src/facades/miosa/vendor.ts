/** MIOSA's descriptor: the facts about the vendor that the HTTP handler, the CLI and the sample read. */
import { miosaEvents, type MiosaEvent } from '../../sample/miosa.ts';
import { facadeShape, type RequestParams, type VendorDescriptor } from '../vendor.ts';

/** `createMiosa(...)` as the HTTP handler calls it: GET /api/v1/usage. */
export interface MiosaFacade {
  usage: { get(params: RequestParams): Promise<unknown> };
}

/**
 * The descriptor's type, written out literal by literal (JSR wants exported values explicitly
 * typed): the registry's derived types (vendor names, auth configs, samples, columns) read it.
 * Extending {@link VendorDescriptor} checks it has the descriptor's shape.
 */
export interface MiosaVendor extends VendorDescriptor<'miosa', MiosaFacade, MiosaEvent[]> {
  readonly name: 'miosa';
  readonly title: 'MIOSA';
  readonly http: {
    readonly path: '/api/v1/usage';
    readonly call: readonly ['usage', 'get'];
    readonly scoped: false;
    readonly framework: 'plain';
  };
  readonly auth: { readonly kind: 'api-key'; readonly bearer: true; readonly challenge: 'Bearer' };
  readonly errors: 'error-envelope';
  readonly columns: {
    readonly ts: 'time';
    readonly workspace_id: 'string';
    readonly external_user_id: 'string';
    readonly external_project_id: 'string';
    readonly sandbox_seconds: 'number';
    readonly computer_seconds: 'number';
    readonly storage_gb_hours: 'number';
    readonly credit_cents: 'number';
  };
  readonly detect: readonly [
    readonly ['sandbox_seconds'],
    readonly ['computer_seconds'],
    readonly ['storage_gb_hours'],
    readonly ['credit_cents'],
  ];
  readonly sample: {
    readonly count: 1800;
    readonly generate: typeof miosaEvents;
    readonly files: readonly [{ readonly name: 'miosa.ndjson'; readonly rows: (events: MiosaEvent[]) => MiosaEvent[] }];
  };
  readonly facade: MiosaFacade | undefined;
}

export const miosaVendor: MiosaVendor = {
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
};
