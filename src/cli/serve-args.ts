/**
 * `serve` command line: parsing and validation of the flags, and the JSON side files it reads
 * (keys, catalogs, workspaces). A bad flag is a {@link CliUsageError} (exit 2).
 */
import { z } from 'zod';
import { EVENT_FORMATS, type EventFormat } from '../io/index.ts';
import type { Vendor } from '../facades/vendors.ts';
import { CliDataError, CliUsageError, oneOf, parseFlags, parseWorkers } from './command.ts';
import { VENDORS } from './vendor-columns.ts';
import { sideFlags } from '../facades/vendor-clis.ts';
import { vendorOf } from '../facades/vendors.ts';

/** The side files `serve` reads, from the vendors that read them. */
const SIDE = sideFlags().filter(({ flag }) => flag.serve);

/** The vendors served only with a side file, as `name only with --flag`. */
const ONLY_WITH = SIDE.filter(({ flag }) => flag.required)
  .flatMap(({ flag, vendors }) => vendors.map((v) => `${v} only with --${flag.name}`))
  .join('; ');

/** Each vendor's entry in the --keys file, by its auth scheme, wrapped to the help's width. */
const KEYS_HELP = (() => {
  const shapes = { 'api-key': '{ apiKeys }', basic: '{ credentials: [{ key, secret }] }', 'scoped-token': '{ tokens }' };
  const entries = VENDORS.map((v) => `${v}: ${shapes[vendorOf(v).auth.kind]}`);
  const lines: string[] = [];
  let line = 'JSON auth config: {';
  for (const [i, entry] of entries.entries()) {
    const piece = ` ${entry}${i < entries.length - 1 ? ',' : ' }'}`;
    if (line.length + piece.length > 70) {
      lines.push(line);
      line = '';
    }
    line += piece;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(20)}`);
})();

export const SERVE_USAGE = `usage: usage-aggregator serve --input FILE [--format ${EVENT_FORMATS.join('|')}]
         [--port N] [--host HOST] [--facade ${VENDORS.join(',')}]...
         [--keys FILE] ${SIDE.map(({ flag }) => `[--${flag.name} ${flag.arg}]`).join(' ')} [--workers N|auto] [--insecure] [--watch]

Serves the vendor usage APIs over the events of FILE until interrupted (Ctrl-C).
  --input FILE       event file (- for stdin, .gz decompressed); format from the
                     extension unless --format (stdin: ndjson)
  --port N           TCP port, default 8080 (0: any free port)
  --host HOST        interface to listen on, default 127.0.0.1; any other than loopback
                     needs credentials in --keys for every façade served (or --insecure)
  --facade NAME      façades to serve (repeat or comma-separate); default: every façade
                     whose event columns the file has${ONLY_WITH ? ` (${ONLY_WITH})` : ''}
  --keys FILE        ${KEYS_HELP}
${SIDE.map(({ flag }) => `  ${`--${flag.name} ${flag.arg}`.padEnd(19)}${flag.help}`).join('\n')}
  --workers N|auto   engine worker threads, default auto (0: inline)
  --insecure         serve façades without credentials on a non-loopback --host anyway
  --watch            follow FILE (NDJSON) as it grows: new lines are appended to the served
                     events as they are written, and show in responses within about a second`;

export interface ServeArgs {
  input: string;
  format?: EventFormat;
  port: number;
  host: string;
  /** Undefined: choose from the file's columns. */
  facades?: Vendor[];
  keys?: string;
  catalogs?: string;
  workspaces?: string;
  workers: number | 'auto';
  /** Serve façades without credentials on a non-loopback host. */
  insecure: boolean;
  /** Follow the input file and append its new lines. */
  watch: boolean;
}

/**
 * @example
 * parseServeArgs(['--input', 'events.ndjson', '--port', '0', '--facade', 'boltz'])
 */
export function parseServeArgs(argv: string[]): ServeArgs | 'help' {
  const values = parseFlags(argv, {
    input: { type: 'string' },
    format: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    facade: { type: 'string', multiple: true },
    keys: { type: 'string' },
    catalogs: { type: 'string' },
    workspaces: { type: 'string' },
    workers: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    insecure: { type: 'boolean' },
    watch: { type: 'boolean' },
  });
  if (values.help) return 'help';
  if (!values.input) throw new CliUsageError('--input FILE is required');
  return {
    input: values.input,
    format: oneOf('--format', values.format, EVENT_FORMATS),
    port: parsePort(values.port),
    host: values.host ?? '127.0.0.1',
    facades: values.facade && parseFacades(values.facade),
    keys: values.keys,
    catalogs: values.catalogs,
    workspaces: values.workspaces,
    workers: parseWorkers(values.workers),
    insecure: values.insecure ?? false,
    watch: values.watch ?? false,
  };
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 8080;
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new CliUsageError(`--port must be an integer from 0 to 65535, got "${text}"`);
  return port;
}

function parseFacades(given: string[]): Vendor[] {
  const names = given
    .flatMap((g) => g.split(','))
    .map((n) => n.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!VENDORS.includes(name as Vendor)) {
      throw new CliUsageError(`unknown façade '${name}' (known: ${VENDORS.join(', ')})`);
    }
  }
  if (names.length === 0) throw new CliUsageError('--facade needs at least one name');
  return VENDORS.filter((v) => names.includes(v));
}

const entity = z.looseObject({ id: z.string() });
const catalogsSchema = z.strictObject({
  assets: z.array(entity).optional(),
  collections: z.array(entity).optional(),
  jobs: z.array(entity).optional(),
  models: z.array(entity).optional(),
  users: z.array(entity).optional(),
});

/** Checks a side file's shape; the error names the flag, the file and the first bad field. */
export function checkShape<T>(flag: string, path: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new CliDataError(`${flag} ${path}: ${at}${issue.message}`);
}

export const SIDE_FILE_SCHEMAS = { catalogs: catalogsSchema };
