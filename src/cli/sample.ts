/**
 * `usage-aggregator sample`: writes the deterministic sample event files of every vendor (what
 * examples/data/ holds) to a folder, as each vendor's descriptor names them.
 *
 * @example
 * // usage-aggregator sample --out examples/data --seed 20261120
 */
import { join } from 'node:path';
import { writeTextFile } from '../io/index.ts';
import type { SampleFile } from '../facades/vendor.ts';
import { VENDORS } from '../facades/vendors.ts';
import { DEFAULT_SEED, generateSample, SAMPLE_NOW } from '../sample/index.ts';
import {
  CliDataError,
  CliUsageError,
  EXIT,
  fileErrorCode,
  parseFlags,
  runCommand,
  type CliStreams,
  type Command,
} from './command.ts';

/** Every vendor's sample files, as its descriptor names them. */
const FILES = VENDORS.flatMap((v) => v.sample.files.map((f) => ({ vendor: v.name, file: f as SampleFile<never> })));

/** `text` broken into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}

export const SAMPLE_USAGE = `usage: usage-aggregator sample [--out DIR] [--seed N] [--end ISO] [--days N]

Writes deterministic sample events for every vendor to DIR (default examples/data):
${wrap(`${FILES.map((f) => f.file.name).join(', ')}. Defaults: seed ${DEFAULT_SEED}, end ${SAMPLE_NOW}, 40 days.`, 90)}`;

interface SampleArgs {
  out: string;
  seed?: number;
  end?: string;
  days?: number;
}

const FLAGS = {
  out: { type: 'string' },
  seed: { type: 'string' },
  end: { type: 'string' },
  days: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseSampleArgs(argv: string[]): SampleArgs | 'help' {
  const values = parseFlags(argv, FLAGS);
  if (values.help) return 'help';
  for (const flag of ['seed', 'days'] as const) {
    if (values[flag] !== undefined && !/^\d+$/.test(values[flag]))
      throw new CliUsageError(`--${flag} must be a non-negative integer, got "${values[flag]}"`);
  }
  if (values.end !== undefined && !Number.isFinite(Date.parse(values.end)))
    throw new CliUsageError(`--end must be an ISO-8601 date-time, got "${values.end}"`);
  if (values.days === '0') throw new CliUsageError('--days must be positive');
  return {
    out: values.out ?? 'examples/data',
    end: values.end,
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
    const files = FILES.map(({ vendor, file }): [string, string[]] => {
      const value = sample[vendor] as never;
      return [file.name, 'rows' in file ? lines(file.rows(value)) : [`${JSON.stringify(file.json(value), null, file.indent)}\n`]];
    });
    for (const [name, pieces] of files) {
      const path = join(args.out, name);
      try {
        await writeTextFile(path, pieces);
      } catch (error) {
        const code = fileErrorCode(error);
        if (code) throw new CliDataError(`--out ${args.out}: cannot write ${path} (${code})`);
        throw error;
      }
      streams.stderr.write(`wrote ${path}\n`);
    }
    return EXIT.ok;
  },
};

/** Runs `sample` with the arguments after the command name; resolves to the exit code. */
export function runSample(argv: string[], streams?: CliStreams): Promise<number> {
  return runCommand(sampleCommand, argv, streams);
}
