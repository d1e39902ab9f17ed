/**
 * `usage-aggregator sample`: writes the deterministic sample event files of all four vendors
 * (what examples/data/ holds) to a folder.
 *
 * @example
 * // usage-aggregator sample --out examples/data --seed 20261120
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeTextFile } from '../io/index.ts';
import { DEFAULT_SEED, generateSample, SAMPLE_NOW } from '../sample/index.ts';
import type { CliStreams } from './recompute.ts';

export const SAMPLE_USAGE = `usage: usage-aggregator sample [--out DIR] [--seed N] [--end ISO] [--days N]

Writes deterministic sample events for every vendor to DIR (default examples/data):
boltz.ndjson, miosa.ndjson, scenario.ndjson, scenario-catalogs.json, adverity.ndjson,
adverity-workspaces.json. Defaults: seed ${DEFAULT_SEED}, end ${SAMPLE_NOW}, 40 days.`;

const lines = (rows: readonly unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`);

export async function runSample(argv: string[], streams: CliStreams = process): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: { out: { type: 'string' }, seed: { type: 'string' }, end: { type: 'string' }, days: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
    for (const flag of ['seed', 'days'] as const) {
      if (values[flag] !== undefined && !/^\d+$/.test(values[flag]!)) throw new Error(`--${flag} must be a non-negative integer, got "${values[flag]}"`);
    }
    if (values.end !== undefined && !Number.isFinite(Date.parse(values.end))) throw new Error(`--end must be an ISO-8601 date-time, got "${values.end}"`);
    if (values.days === '0') throw new Error('--days must be positive');
  } catch (error) {
    streams.stderr.write(`sample: ${(error as Error).message}\n${SAMPLE_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    streams.stdout.write(`${SAMPLE_USAGE}\n`);
    return 0;
  }
  const dir = values.out ?? 'examples/data';
  const sample = generateSample({
    seed: values.seed === undefined ? undefined : Number(values.seed),
    end: values.end, days: values.days === undefined ? undefined : Number(values.days),
  });
  const files: [string, string[]][] = [
    ['boltz.ndjson', lines(sample.boltz)],
    ['miosa.ndjson', lines(sample.miosa)],
    ['scenario.ndjson', lines(sample.scenario.events)],
    ['scenario-catalogs.json', [`${JSON.stringify(sample.scenario.catalogs)}\n`]],
    ['adverity.ndjson', lines(sample.adverity.events)],
    ['adverity-workspaces.json', [`${JSON.stringify(sample.adverity.workspaces, null, 2)}\n`]],
  ];
  for (const [name, pieces] of files) {
    await writeTextFile(join(dir, name), pieces);
    streams.stderr.write(`wrote ${join(dir, name)}\n`);
  }
  return 0;
}
