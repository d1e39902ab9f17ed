/**
 * What every `usage-aggregator` command shares: the streams it writes to, flag parsing (with a
 * "did you mean" for a mistyped flag), the usage and data error types, JSON side files, `--help`,
 * and one exit code per kind of outcome (see {@link EXIT}).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FacadeError, QueryError } from '../errors.ts';
import { EventFileError } from '../io/errors.ts';
import type { ProgressSink } from './progress.ts';
import { didYouMean } from './suggest.ts';

/**
 * The exit codes, one meaning each: 0 done; 1 an internal error (a bug, a server that could not
 * start or answer); 2 a usage error (the command line itself); 3 bad data (a file named on the
 * command line is unreadable or malformed, or a query is invalid); 4 the façade rejected the
 * request (the vendor's error body is on stdout).
 */
export const EXIT = { ok: 0, internal: 1, usage: 2, data: 3, rejected: 4 } as const;

/** Where a command reads and writes; `process` by default. */
export interface CliStreams {
  stdout: { write(text: string): unknown };
  /** Messages and progress (progress only when `isTTY`). */
  stderr: ProgressSink;
  /** What `--input -` reads; process.stdin by default. */
  stdin?: AsyncIterable<Uint8Array | string>;
  /**
   * The process ends when the command does (the command line's entry sets it): a command may
   * then leave worker threads to stop as the process exits instead of waiting for them.
   */
  exits?: boolean;
}

/** A bad command line: printed with the command's usage, exit 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** A file named on the command line that cannot be read or used: exit 3. */
export class CliDataError extends Error {
  override readonly name = 'CliDataError';
}

export type Flags = NonNullable<ParseArgsConfig['options']>;
type Parsed<F extends Flags> = ReturnType<typeof parseArgs<{ options: F; strict: true; allowPositionals: false }>>['values'];

/**
 * Parses flags strictly (no positionals); a mistake is a {@link CliUsageError}, with the closest
 * known flag for an unknown one.
 *
 * @example
 * const values = parseFlags(['--inptu', 'x'], { input: { type: 'string' } });
 * // throws CliUsageError: unknown flag --inptu (did you mean --input?)
 */
export function parseFlags<const F extends Flags>(argv: string[], flags: F): Parsed<F> {
  try {
    return parseArgs({ args: argv, options: flags, strict: true, allowPositionals: false }).values as Parsed<F>;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(e.message)?.[1] ?? '';
      const name = flag.replace(/^-+/, '').split('=')[0];
      const hint = didYouMean(name, Object.keys(flags));
      throw new CliUsageError(`unknown flag ${flag}${hint ? ` (did you mean --${hint}?)` : ''}`);
    }
    if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new CliUsageError(`unexpected argument ${/'([^']+)'/.exec(e.message)?.[1] ?? ''}; flags start with --`);
    }
    throw new CliUsageError(e.message);
  }
}

/** A flag's value checked against a list: undefined stays undefined. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new CliUsageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

/** `--workers N|auto`. */
export function parseWorkers(text: string | undefined): number | 'auto' {
  if (text === undefined || text === 'auto') return 'auto';
  if (!/^\d+$/.test(text)) throw new CliUsageError(`--workers must be a non-negative integer or auto, got "${text}"`);
  return Number(text);
}

/** Why a file could not be read, in a word (ENOENT, EACCES, …). */
export function fileErrorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/**
 * Reads a JSON side file; a missing file or bad JSON is a {@link CliDataError} naming the flag
 * and the file.
 *
 * @example
 * const workspaces = await readJsonFile('--workspaces', 'workspaces.json');
 */
export async function readJsonFile(flag: string, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliDataError(`${flag} ${path}: cannot read (${fileErrorCode(error) ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliDataError(`${flag} ${path}: not valid JSON`);
  }
}

/** One command: its name, usage text, flag parser and body. */
export interface Command<A> {
  name: string;
  usage: string;
  /** Command line → arguments, or 'help'; throws {@link CliUsageError}. */
  parse(argv: string[]): A | 'help';
  /** Does the work; resolves to an exit code. */
  run(args: A, streams: CliStreams): Promise<number>;
}

/** The process's streams. */
export function processStreams(): CliStreams {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}

/**
 * Runs a command: parses, prints the usage for `--help` or a usage error, runs it, and turns
 * whatever it throws into a message and an exit code.
 *
 * @example
 * process.exitCode = await runCommand(sampleCommand, ['--out', 'data']);
 */
export async function runCommand<A>(
  command: Command<A>,
  argv: string[],
  streams: CliStreams = processStreams(),
): Promise<number> {
  let args: A | 'help';
  try {
    args = command.parse(argv);
  } catch (error) {
    return report(command, error, streams);
  }
  if (args === 'help') {
    streams.stdout.write(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, streams);
  } catch (error) {
    return report(command, error, streams);
  }
}

/** Whether an error is about the data a command was given (exit 3). */
export function isDataError(error: unknown): boolean {
  return error instanceof CliDataError || error instanceof EventFileError || error instanceof QueryError;
}

function report(command: Command<unknown>, error: unknown, streams: CliStreams): number {
  const say = (text: string) => streams.stderr.write(`${command.name}: ${text}\n`);
  if (error instanceof CliUsageError) {
    say(`${error.message}\n${command.usage}`);
    return EXIT.usage;
  }
  if (error instanceof FacadeError) {
    streams.stdout.write(`${JSON.stringify(error.body)}\n`);
    say(`the façade rejected the request (HTTP ${error.status}); its error body is on stdout`);
    return EXIT.rejected;
  }
  if (isDataError(error)) {
    say((error as Error).message);
    return EXIT.data;
  }
  // A server that failed is said in a line; the stack of an unexpected error only on request.
  const debug = typeof process !== 'undefined' && Boolean(process.env.USAGE_AGGREGATOR_DEBUG);
  say(error instanceof Error ? (debug && error.stack) || error.message : String(error));
  return EXIT.internal;
}
