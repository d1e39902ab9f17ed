/**
 * `usage-aggregator serve`: the HTTP handler over an event file, until SIGINT/SIGTERM.
 *
 * @example
 * // usage-aggregator serve --input boltz.ndjson --port 8080 --keys keys.json
 * const code = await runServe(['--input', 'boltz.ndjson', '--port', '8080', '--keys', 'keys.json']);
 */
import { createEngine } from '../engine/engine.ts';
import type { LocalEngine } from '../engine/engine.ts';
import { createFetchHandler } from '../http/handler.ts';
import { parseAuthConfig, type AuthConfig } from '../http/auth.ts';
import { vendorOf, type Vendor } from '../facades/vendors.ts';
import { isLoopbackHost, serve, type RunningServer } from '../http/serve/index.ts';
import {
  CliDataError,
  CliUsageError,
  EXIT,
  processStreams,
  readJsonFile,
  runCommand,
  type CliStreams,
  type Command,
} from './command.ts';
import { loadInput } from './input.ts';
import { checkShape, parseServeArgs, SERVE_USAGE, SIDE_FILE_SCHEMAS, type ServeArgs } from './serve-args.ts';
import { buildFacades, filledColumns, missingSide, VENDORS, vendorsFitting } from './serve-facades.ts';
import { vendorTypes } from './vendor-columns.ts';
import { byteRange, completeLines, follow } from './watch.ts';
import { stat } from 'node:fs/promises';
import { formatFromPath } from '../io/scan/index.ts';
import type { LoadedEvents } from '../engine/store/events.ts';

/** What a program embedding `serve` can add to the streams. */
export interface ServeOptions extends Partial<CliStreams> {
  /** Stops the server when aborted (besides SIGINT/SIGTERM). */
  signal?: AbortSignal;
  /** Called once the server listens. */
  onListening?: (server: RunningServer) => void;
}

