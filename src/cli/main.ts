#!/usr/bin/env node
/**
 * The `usage-aggregator` command: dispatches to a subcommand, each loaded only when asked for,
 * so a command whose module is absent from a build reports that instead of breaking the others.
 * Exit codes are one per outcome (EXIT in ./command.ts): 0 ok, 1 internal error, 2 usage,
 * 3 bad data, 4 the façade rejected the request.
 */
import { readFileSync } from 'node:fs';
import { EXIT, processStreams, type CliStreams } from './command.ts';
import { prestartFor } from './prestart.ts';
import { exitKeepsWrittenOutput } from '../runtime.ts';
import { didYouMean } from './suggest.ts';

type Run = (argv: string[], streams?: CliStreams) => Promise<number>;

const USAGE = `usage: usage-aggregator <command> [options]

commands:
  recompute   event file → rollups through a vendor façade or a raw engine query
  serve       serve the vendor usage APIs over an event file (HTTP)
  load        load an event file into ClickHouse
  sample      write the deterministic sample event files

options:
  -h, --help     this text
  -v, --version  the package version

exit codes: 0 ok, 1 internal error, 2 usage error, 3 bad data (an unreadable or malformed
file, an invalid query), 4 the façade rejected the request (its error body on stdout).

Run usage-aggregator <command> --help for a command's options.`;

// Source runs (tsx, Deno, Bun) load .ts modules; the built package loads .js ones.
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

// Each import names its module literally, so the compiler rewrites it to the built file and the
// bundler (scripts/bundle.ts) follows it into a chunk of its own, loaded only for that command.
const COMMANDS: Record<string, { module: string; export: string; load: () => Promise<Record<string, unknown>> }> = {
  recompute: { module: 'recompute', export: 'runRecompute', load: () => import('./recompute.ts') },
  serve: { module: 'serve', export: 'runServe', load: () => import('./serve.ts') },
  load: { module: 'load', export: 'runLoad', load: () => import('./load.ts') },
  sample: { module: 'sample', export: 'runSample', load: () => import('./sample.ts') },
};

async function load(command: string): Promise<Run | string> {
  const { module, export: name, load } = COMMANDS[command];
  let mod: Record<string, unknown>;
  try {
    mod = await load();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const missing = e.code === 'ERR_MODULE_NOT_FOUND' || /Cannot find (module|package)|Module not found/i.test(e.message);
    if (missing && e.message.includes(`${module}${EXT}`))
      return `the ${command} command is not available in this build (${module}${EXT} is missing)`;
    throw error;
  }
  return typeof mod[name] === 'function'
    ? (mod[name] as Run)
    : `the ${command} command is not available in this build (${module}${EXT} has no ${name})`;
}

/** The version in the package's package.json (two folders up from src/cli or dist/cli). */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Whether the process ends as soon as the command's output is written (see the end of this file). */
const exitsEarly = (argv: string[]) => argv[0] === 'recompute' && exitKeepsWrittenOutput();

/** Runs the command line (without the runtime and script); resolves to the exit code. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    const hint = didYouMean(command.replace(/^-+/, ''), Object.keys(COMMANDS));
    process.stderr.write(`usage-aggregator: unknown command "${command}"${hint ? ` (did you mean ${hint}?)` : ''}\n${USAGE}\n`);
    return EXIT.usage;
  }
  // Its threads start first, then boot while the command's modules load.
  const prestarted = command === 'recompute' ? await prestartFor(rest).catch(() => async () => {}) : null;
  try {
    const run = await load(command);
    if (typeof run === 'string') {
      process.stderr.write(`usage-aggregator: ${run}\n`);
      return EXIT.internal;
    }
    // recompute may leave the engine's threads stopping when it returns: the process ends below.
    return await run(rest, exitsEarly(argv) ? { ...processStreams(), exits: true } : undefined);
  } finally {
    // Threads started early that the command did not take (it failed first) must not keep it alive.
    await prestarted?.().catch(() => {});
  }
}

// A reader that stops early (`| head`) closes the pipe: stop quietly rather than crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const argv = process.argv.slice(2);
process.exitCode = await main(argv);
// On Node, once all recompute wrote has reached stdout's and stderr's file or pipe (nothing
// queued), end now: the engine's threads it left stopping stop with the process, quietly, about
// 8 ms sooner than waiting for them. Output still queued keeps the process until it is written.
if (exitsEarly(argv) && process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
