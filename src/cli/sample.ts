/**
 * `usage-aggregator sample`: writes the deterministic sample event files of all four vendors
 * (what examples/data/ holds) to a folder.
 *
 * @example
 * // usage-aggregator sample --out examples/data --seed 20261120
 */
import { join } from 'node:path';
import { writeTextFile } from '../io/index.ts';
import { DEFAULT_SEED, generateSample, SAMPLE_NOW } from '../sample/index.ts';
import { CliUsageError, EXIT, parseFlags, runCommand, type CliStreams, type Command } from './command.ts';

export const SAMPLE_USAGE = `usage: usage-aggregator sample [--out DIR] [--seed N] [--end ISO] [--days N]

Writes deterministic sample events for every vendor to DIR (default examples/data):
boltz.ndjson, miosa.ndjson, scenario.ndjson, scenario-catalogs.json, adverity.ndjson,
adverity-workspaces.json. Defaults: seed ${DEFAULT_SEED}, end ${SAMPLE_NOW}, 40 days.`;

interface SampleArgs {
  out: string;
  seed?: number;
  end?: string;
  days?: number;
}

const FLAGS = {
  out: { type: 'string' }, seed: { type: 'string' }, end: { type: 'string' }, days: { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

function parseSampleArgs(argv: string[]): SampleArgs | 'help' {
  const values = parseFlags(argv, FLAGS);
  if (values.help) return 'help';
  for (const flag of ['seed', 'days'] as const) {
    if (values[flag] !== undefined && !/^\d+$/.test(values[flag])) throw new CliUsageError(`--${flag} must be a non-negative integer, got "${values[flag]}"`);
  }
  if (values.end !== undefined && !Number.isFinite(Date.parse(values.end))) throw new CliUsageError(`--end must be an ISO-8601 date-time, got "${values.end}"`);
  if (values.days === '0') throw new CliUsageError('--days must be positive');
  return {
    out: values.out ?? 'examples/data', end: values.end,
    seed: values.seed === undefined ? undefined : Number(values.seed),
    days: values.days === undefined ? undefined : Number(values.days),
  };
}

const lines = (rows: readonly unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`);

export const sampleCommand: Command<SampleArgs> = {
  name: 'sample',
  usage: SAMPLE_USAGE,
  parse: parseSampleArgs,
  async run(args, streams) {
    const sample = generateSample({ seed: args.seed, end: args.end, days: args.days });
    const files: [string, string[]][] = [
      ['boltz.ndjson', lines(sample.boltz)],
      ['miosa.ndjson', lines(sample.miosa)],
      ['scenario.ndjson', lines(sample.scenario.events)],
      ['scenario-catalogs.json', [`${JSON.stringify(sample.scenario.catalogs)}\n`]],
      ['adverity.ndjson', lines(sample.adverity.events)],
      ['adverity-workspaces.json', [`${JSON.stringify(sample.adverity.workspaces, null, 2)}\n`]],
    ];
    for (const [name, pieces] of files) {
      await writeTextFile(join(args.out, name), pieces);
      streams.stderr.write(`wrote ${join(args.out, name)}\n`);
    }
    return EXIT.ok;
  },
};

/** Runs `sample` with the arguments after the command name; resolves to the exit code. */
export function runSample(argv: string[], streams?: CliStreams): Promise<number> {
  return runCommand(sampleCommand, argv, streams);
}
