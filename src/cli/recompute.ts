/**
 * `usage-aggregator recompute`: an event file → a façade's response or a raw query's rows.
 *
 * Exit codes as every command's (see EXIT in ./command.ts): 4 when the façade rejects the
 * request, with its JSON error body on stdout; 3 for an unreadable input, a malformed row or a
 * bad query.
 *
 * @example
 * // usage-aggregator recompute --input boltz.ndjson --facade boltz --now 2026-11-20T12:00:00Z \
 * //   --params '{"window_size":"DAY","starting_at":"2026-11-01T00:00:00Z","ending_at":"2026-11-20T00:00:00Z"}'
 * const code = await runRecompute(['--input', 'q.ndjson', '--query', 'query.json']);
 */
import { createEngine } from '../engine/engine.ts';
import type { Query } from '../engine/types.ts';
import { CliDataError, EXIT, readJsonFile, runCommand, type CliStreams, type Command } from './command.ts';
import { render } from './format-rows.ts';
import { loadInput } from './input.ts';
import { recomputeReads } from './query-columns.ts';
import type { TableShape } from './table.ts';
import { writeOutput } from './write-output.ts';
import { cliOf } from '../facades/vendor-clis.ts';
import { parseRecomputeArgs, RECOMPUTE_USAGE, type RecomputeArgs, type VendorName } from './recompute-args.ts';
import { responseRows, runFacade } from './recompute-facades.ts';

async function compute(
  args: RecomputeArgs,
  streams: CliStreams,
  closing: Promise<void>[],
): Promise<{ value: unknown; rows: Record<string, unknown>[]; shape?: TableShape }> {
  // Side files first: a typo in one should not wait for a large event file to load.
  const query = args.query ? ((await readJsonFile('--query', args.query)) as Query) : undefined;
  if (query !== undefined && (typeof query !== 'object' || query === null || Array.isArray(query))) {
    throw new CliDataError(`--query ${args.query}: must be a JSON object (an engine query)`);
  }
  const side = args.facade ? await readSide(args.facade, args.side) : {};

  // Only the columns the query or the façade reads are decoded.
  const reads = recomputeReads(query ? { query } : { vendor: args.facade!, columns: args.columns });
  const engine = createEngine({ workers: args.workers });
  try {
    const events = await loadInput(
      engine,
      args.input,
      { format: args.format, time: reads.time, columns: reads.columns, skipInvalid: args.skipInvalid, select: reads.keep },
      streams,
    );
    if (query) {
      const rows = (await engine.aggregate(events, query)).objects() as Record<string, unknown>[];
      // The events' memory is freed on a thread while the output is written, not at the exit.
      await events.release();
      const shape: TableShape = {
        times: ['window_start', 'window_end'],
        window: 'window_start',
        groups: query.groupBy ?? [],
        measures: Object.keys(query.measures ?? {}),
        timeZone: query.timeZone ?? 'UTC',
      };
      return { value: rows, rows, shape };
    }
    let response: Awaited<ReturnType<typeof runFacade>>;
    try {
      response = await runFacade({
        vendor: args.facade!,
        events,
        engine,
        params: args.params,
        now: args.now,
        columns: args.columns,
        side,
        allPages: args.allPages,
      });
    } catch (error) {
      // A TypeError here is a façade option the command line passed in: columns, catalogs, workspaces.
      if (error instanceof TypeError) throw new CliDataError(error.message);
      throw error;
    }
    return { value: response, rows: responseRows(args.facade!, response) };
  } finally {
    // Not awaited here: the threads stop while the output is written; run waits for them after.
    closing.push(engine.close());
  }
}

export const recomputeCommand: Command<RecomputeArgs> = {
  name: 'recompute',
  usage: RECOMPUTE_USAGE,
  parse: parseRecomputeArgs,
  async run(args, streams) {
    const closing: Promise<void>[] = [];
    try {
      const { value, rows, shape } = await compute(args, streams, closing);
      writeOutput(render(args.output, value, rows, shape), args.out, streams.stdout);
      return EXIT.ok;
    } finally {
      // A process that ends with the command exits without waiting for the threads to finish
      // stopping (it stops them anyway): that wait took about 8 ms after the last write.
      const closed = Promise.all(closing);
      if (streams.exits) closed.catch(() => {});
      else await closed;
    }
  },
};

/** Runs `recompute` with the arguments after the command name; resolves to the exit code. */
export function runRecompute(argv: string[], streams?: CliStreams): Promise<number> {
  return runCommand(recomputeCommand, argv, streams);
}

/** The vendor's side flags: a FILE flag's JSON read, an ID flag's text as given. */
async function readSide(vendor: VendorName, given: Record<string, string>): Promise<Record<string, unknown>> {
  const side: Record<string, unknown> = {};
  for (const flag of cliOf(vendor).flags) {
    const value = given[flag.name];
    if (value === undefined) continue;
    side[flag.name] = flag.arg === 'FILE' ? (value ? await readJsonFile(`--${flag.name}`, value) : undefined) : value;
  }
  return side;
}
