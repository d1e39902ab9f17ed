/**
 * `usage-aggregator recompute`: an event file → a façade's response or a raw query's rows.
 *
 * Exit codes: 0 done; 1 the façade rejected the request (its JSON error body on stderr) or an
 * unexpected failure; 2 a usage error, an unreadable input, a malformed row or a bad query.
 *
 * @example
 * // usage-aggregator recompute --input boltz.ndjson --facade boltz --now 2026-11-20T12:00:00Z \
 * //   --params '{"window_size":"DAY","starting_at":"2026-11-01T00:00:00Z","ending_at":"2026-11-20T00:00:00Z"}'
 * const code = await runRecompute(['--input', 'q.ndjson', '--query', 'query.json']);
 */
import { readFile } from 'node:fs/promises';
import { createEngine } from '../engine/engine.ts';
import type { Query } from '../engine/types.ts';
import { FacadeError, QueryError } from '../errors.ts';
import { EventFileError, readEvents, writeTextFile, type ColumnType } from '../io/index.ts';
import { render } from './format-rows.ts';
import { createProgress, type ProgressSink } from './progress.ts';
import { CliUsageError, parseRecomputeArgs, RECOMPUTE_USAGE, type RecomputeArgs } from './recompute-args.ts';
import { responseRows, runFacade } from './recompute-facades.ts';
import { vendorTypes, withVendorColumns } from './vendor-columns.ts';

export interface CliStreams {
  stdout: { write(text: string): unknown };
  stderr: ProgressSink;
}

const SHOWN_INVALID = 5;

/** An input that cannot be used: exit 2 with this message. */
class InputError extends Error {}

async function readJson(flag: string, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`${flag} ${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`${flag} ${path}: not valid JSON`);
  }
}

/** The time column and the columns summed, averaged or compared must be read as such. */
function queryTypes(query: Partial<Query>): Record<string, ColumnType> {
  const types: Record<string, ColumnType> = {};
  for (const m of Object.values(query.measures ?? {})) {
    if (m && typeof m.column === 'string' && ['sum', 'avg', 'min', 'max'].includes(m.op)) types[m.column] = 'number';
  }
  if (typeof query.time === 'string') types[query.time] = 'time';
  return types;
}

async function compute(args: RecomputeArgs, streams: CliStreams): Promise<{ value: unknown; rows: Record<string, unknown>[] }> {
  // Side files first: a typo in one should not wait for a large event file to load.
  const query = args.query ? ((await readJson('--query', args.query)) as Query) : undefined;
  if (query !== undefined && (typeof query !== 'object' || query === null || Array.isArray(query))) {
    throw new InputError(`--query ${args.query}: must be a JSON object (an engine query)`);
  }
  const catalogs = args.catalogs ? await readJson('--catalogs', args.catalogs) : undefined;
  const workspaces = args.workspaces ? await readJson('--workspaces', args.workspaces) : undefined;

  const types = query ? queryTypes(query) : vendorTypes(args.facade!, args.columns);
  const progress = createProgress(streams.stderr, `reading ${args.input}`);
  const invalid: string[] = [];
  let result;
  try {
    result = await readEvents(args.input, {
      format: args.format, types, skipInvalid: args.skipInvalid,
      onInvalid: (e) => void (invalid.length < SHOWN_INVALID && invalid.push(e.message)),
      onProgress: (p) => progress.update(p.rows),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new InputError(`--input ${args.input}: cannot read (${code})`);
    if (error instanceof TypeError && !(error instanceof EventFileError)) throw new InputError(error.message);
    throw error;
  } finally {
    progress.done();
  }
  if (result.skipped) {
    const more = result.skipped > invalid.length ? `\n  … and ${result.skipped - invalid.length} more` : '';
    streams.stderr.write(`skipped ${result.skipped} malformed row${result.skipped === 1 ? '' : 's'} of ${args.input}:\n  ${invalid.join('\n  ')}${more}\n`);
  }

  const engine = createEngine({ workers: args.workers });
  try {
    if (query) {
      const rows = (await engine.aggregate(result.table, query)).objects() as Record<string, unknown>[];
      return { value: rows, rows };
    }
    let response;
    try {
      response = await runFacade({
        vendor: args.facade!, events: withVendorColumns(args.facade!, result.table, args.columns), engine, params: args.params, now: args.now,
        columns: args.columns, catalogs, workspaces, scope: args.scope, allPages: args.allPages,
      });
    } catch (error) {
      // A TypeError here is a façade option the command line passed in: columns, catalogs, workspaces.
      if (error instanceof TypeError) throw new InputError(error.message);
      throw error;
    }
    return { value: response, rows: responseRows(args.facade!, response) };
  } finally {
    await engine.close();
  }
}

/** Runs `recompute` with the arguments after the command name; resolves to the exit code. */
export async function runRecompute(argv: string[], streams: CliStreams = process): Promise<number> {
  let args: RecomputeArgs;
  try {
    args = parseRecomputeArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    streams.stderr.write(`recompute: ${error.message}\n${RECOMPUTE_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    streams.stdout.write(`${RECOMPUTE_USAGE}\n`);
    return 0;
  }
  try {
    const { value, rows } = await compute(args, streams);
    const pieces = render(args.output, value, rows);
    if (args.out) await writeTextFile(args.out, pieces);
    else for (const piece of pieces) streams.stdout.write(piece);
    return 0;
  } catch (error) {
    if (error instanceof FacadeError) {
      streams.stderr.write(`${JSON.stringify(error.body)}\n`);
      return 1;
    }
    if (error instanceof EventFileError || error instanceof QueryError || error instanceof InputError) {
      streams.stderr.write(`recompute: ${error.message}\n`);
      return 2;
    }
    streams.stderr.write(`recompute: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 1;
  }
}
