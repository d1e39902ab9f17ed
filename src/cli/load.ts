/**
 * `usage-aggregator load`: an event file → a ClickHouse table, streamed in batches.
 *
 * Unlike `recompute` and `serve`, which read through the engine's parallel scanners, `load`
 * keeps the row reader (`readEventChunks`): the loader needs batches of rows of JS values, and
 * the reading is not what a load waits for. Measured on 1M Boltz events (NDJSON, 96 MB, one
 * server): the command took 6.0–7.7 s, of which the row reader's share was 1.45 s (3.2 s of
 * client CPU in all: staging rows as JSONEachRow is the rest, then the server's insert); the
 * scanners plus a chunk → table adapter read the file in 0.4 s, so about 1 s (15%) could be
 * saved. They would not load the same values, though: an undeclared NDJSON integer beyond 2^53
 * is a (rounded) number for the row reader and its exact text for the scanners.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { connectClickHouse } from '../clickhouse/client.ts';
import { loadEvents } from '../clickhouse/loader.ts';
import { runCommand, type CliStreams, type Command } from './command.ts';
import { readInputChunks } from './input.ts';
import { parseLoadArgs, LOAD_USAGE, type LoadArgs } from './load-args.ts';
import { createProgress } from './progress.ts';

export { LOAD_USAGE };

/**
 * Runs `load` with its arguments (after the command name); resolves to the exit code:
 * 0 loaded, 1 the server failed, 2 bad arguments, 3 a bad event file.
 * @example await runLoad(['--input', 'events.ndjson', '--clickhouse', 'http://127.0.0.1:8123', '--table', 'events', '--create'])
 */
export function runLoad(argv: string[], streams?: CliStreams): Promise<number> {
  return runCommand(loadCommand, argv, streams);
}

export const loadCommand: Command<LoadArgs> = { name: 'load', usage: LOAD_USAGE, parse: parseLoadArgs, run: load };

async function load(args: LoadArgs, streams: CliStreams): Promise<number> {
  const clients: ClickHouseClient[] = [];
  const connect = async (url: string) => {
    // Failures are reported once, by the command; the client's own error log would repeat them.
    const client = await connectClickHouse({ url }, { quiet: true });
    clients.push(client);
    return client;
  };
  const started = performance.now();
  const progress = createProgress(streams.stderr, `loading ${args.input}`);
  let skipped = 0;
  try {
    const client = await connect(args.url);
    const chunks = readInputChunks(
      args.input,
      {
        format: args.format,
        chunkRows: args.batch,
        types: { ...args.schema, [args.time]: 'time' },
        skipInvalid: args.skipInvalid,
        onProgress: (p) => {
          skipped = p.skipped;
        },
      },
      streams,
    );
    const shards = args.cluster && (await Promise.all(args.cluster.shards.map((u) => (u === args.url ? client : connect(u)))));
    const cluster = args.cluster && shards && { name: args.cluster.name, shards };
    const { rows } = await loadEvents({ client, table: args.table, cluster }, chunks, {
      time: args.time,
      create: args.create,
      columns: args.schema,
      onProgress: (n) => progress.update(n),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const where = args.cluster ? ` on ${args.cluster.shards.length} shards of ${args.cluster.name}` : '';
    progress.done();
    streams.stderr.write(
      `loaded ${rows} rows into ${args.table}${where} in ${seconds} s${skipped ? `, skipped ${skipped} malformed` : ''}\n`,
    );
    return 0;
  } finally {
    progress.done();
    await Promise.all(clients.map((c) => c.close()));
  }
}