/** The `serve` command; `options` add a stop signal and a listening callback. */
export function serveCommand(options: ServeOptions = {}): Command<ServeArgs> {
  return {
    name: 'serve',
    usage: SERVE_USAGE,
    parse: parseServeArgs,
    async run(args, streams) {
      const log = (line: string) => void streams.stderr.write(`${line}\n`);
      const engine = createEngine({ workers: args.workers });
      try {
        const setup = await prepare(args, engine, log, streams);
        const handler = createFetchHandler({
          ...setup.facades,
          auth: setup.auth,
          onError: (error) =>
            log(`serve: request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
        });
        const server = await serve(handler, { port: args.port, hostname: args.host });
        log(`serving ${setup.rows} events from ${args.input} on ${server.url}`);
        for (const vendor of setup.vendors) log(`  ${vendor.padEnd(9)} GET ${vendorOf(vendor).http.path}`);
        const follower = setup.live ? follow(args.input, setup.live.offset, setup.live.events, log) : null;
        if (follower) log(`  following ${args.input} for new lines (--watch)`);
        options.onListening?.(server);
        await stopped(options.signal);
        await follower?.stop();
        await server.close();
        return EXIT.ok;
      } finally {
        await engine.close();
      }
    },
  };
}

/**
 * Runs `serve` with the arguments after the command name. Resolves to the exit code once the
 * server has stopped: 0 after a signal; otherwise as every command (see EXIT in ./command.ts).
 */
export function runServe(argv: string[], options: ServeOptions = {}): Promise<number> {
  const { signal: _s, onListening: _l, ...streams } = options;
  return runCommand(serveCommand(options), argv, { ...processStreams(), ...streams });
}

interface Setup {
  facades: ReturnType<typeof buildFacades>;
  auth: AuthConfig | undefined;
  vendors: Vendor[];
  rows: number;
  /** With --watch: the events new lines are appended to, and the byte they start at. */
  live?: { events: LoadedEvents; offset: number };
}

/** Reads the side files and the events, and builds the façades. */
async function prepare(args: ServeArgs, engine: LocalEngine, log: (line: string) => void, streams: CliStreams): Promise<Setup> {
  // Side files first: a typo in one should not wait for a large event file to load.
  let auth: AuthConfig | undefined;
  if (args.keys) {
    const keys = await readJsonFile('--keys', args.keys);
    try {
      auth = parseAuthConfig(keys);
    } catch (error) {
      throw new CliDataError(`--keys ${args.keys}: ${(error as Error).message}`);
    }
  }
  const catalogs = args.catalogs
    ? checkShape('--catalogs', args.catalogs, SIDE_FILE_SCHEMAS.catalogs, await readJsonFile('--catalogs', args.catalogs))
    : undefined;
  // Each façade checks its own side file (the workspace list: a TypeError naming the bad entry).
  const workspaces = args.workspaces ? await readJsonFile('--workspaces', args.workspaces) : undefined;
  const side: Record<string, unknown> = { catalogs, workspaces };
  for (const vendor of args.facades ?? []) {
    const missing = missingSide(vendor, side);
    if (missing.length > 0) throw new CliUsageError(`--facade ${vendor} needs ${missing.join(' and ')}`);
  }

  // Read with every vendor's types: which façades fit is only known from the file's columns.
  // With --watch, the file is read up to its last complete line; the follower goes on from there.
  let offset = 0;
  if (args.watch) {
    if (args.input === '-' || (args.format ?? formatFromPath(args.input)) !== 'ndjson') {
      throw new CliUsageError('--watch follows an NDJSON file: give --input FILE.ndjson (or --format ndjson)');
    }
    offset = await completeLines(args.input, (await stat(args.input)).size);
  }
  const declared = vendorTypes(VENDORS);
  // Into the engine's store through the parallel scanners, as `recompute` reads: every request
  // then reads the same encoded events, and columns a file leaves out read as null there.
  const events = await loadInput(
    engine,
    args.input,
    { format: args.format, time: 'ts', columns: declared },
    streams,
    args.watch ? byteRange(args.input, 0, offset) : undefined,
  );
  const columns = filledColumns(events, declared);
  let vendors = args.facades;
  if (!vendors) {
    const fitting = vendorsFitting(columns);
    vendors = [];
    for (const vendor of fitting) {
      const missing = missingSide(vendor, side);
      if (missing.length === 0) vendors.push(vendor);
      else log(`serve: not serving ${vendor}: it needs ${missing.join(' and ')}`);
    }
    if (vendors.length === 0) {
      throw new CliDataError(`no façade fits the columns of ${args.input} (${columns.join(', ')}); pass --facade`);
    }
  }
  // A scoped-token vendor checks its tokens even when none are configured: it is never open.
  const scoped = (v: Vendor) => vendorOf(v).auth.kind === 'scoped-token';
  for (const vendor of vendors.filter((v) => scoped(v) && !auth?.[v])) {
    log(`serve: ${vendor} answers 401 to every request: give its tokens in --keys`);
  }
  // Off loopback, a façade without credentials would serve the usage data to anyone who reaches the host.
  const open = vendors.filter((v) => !scoped(v) && !auth?.[v]);
  if (!isLoopbackHost(args.host) && open.length > 0 && !args.insecure) {
    throw new CliUsageError(
      `refusing to serve ${open.join(', ')} without credentials on ${args.host}, which is not a loopback address: ` +
        'anyone who can reach it could read the usage data. Give their keys in --keys, listen on 127.0.0.1, or pass --insecure',
    );
  }
  if (!isLoopbackHost(args.host) && open.length > 0)
    log(`serve: --insecure: ${open.join(', ')} served without credentials on ${args.host}`);
  // Every request reaches the engine with the same events object.
  const facades = buildFacades(vendors, { events, engine, side });
  return { facades, auth, vendors, rows: events.numRows(), ...(args.watch ? { live: { events, offset } } : {}) };
}

/** Resolves on SIGINT, SIGTERM or the abort signal. */
function stopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (signal?.aborted) done();
    else signal?.addEventListener('abort', done, { once: true });
  });
}
