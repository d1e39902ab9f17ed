/**
 * The event file a command reads (`--input`): a path, `-` for standard input, or a `.gz` file.
 * A file that cannot be opened or whose format is unknown is bad data naming the flag and path.
 *
 * Commands that end in the engine (`recompute`, `serve`) load it with {@link loadInput}, through
 * `engine.load` and its parallel scanners, which read paths, `.gz` and streams themselves. `load`
 * (into ClickHouse) reads row batches with {@link readInputChunks} (see ./load.ts for why): for
 * that reader, standard input and `.gz` files are spooled (decompressed) to a temporary file
 * first, because it takes a path; messages about rows still name `-` or the `.gz` path. Stdin
 * holding gzip data (it starts 1f 8b) is decompressed either way.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { ColumnTable } from 'arquero';
import type { LocalEngine } from '../engine/engine.ts';
import type { LoadedEvents } from '../engine/store/events.ts';
import type { LoadOptions } from '../engine/store/load.ts';
import { EventFileError, formatFromPath, type FilePosition, readEventChunks, type ReadOptions } from '../io/index.ts';
import { CliDataError, fileErrorCode, type CliStreams } from './command.ts';
import { createProgress, summaryLine } from './progress.ts';
import { formatFromPath as scanFormatFromPath } from '../io/scan/index.ts';

/** An error reading `--input` as a {@link CliDataError} when it is about the file, else as is. */
export function inputError(path: string, error: unknown): unknown {
  const code = fileErrorCode(error);
  if (code) return new CliDataError(`--input ${path}: cannot read (${code})`);
  const zlib = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof zlib === 'string' && zlib.startsWith('Z_'))
    return new CliDataError(`--input ${path}: not valid gzip (${(error as Error).message})`);
  if (error instanceof TypeError && !(error instanceof EventFileError)) return new CliDataError(error.message);
  return error;
}

const isGzip = (path: string) => /\.gz$/i.test(path);

/** Bytes that start like gzip (1f 8b) are decompressed on the way through. */
async function* gunzipIfGzip(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = typeof first.value === 'string' ? Buffer.from(first.value) : first.value;
  const rest = (async function* () {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
  })();
  if (head[0] === 0x1f && head[1] === 0x8b) yield* Readable.from(rest).pipe(createGunzip());
  else yield* rest;
}

interface Spooled {
  path: string;
  format: ReadOptions['format'];
  done(): Promise<void>;
}

/** A path the readers can open: the input itself, or a temporary copy of stdin or of the decompressed file. */
async function spool(input: string, options: ReadOptions, streams: CliStreams): Promise<Spooled> {
  if (input !== '-' && !isGzip(input)) return { path: input, format: options.format, done: async () => {} };
  const format = options.format ?? (input === '-' ? 'ndjson' : formatFromPath(input.slice(0, -3)));
  if (!format) throw new CliDataError(`cannot tell the format of ${input} from its extension; give --format`);
  const dir = await mkdtemp(join(tmpdir(), 'usage-aggregator-'));
  const path = join(dir, `input.${format}`);
  try {
    if (input === '-') await pipeline(gunzipIfGzip(streams.stdin ?? process.stdin), createWriteStream(path));
    else await pipeline(createReadStream(input), createGunzip(), createWriteStream(path));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    if (fileErrorCode(error) || input === '-') throw error;
    throw new CliDataError(`--input ${input}: not valid gzip (${(error as Error).message})`);
  }
  return { path, format, done: () => rm(dir, { recursive: true, force: true }) };
}

/** The row error with the name the user gave instead of the temporary path. */
function renamed(error: unknown, spooled: string, input: string): unknown {
  if (!(error instanceof EventFileError) || spooled === input) return error;
  const position: FilePosition =
    error.line !== undefined ? { line: error.line } : error.row !== undefined ? { row: error.row } : {};
  return new EventFileError(input, position, error.reason);
}

function readOptions(options: ReadOptions, spooled: Spooled, input: string): ReadOptions {
  const onInvalid = options.onInvalid;
  return {
    ...options,
    format: spooled.format,
    onInvalid: onInvalid && ((e) => onInvalid(renamed(e, spooled.path, input) as EventFileError)),
  };
}

/** The event file in chunks of rows (for `load`). */
export async function* readInputChunks(input: string, options: ReadOptions, streams: CliStreams): AsyncGenerator<ColumnTable> {
  let spooled: Spooled | undefined;
  try {
    spooled = await spool(input, options, streams);
    yield* readEventChunks(spooled.path, readOptions(options, spooled, input));
  } catch (error) {
    throw inputError(input, renamed(error, spooled?.path ?? input, input));
  } finally {
    await spooled?.done();
  }
}

const SHOWN_INVALID = 5;

/**
 * `--input` loaded into the engine's store through the parallel scanners: a path (`.gz`
 * decompressed on the way), or `-` for standard input (NDJSON unless `format`; gzip data is
 * recognised by its first bytes). Progress on a terminal; the first skipped rows and one summary
 * line on stderr when done. `bytes`, when given, are read instead of the file, under its name
 * (`serve --watch` reads a file up to its last complete line).
 *
 * @example
 * const events = await loadInput(engine, 'events.csv.gz', { time: 'ts', columns: { quantity: 'number' } }, streams);
 */
export async function loadInput(
  engine: LocalEngine,
  input: string,
  options: LoadOptions & { time: string },
  streams: CliStreams,
  bytes?: AsyncIterable<Uint8Array>,
): Promise<LoadedEvents> {
  if (input !== '-' && !options.format && !scanFormatFromPath(input)) {
    throw new CliDataError(`cannot tell the format of ${input} from its extension; give --format`);
  }
  const progress = createProgress(streams.stderr, `reading ${input}`);
  const invalid: string[] = [];
  let events: LoadedEvents;
  try {
    const source = bytes ?? (input === '-' ? gunzipIfGzip(streams.stdin ?? process.stdin) : input);
    events = await engine.load(source, {
      ...options,
      format: options.format ?? (input === '-' ? 'ndjson' : bytes ? (scanFormatFromPath(input) ?? undefined) : undefined),
      name: input === '-' ? '-' : bytes ? input : undefined,
      onInvalid: (e) => void (invalid.length < SHOWN_INVALID && invalid.push(e.message)),
      onProgress: (p) => progress.update(p.rows, p.bytes, p.totalBytes),
    });
  } catch (error) {
    throw inputError(input, error);
  } finally {
    progress.done();
  }
  const { skipped } = events.summary;
  if (skipped) {
    const more = skipped > invalid.length ? `\n  … and ${skipped - invalid.length} more` : '';
    streams.stderr.write(
      `skipped ${skipped} malformed row${skipped === 1 ? '' : 's'} of ${input}:\n  ${invalid.join('\n  ')}${more}\n`,
    );
  }
  streams.stderr.write(`${summaryLine(input, events.summary)}\n`);
  return events;
}
