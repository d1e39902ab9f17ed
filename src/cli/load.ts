/**
 * `usage-aggregator load`: an event file → a ClickHouse table, streamed in batches.
 */
import { parseArgs } from 'node:util';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { QueryError } from '../errors.ts';
import { EventFileError, readEventChunks, type ColumnType, type EventFormat } from '../io/index.ts';
import { loadEvents } from '../clickhouse/loader.ts';
import { isIdentifier } from '../clickhouse/identifiers.ts';
import { createProgress, type ProgressSink } from './progress.ts';
import { CliUsageError } from './usage-error.ts';

export const LOAD_USAGE = `usage: usage-aggregator load --input FILE --clickhouse URL --table NAME
         [--create] [--batch N] [--format ndjson|csv|arrow|parquet] [--time COLUMN]
         [--schema JSON] [--cluster NAME --shard URL [--shard URL ...]] [--skip-invalid]

Loads an event file into ClickHouse in batches (JSONEachRow over HTTP). Each event also gets
seq, its position in input order (after the rows the table already holds), which breaks ties
of the latest measure.
  --input FILE      event file; format from the extension unless --format
  --clickhouse URL  the server, e.g. http://127.0.0.1:8123 (for a cluster: the one that holds
                    the Distributed table)
  --table NAME      table or database.table
  --create          create the table first: MergeTree ORDER BY the time column; time Int64
                    (epoch ms), seq UInt64, strings Nullable(String), numbers Nullable(Float64),
                    booleans Nullable(UInt8), kinds from --schema or the first batch
  --batch N         rows per insert, default 100000
  --time COLUMN     the time column, default ts
  --schema JSON     column kinds, e.g. '{"quantity":"number","workspace_id":"string"}'
                    (time, string, number, boolean)
  --cluster NAME    load a cluster: NAME as in remote_servers; rows go straight to the shards'
                    NAME_local tables (seq mod shards), --create also makes the Distributed table
  --shard URL       a shard's server, once per shard, in the cluster's shard order
  --skip-invalid    skip malformed rows (counted on stderr) instead of stopping`;

export interface LoadStreams {
  stdout: { write(text: string): unknown };
  stderr: ProgressSink;
}


const FORMATS: readonly EventFormat[] = ['ndjson', 'csv', 'arrow', 'parquet'];
const KINDS: readonly ColumnType[] = ['time', 'string', 'number', 'boolean'];

interface LoadArgs {
  input: string;
  url: string;
  table: string;
  create: boolean;
  batch: number;
  format?: EventFormat;
  time: string;
  schema: Record<string, ColumnType>;
  cluster?: { name: string; shards: string[] };
  skipInvalid: boolean;
}

function parseUrl(flag: string, text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return text;
  } catch { /* reported below */ }
  throw new CliUsageError(`${flag} must be an http(s) URL, got "${text}"`);
}

function parseLoadArgs(argv: string[]): LoadArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' }, input: { type: 'string', short: 'i' }, clickhouse: { type: 'string' },
        table: { type: 'string' }, create: { type: 'boolean' }, batch: { type: 'string' }, format: { type: 'string' },
        time: { type: 'string' }, schema: { type: 'string' }, cluster: { type: 'string' }, shard: { type: 'string', multiple: true },
        'skip-invalid': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (values.help) return 'help';
  for (const flag of ['input', 'clickhouse', 'table'] as const) if (!values[flag]) throw new CliUsageError(`--${flag} is required`);
  if (values.format !== undefined && !FORMATS.includes(values.format as EventFormat)) {
    throw new CliUsageError(`--format must be one of ${FORMATS.join(', ')}, got "${values.format}"`);
  }
  const batch = values.batch === undefined ? 100_000 : Number(values.batch);
  if (!/^\d+$/.test(values.batch ?? '1') || !(batch >= 1)) throw new CliUsageError(`--batch must be a positive integer, got "${values.batch}"`);
  const time = values.time ?? 'ts';
  if (!isIdentifier(time)) throw new CliUsageError(`--time must be a plain column name (letters, digits, _), got "${time}"`);
  let schema: Record<string, ColumnType> = {};
  if (values.schema !== undefined) {
    let parsed: unknown;
    try { parsed = JSON.parse(values.schema); } catch { throw new CliUsageError(`--schema is not valid JSON: ${values.schema}`); }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliUsageError('--schema must be a JSON object of column kinds');
    for (const [name, kind] of Object.entries(parsed)) {
      if (!KINDS.includes(kind as ColumnType)) throw new CliUsageError(`--schema ${name}: kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
    }
    schema = parsed as Record<string, ColumnType>;
  }
  const shards = values.shard ?? [];
  if ((values.cluster === undefined) !== (shards.length === 0)) throw new CliUsageError('--cluster NAME and --shard URL go together');
  return {
    input: values.input!, url: parseUrl('--clickhouse', values.clickhouse!), table: values.table!, create: values.create ?? false,
    batch, format: values.format as EventFormat | undefined, time, schema, skipInvalid: values['skip-invalid'] ?? false,
    cluster: values.cluster === undefined ? undefined : { name: values.cluster, shards: shards.map((s) => parseUrl('--shard', s)) },
  };
}

/**
 * Runs `load` with its arguments (after the command name); resolves to the exit code:
 * 0 loaded, 1 the server failed, 2 bad arguments or a bad event file.
 * @example await runLoad(['--input', 'events.ndjson', '--clickhouse', 'http://127.0.0.1:8123', '--table', 'events', '--create'])
 */
export async function runLoad(argv: string[], streams: LoadStreams = process): Promise<number> {
  let args: LoadArgs | 'help';
  try {
    args = parseLoadArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    streams.stderr.write(`load: ${error.message}\n${LOAD_USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    streams.stdout.write(`${LOAD_USAGE}\n`);
    return 0;
  }
  const clients: ClickHouseClient[] = [];
  const connect = (url: string) => {
    // Failures are reported once, below; the client's own error log would repeat them.
    const client = createClient({ url, log: { level: ClickHouseLogLevel.OFF } });
    clients.push(client);
    return client;
  };
  const started = performance.now();
  const progress = createProgress(streams.stderr, `loading ${args.input}`);
  let skipped = 0;
  try {
    const client = connect(args.url);
    const chunks = readEventChunks(args.input, {
      format: args.format, chunkRows: args.batch, types: { ...args.schema, [args.time]: 'time' },
      skipInvalid: args.skipInvalid, onProgress: (p) => { skipped = p.skipped; },
    });
    const cluster = args.cluster && { name: args.cluster.name, shards: args.cluster.shards.map((u) => (u === args.url ? client : connect(u))) };
    const { rows } = await loadEvents({ client, table: args.table, cluster }, chunks, {
      time: args.time, create: args.create, columns: args.schema, onProgress: (n) => progress.update(n),
    });
    progress.done();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const where = args.cluster ? ` on ${args.cluster.shards.length} shards of ${args.cluster.name}` : '';
    streams.stderr.write(`loaded ${rows} rows into ${args.table}${where} in ${seconds} s${skipped ? `, skipped ${skipped} malformed` : ''}\n`);
    return 0;
  } catch (error) {
    progress.done();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      streams.stderr.write(`load: --input ${args.input}: cannot read (${code})\n`);
      return 2;
    }
    if (error instanceof EventFileError || error instanceof QueryError || error instanceof TypeError) {
      streams.stderr.write(`load: ${error.message}\n`);
      return 2;
    }
    streams.stderr.write(`load: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}
