/**
 * `recompute` command line → validated arguments. A bad flag is a {@link CliUsageError}
 * (the usage is printed, exit code 2).
 */
import { parseIsoDateTime } from '../time.ts';
import { EVENT_FORMATS, type EventFormat } from '../io/index.ts';
import { OUTPUT_FORMATS, type OutputFormat } from './format-rows.ts';
import { CliUsageError, oneOf, parseFlags, parseWorkers } from './command.ts';
import { VENDORS } from './vendor-columns.ts';

export const RECOMPUTE_USAGE = `usage: usage-aggregator recompute --input FILE [--format ${EVENT_FORMATS.join('|')}]
         (--facade ${VENDORS.join('|')} [--params JSON] [-p KEY=VALUE]... [--catalogs FILE]
          [--workspaces FILE] [--scope ID] [--now ISO] [--columns JSON] [--all-pages]
          | --query FILE)
         [--output ${OUTPUT_FORMATS.join('|')}] [--out FILE] [--skip-invalid] [--workers N|auto]

Reads an event file (streamed) and writes a rollup: a vendor façade's response or a raw
engine query's rows.
  --input FILE       event file (- for stdin, .gz decompressed); format from the
                     extension unless --format (stdin: ndjson)
  --facade NAME      answer as this vendor's usage API, with --params its query parameters
                     as a JSON object, e.g. '{"window_size":"DAY","starting_at":"…"}'
  -p, --param K=V    one query parameter (repeatable; a key repeated is a list), e.g.
                     -p window_size=DAY -p starting_at=2026-11-01T00:00:00Z
  --catalogs FILE    Scenario catalogs JSON { assets, collections, jobs, models, users }
  --workspaces FILE  Adverity workspaces JSON [{ id, name, parent_id }] (adverity: required)
  --scope ID         Adverity caller's workspace id (adverity: required)
  --now ISO          the façade's clock, e.g. 2026-11-20T12:00:00Z (default: now)
  --columns JSON     façade column names, e.g. '{"workspace_id":"ws"}'
  --all-pages        boltz, adverity: follow the pages and write them as one response
  --query FILE       a raw engine query (JSON) instead of a façade
  --output FORMAT    json (default): the response or the rows; ndjson, csv: one line per row;
                     table: aligned columns, window times as ISO in the query's time zone,
                     and a sparkline of each measure per group across the windows
  --out FILE         write there instead of stdout
  --skip-invalid     skip malformed rows (counted on stderr) instead of stopping
  --workers N|auto   engine worker threads, default auto (0: inline)`;

export const VENDOR_NAMES = VENDORS;
export type VendorName = (typeof VENDOR_NAMES)[number];

export type Params = Record<string, string | string[] | number | boolean | undefined>;

export interface RecomputeArgs {
  input: string;
  format?: EventFormat;
  facade?: VendorName;
  params: Params;
  catalogs?: string;
  workspaces?: string;
  scope?: string;
  now?: Date;
  columns?: Record<string, string>;
  allPages: boolean;
  query?: string;
  output: OutputFormat;
  out?: string;
  skipInvalid: boolean;
  workers: number | 'auto';
}

function jsonObject(flag: string, text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliUsageError(`${flag} is not valid JSON: ${text}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new CliUsageError(`${flag} must be a JSON object`);
  return value as Record<string, unknown>;
}

function checkParams(raw: Record<string, unknown>): Params {
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  for (const [key, v] of Object.entries(raw)) {
    if (!(v === null || scalar(v) || (Array.isArray(v) && v.every((x) => typeof x === 'string')))) {
      throw new CliUsageError(`--params ${key}: values must be strings, numbers, booleans or lists of strings`);
    }
  }
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null)) as Params;
}

/**
 * `-p key=value` pairs added to the `--params` object: a key repeated becomes a list; a key
 * also in `--params` is a usage error (which one was meant?).
 */
function withPairs(params: Params, pairs: readonly string[]): Params {
  const added: Record<string, string | string[]> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliUsageError(`-p takes key=value, got "${pair}"`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (key in params) throw new CliUsageError(`${key} is given both in --params and with -p`);
    const had = added[key];
    added[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  return { ...params, ...added };
}

const FLAGS = {
  help: { type: 'boolean', short: 'h' },
  input: { type: 'string', short: 'i' },
  format: { type: 'string' },
  facade: { type: 'string' },
  params: { type: 'string' },
  param: { type: 'string', short: 'p', multiple: true },
  catalogs: { type: 'string' },
  workspaces: { type: 'string' },
  scope: { type: 'string' },
  now: { type: 'string' },
  columns: { type: 'string' },
  'all-pages': { type: 'boolean' },
  query: { type: 'string' },
  output: { type: 'string' },
  out: { type: 'string', short: 'o' },
  'skip-invalid': { type: 'boolean' },
  workers: { type: 'string' },
} as const;

/**
 * @example
 * parseRecomputeArgs(['--input', 'e.ndjson', '--query', 'q.json', '--output', 'csv'])
 */
export function parseRecomputeArgs(argv: string[]): RecomputeArgs | 'help' {
  const values = parseFlags(argv, FLAGS);
  if (values.help) return 'help';
  if (!values.input) throw new CliUsageError('--input FILE is required');
  const facade = oneOf('--facade', values.facade, VENDOR_NAMES);
  if (!facade === !values.query) throw new CliUsageError('give exactly one of --facade NAME and --query FILE');
  if (values.query) {
    for (const flag of ['params', 'param', 'catalogs', 'workspaces', 'scope', 'now', 'columns', 'all-pages'] as const) {
      if (values[flag] !== undefined) throw new CliUsageError(`--${flag} goes with --facade, not --query`);
    }
  }
  if (values.catalogs && facade !== 'scenario') throw new CliUsageError('--catalogs is for --facade scenario');
  if ((values.workspaces || values.scope) && facade !== 'adverity')
    throw new CliUsageError('--workspaces and --scope are for --facade adverity');
  if (facade === 'adverity' && (!values.workspaces || values.scope === undefined)) {
    throw new CliUsageError('--facade adverity needs --workspaces FILE and --scope ID');
  }
  if (values['all-pages'] && facade !== 'boltz' && facade !== 'adverity')
    throw new CliUsageError('--all-pages is for --facade boltz or adverity');
  let now: Date | undefined;
  if (values.now !== undefined) {
    const ms = parseIsoDateTime(values.now);
    if (ms === null) throw new CliUsageError(`--now must be an ISO-8601 date-time with Z or an offset, got "${values.now}"`);
    now = new Date(ms);
  }
  const columns = jsonObject('--columns', values.columns);
  if (columns && !Object.values(columns).every((v) => typeof v === 'string'))
    throw new CliUsageError('--columns values must be column names (strings)');
  return {
    input: values.input,
    format: oneOf('--format', values.format, EVENT_FORMATS),
    facade,
    params: withPairs(checkParams(jsonObject('--params', values.params) ?? {}), values.param ?? []),
    catalogs: values.catalogs,
    workspaces: values.workspaces,
    scope: values.scope,
    now,
    columns: columns as Record<string, string> | undefined,
    allPages: values['all-pages'] ?? false,
    query: values.query,
    output: oneOf('--output', values.output, OUTPUT_FORMATS) ?? 'json',
    out: values.out,
    skipInvalid: values['skip-invalid'] ?? false,
    workers: parseWorkers(values.workers),
  };
}
