/**
 * The committed sample (examples/data/, written by `npm run sample`) read the way the examples
 * use it: each vendor's events with their column types, Scenario's catalogs, Adverity's
 * workspaces, and a clock pinned to the sample's end so relative periods ("last 30 days") land
 * on the data.
 *
 * Not an example on its own; `examples/main.ts` and `examples/serve.ts` import it.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ColumnTable } from 'arquero';
import type { ScenarioCatalogs, Workspace } from 'usage-aggregator';
import { readEvents } from 'usage-aggregator/io';
import { SAMPLE_NOW } from 'usage-aggregator/sample';

export { SAMPLE_NOW };

/** The path of a file in examples/data/. */
export const samplePath = (name: string): string => fileURLToPath(new URL(`./data/${name}`, import.meta.url));

/** The façades' clock: the instant the sample ends. */
export const sampleNow = (): Date => new Date(SAMPLE_NOW);

export interface SampleEvents {
  table: ColumnTable;
  rows: number;
}

export interface Sample {
  boltz: SampleEvents;
  miosa: SampleEvents;
  scenario: SampleEvents;
  adverity: SampleEvents;
  catalogs: ScenarioCatalogs;
  workspaces: Workspace[];
}

/**
 * Reads the four event files and the two catalogs.
 *
 * @example
 * const sample = await loadSample();
 * const boltz = createBoltz({ events: sample.boltz.table, engine, now: sampleNow });
 */
export async function loadSample(): Promise<Sample> {
  const [boltz, miosa, scenario, adverity, catalogs, workspaces] = await Promise.all([
    readEvents(samplePath('boltz.ndjson'), { types: { ts: 'time', quantity: 'number' } }),
    readEvents(samplePath('miosa.ndjson'), {
      types: {
        ts: 'time',
        sandbox_seconds: 'number',
        computer_seconds: 'number',
        storage_gb_hours: 'number',
        credit_cents: 'number',
      },
    }),
    readEvents(samplePath('scenario.ndjson'), {
      types: { ts: 'time', is_api_key: 'boolean', creative_units: 'number', discount: 'number', usage_value: 'number' },
    }),
    readEvents(samplePath('adverity.ndjson'), { types: { ts: 'time' } }),
    readFile(samplePath('scenario-catalogs.json'), 'utf8').then((text) => JSON.parse(text) as ScenarioCatalogs),
    readFile(samplePath('adverity-workspaces.json'), 'utf8').then((text) => JSON.parse(text) as Workspace[]),
  ]);
  const events = ({ table, rows }: SampleEvents): SampleEvents => ({ table, rows });
  return {
    boltz: events(boltz),
    miosa: events(miosa),
    scenario: events(scenario),
    adverity: events(adverity),
    catalogs,
    workspaces,
  };
}
