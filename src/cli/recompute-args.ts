/**
 * `recompute` command line → validated arguments. A bad flag is a {@link CliUsageError}
 * (the usage is printed, exit code 2).
 */
import { parseIsoDateTime } from '../time.ts';
import { EVENT_FORMATS, type EventFormat } from '../io/index.ts';
import { OUTPUT_FORMATS, type OutputFormat } from './format-rows.ts';
import { CliUsageError, oneOf, parseFlags, parseWorkers } from './command.ts';
import { cliOf, sideFlags } from '../facades/vendor-clis.ts';
import { VENDORS } from './vendor-columns.ts';

/** The side flags' help lines, from the vendors that read them. */
const SIDE_HELP = sideFlags()
  .map(({ flag, vendors }) => {
    const needed = flag.required ? ` (${vendors.join(', ')}: required)` : '';
    return `  ${`--${flag.name} ${flag.arg}`.padEnd(19)}${flag.help}${needed}`;
  })
  .join('\n');

/** The vendors whose responses `--all-pages` can follow. */
const PAGED = VENDORS.filter((v) => cliOf(v).pages);

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
${SIDE_HELP}
  --now ISO          the façade's clock, e.g. 2026-11-20T12:00:00Z (default: now)
  --columns JSON     façade column names, e.g. '{"workspace_id":"ws"}'
  --all-pages        ${PAGED.join(', ')}: follow the pages and write them as one response
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
  /** The side flags given (`--catalogs`, `--workspaces`, `--scope`, …), by name. */
  side: Record<string, string>;
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
    const side = sideFlags().map(({ flag }) => flag.name);
    for (const flag of ['params', 'param', ...side, 'now', 'columns', 'all-pages']) {
      if ((values as Record<string, unknown>)[flag] !== undefined)
        throw new CliUsageError(`--${flag} goes with --facade, not --query`);
    }
  }
  checkSideFlags(facade, values as Record<string, unknown>);
  if (values['all-pages'] && facade !== undefined && !PAGED.includes(facade))
    throw new CliUsageError(`--all-pages is for --facade ${PAGED.join(' or ')}`);
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
    side: Object.fromEntries(
      sideFlags()
        .map(({ flag }) => [flag.name, (values as Record<string, unknown>)[flag.name]])
        .filter(([, v]) => v !== undefined),
    ) as Record<string, string>,
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

/**
 * A side flag is only for the vendors that read it (flags read by the same vendors are named
 * together), and a vendor's required ones must be given.
 */
function checkSideFlags(facade: VendorName | undefined, values: Record<string, unknown>): void {
  const groups = new Map<string, { names: string[]; vendors: readonly string[] }>();
  for (const { flag, vendors } of sideFlags()) {
    const key = vendors.join(',');
    const group = groups.get(key) ?? { names: [], vendors };
    group.names.push(flag.name);
    groups.set(key, group);
  }
  for (const { names, vendors } of groups.values()) {
    if (names.some((n) => values[n]) && !vendors.includes(facade as string)) {
      const flags = names.map((n) => `--${n}`).join(' and ');
      throw new CliUsageError(`${flags} ${names.length > 1 ? 'are' : 'is'} for --facade ${vendors.join(' or ')}`);
    }
  }
  if (facade === undefined) return;
  const required = cliOf(facade).flags.filter((f) => f.required);
  // A FILE must be named; an ID may be empty text.
  const missing = required.some((f) => (f.arg === 'FILE' ? !values[f.name] : values[f.name] === undefined));
  if (missing) throw new CliUsageError(`--facade ${facade} needs ${required.map((f) => `--${f.name} ${f.arg}`).join(' and ')}`);
}
