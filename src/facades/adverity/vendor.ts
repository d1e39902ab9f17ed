/** Adverity's descriptor: the facts about the vendor that the HTTP handler, the CLI and the sample read. */
import { adveritySample, type AdverityEvent, type AdverityWorkspace } from '../../sample/adverity.ts';
import { facadeShape, type RequestParams, type VendorDescriptor } from '../vendor.ts';

/** `createAdverity(...)` as the HTTP handler calls it: GET /api/v1/usage/, scoped by the caller's token. */
export interface AdverityFacade {
  usage: { list(params: RequestParams, context: { scope: string | number }): Promise<unknown> };
}

/** What the sample generates for Adverity. */
type AdveritySample = { events: AdverityEvent[]; workspaces: AdverityWorkspace[] };

/**
 * The descriptor's type, written out literal by literal (JSR wants exported values explicitly
 * typed): the registry's derived types (vendor names, auth configs, samples, columns) read it.
 * Extending {@link VendorDescriptor} checks it has the descriptor's shape.
 */
export interface AdverityVendor extends VendorDescriptor<'adverity', AdverityFacade, AdveritySample> {
  readonly name: 'adverity';
  readonly title: 'Adverity';
  readonly http: {
    readonly path: '/api/v1/usage/';
    readonly call: readonly ['usage', 'list'];
    readonly scoped: true;
    readonly framework: 'drf';
  };
  readonly auth: { readonly kind: 'scoped-token'; readonly schemes: readonly ['token', 'bearer']; readonly challenge: 'Token' };
  readonly errors: 'drf';
  readonly columns: {
    readonly ts: 'time';
    readonly workspace_id: 'string';
    readonly datastream_id: 'string';
    readonly row_key: 'string';
  };
  readonly detect: readonly [readonly ['workspace_id', 'row_key']];
  readonly sample: {
    readonly count: 2000;
    readonly generate: typeof adveritySample;
    readonly files: readonly [
      { readonly name: 'adverity.ndjson'; readonly rows: (s: AdveritySample) => AdverityEvent[] },
      {
        readonly name: 'adverity-workspaces.json';
        readonly json: (s: AdveritySample) => AdverityWorkspace[];
        readonly indent: 2;
      },
    ];
  };
  readonly facade: AdverityFacade | undefined;
}

export const adverityVendor: AdverityVendor = {
  name: 'adverity',
  title: 'Adverity',
  http: { path: '/api/v1/usage/', call: ['usage', 'list'], scoped: true, framework: 'drf' },
  // Django REST framework's TokenAuthentication (Bearer accepted too); the token picks the workspace.
  auth: { kind: 'scoped-token', schemes: ['token', 'bearer'], challenge: 'Token' },
  errors: 'drf',
  columns: { ts: 'time', workspace_id: 'string', datastream_id: 'string', row_key: 'string' },
  detect: [['workspace_id', 'row_key']],
  sample: {
    count: 2000,
    generate: adveritySample,
    files: [
      { name: 'adverity.ndjson', rows: (s) => s.events },
      { name: 'adverity-workspaces.json', json: (s) => s.workspaces, indent: 2 },
    ],
  },
  facade: facadeShape<AdverityFacade>(),
};
