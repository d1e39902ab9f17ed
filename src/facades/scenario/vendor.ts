/** Scenario's descriptor: the facts about the vendor that the HTTP handler, the CLI and the sample read. */
import { scenarioSample, type ScenarioCatalogs, type ScenarioEvent } from '../../sample/scenario.ts';
import { facadeShape, type RequestParams, type VendorDescriptor } from '../vendor.ts';

/** `createScenario(...)` as the HTTP handler calls it: GET /usages. */
export interface ScenarioFacade {
  usages: { list(params: RequestParams): Promise<unknown> };
}

/** What the sample generates for Scenario. */
type ScenarioSample = { events: ScenarioEvent[]; catalogs: ScenarioCatalogs };

/**
 * The descriptor's type, written out literal by literal (JSR wants exported values explicitly
 * typed): the registry's derived types (vendor names, auth configs, samples, columns) read it.
 * Extending {@link VendorDescriptor} checks it has the descriptor's shape.
 */
export interface ScenarioVendor extends VendorDescriptor<'scenario', ScenarioFacade, ScenarioSample> {
  readonly name: 'scenario';
  readonly title: 'Scenario';
  readonly http: {
    readonly path: '/usages';
    readonly call: readonly ['usages', 'list'];
    readonly scoped: false;
    readonly framework: 'plain';
  };
  readonly auth: { readonly kind: 'basic'; readonly challenge: 'Basic realm="scenario"' };
  readonly errors: 'api-gateway';
  readonly columns: {
    readonly ts: 'time';
    readonly project_id: 'string';
    readonly user_id: 'string';
    readonly action: 'string';
    readonly is_api_key: 'boolean';
    readonly creative_units: 'number';
    readonly discount: 'number';
    readonly usage_name: 'string';
    readonly usage_value: 'number';
    readonly model_id: 'string';
    readonly job_id: 'string';
    readonly asset_id: 'string';
    readonly asset_kind: 'string';
    readonly nsfw_label: 'string';
    readonly collection_id: 'string';
  };
  readonly detect: readonly [readonly ['action']];
  readonly sample: {
    readonly count: 700;
    readonly generate: typeof scenarioSample;
    readonly files: readonly [
      { readonly name: 'scenario.ndjson'; readonly rows: (s: ScenarioSample) => ScenarioEvent[] },
      { readonly name: 'scenario-catalogs.json'; readonly json: (s: ScenarioSample) => ScenarioCatalogs },
    ];
  };
  readonly facade: ScenarioFacade | undefined;
}

export const scenarioVendor: ScenarioVendor = {
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
};
