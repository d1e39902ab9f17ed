/**
 * Scenario on the command line: the façade over a file's events and a catalogs file, and its
 * nested series flattened into rows.
 */
import type { Json } from '../vendor-cli.ts';
import { vendorCli } from '../vendor-cli.ts';
import { createScenario } from './index.ts';

export const scenarioCli = vendorCli({
  flags: [
    {
      name: 'catalogs',
      arg: 'FILE',
      help: 'Scenario catalogs JSON { assets, collections, jobs, models, users }',
      required: false,
      serve: true,
    },
  ],
  pages: false,
  // The façade checks columns and catalogs; the casts only bridge the CLI's loose JSON.
  build: ({ events, engine, now, columns, side }) =>
    createScenario({ events, engine, now, columns: columns as never, catalogs: side.catalogs as never }),
  call: async (scenario, params) => (await scenario.usages.list(params)) as unknown as Json,
  rows: scenarioRows,
});

const SERIES: [string, string][] = [
  ['usages', 'usageName'],
  ['modelUsages', 'modelId'],
  ['assetUsages', 'kind'],
  ['nsfwUsages', 'label'],
];

/** The nested series flattened: a row per point (with its series key), per consumer, per activity. */
function scenarioRows(response: Json): Json[] {
  const rows: Json[] = [];
  for (const [type, key] of SERIES) {
    for (const series of (response[type] as Json[] | undefined) ?? []) {
      const extra = series.granularity === undefined ? {} : { granularity: series.granularity };
      for (const point of series.points as Json[]) rows.push({ type, [key]: series[key], ...extra, ...point });
    }
  }
  for (const c of (response.consumption as Json[] | undefined) ?? []) rows.push({ type: 'consumption', ...c });
  for (const a of (response.activity as Json[] | undefined) ?? []) {
    const { data, ...rest } = a;
    rows.push({ type: 'activity', ...rest, ...(data as Json) });
  }
  return rows;
}
