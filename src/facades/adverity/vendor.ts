/** Adverity's descriptor: the facts about the vendor that the HTTP handler, the CLI and the sample read. */
import { adveritySample, type AdverityEvent, type AdverityWorkspace } from '../../sample/adverity.ts';
import { facadeShape, type RequestParams, type VendorDescriptor } from '../vendor.ts';

/** `createAdverity(...)` as the HTTP handler calls it: GET /api/v1/usage/, scoped by the caller's token. */
export interface AdverityFacade {
  usage: { list(params: RequestParams, context: { scope: string | number }): Promise<unknown> };
}

export const adverityVendor = {
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
} as const satisfies VendorDescriptor<'adverity', AdverityFacade, { events: AdverityEvent[]; workspaces: AdverityWorkspace[] }>;
