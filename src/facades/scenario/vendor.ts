/** Scenario's descriptor: the facts about the vendor that the HTTP handler, the CLI and the sample read. */
import { scenarioSample, type ScenarioCatalogs, type ScenarioEvent } from '../../sample/scenario.ts';
import { facadeShape, type RequestParams, type VendorDescriptor } from '../vendor.ts';

/** `createScenario(...)` as the HTTP handler calls it: GET /usages. */
export interface ScenarioFacade {
  usages: { list(params: RequestParams): Promise<unknown> };
}

export const scenarioVendor = {
  name: 'scenario',
  title: 'Scenario',
  http: { path: '/usages', call: ['usages', 'list'], scoped: false, framework: 'plain' },
  // API Gateway's authorizer; its documents mention the gateway's limits.
  auth: { kind: 'basic', challenge: 'Basic realm="scenario"' },
  errors: 'api-gateway',
  columns: {
    ts: 'time',
    project_id: 'string',
    user_id: 'string',
    action: 'string',
    is_api_key: 'boolean',
    creative_units: 'number',
    discount: 'number',
    usage_name: 'string',
    usage_value: 'number',
    model_id: 'string',
    job_id: 'string',
    asset_id: 'string',
    asset_kind: 'string',
    nsfw_label: 'string',
    collection_id: 'string',
  },
  detect: [['action']],
  sample: {
    // Jobs and other actions; each job adds its asset rows.
    count: 700,
    generate: scenarioSample,
    files: [
      { name: 'scenario.ndjson', rows: (s) => s.events },
      { name: 'scenario-catalogs.json', json: (s) => s.catalogs },
    ],
  },
  facade: facadeShape<ScenarioFacade>(),
} as const satisfies VendorDescriptor<'scenario', ScenarioFacade, { events: ScenarioEvent[]; catalogs: ScenarioCatalogs }>;
