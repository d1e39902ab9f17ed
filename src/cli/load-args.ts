/**
 * `load` command line → validated arguments. A bad flag is a {@link CliUsageError} (the usage
 * is printed, exit code 2).
 */
import { EVENT_FORMATS, type ColumnType, type EventFormat } from '../io/index.ts';
import { isIdentifier, isTableName } from '../clickhouse/identifiers.ts';
import { CliUsageError, oneOf, parseFlags } from './command.ts';

export const LOAD_USAGE = `usage: usage-aggregator load --input FILE --clickhouse URL --table NAME
         [--create] [--batch N] [--format ${EVENT_FORMATS.join('|')}] [--time COLUMN]
         [--schema JSON] [--cluster NAME --shard URL [--shard URL ...]] [--skip-invalid]

Loads an event file into ClickHouse in batches (JSONEachRow over HTTP). Each event also gets
seq, its position in input order (after the rows the table already holds), which breaks ties
of the latest measure.
  --input FILE      event file (- for stdin, .gz decompressed); format from the
                    extension unless --format (stdin: ndjson)
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

const KINDS: readonly ColumnType[] = ['time', 'string', 'number', 'boolean'];

export interface LoadArgs {
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
  } catch {
    /* reported below */
  }
  throw new CliUsageError(`${flag} must be an http(s) URL, got "${text}"`);
}

const FLAGS = {
  help: { type: 'boolean', short: 'h' },
  input: { type: 'string', short: 'i' },
  clickhouse: { type: 'string' },
  table: { type: 'string' },
  create: { type: 'boolean' },
  batch: { type: 'string' },
  format: { type: 'string' },
  time: { type: 'string' },
  schema: { type: 'string' },
  cluster: { type: 'string' },
  shard: { type: 'string', multiple: true },
  'skip-invalid': { type: 'boolean' },
} as const;

/**
 * @example
 * parseLoadArgs(['--input', 'events.ndjson', '--clickhouse', 'http://127.0.0.1:8123', '--table', 'events'])
 */
export function parseLoadArgs(argv: string[]): LoadArgs | 'help' {
  const values = parseFlags(argv, FLAGS);
  if (values.help) return 'help';
  for (const flag of ['input', 'clickhouse', 'table'] as const)
    if (!values[flag]) throw new CliUsageError(`--${flag} is required`);
  const batch = values.batch === undefined ? 100_000 : Number(values.batch);
  if (!/^\d+$/.test(values.batch ?? '1') || !(batch >= 1))
    throw new CliUsageError(`--batch must be a positive integer, got "${values.batch}"`);
  if (!isTableName(values.table)) {
    throw new CliUsageError(
      `--table must be a table name (table or database.table, each a plain identifier), got "${values.table}"`,
    );
  }
  const time = values.time ?? 'ts';
  if (!isIdentifier(time)) throw new CliUsageError(`--time must be a plain column name (letters, digits, _), got "${time}"`);
  let schema: Record<string, ColumnType> = {};
  if (values.schema !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(values.schema);
    } catch {
      throw new CliUsageError(`--schema is not valid JSON: ${values.schema}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new CliUsageError('--schema must be a JSON object of column kinds');
    for (const [name, kind] of Object.entries(parsed)) {
      if (!KINDS.includes(kind as ColumnType))
        throw new CliUsageError(`--schema ${name}: kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
    }
    schema = parsed as Record<string, ColumnType>;
  }
  const shards = values.shard ?? [];
  if ((values.cluster === undefined) !== (shards.length === 0))
    throw new CliUsageError('--cluster NAME and --shard URL go together');
  return {
    input: values.input!,
    url: parseUrl('--clickhouse', values.clickhouse!),
    table: values.table!,
    create: values.create ?? false,
    batch,
    format: oneOf('--format', values.format, EVENT_FORMATS),
    time,
    schema,
    skipInvalid: values['skip-invalid'] ?? false,
    cluster:
      values.cluster === undefined ? undefined : { name: values.cluster, shards: shards.map((s) => parseUrl('--shard', s)) },
  };
}
