/**
 * The event file a command reads (`--input`): read through src/io, with a file that cannot be
 * opened or whose format is unknown reported as bad data naming the flag and the path.
 */
import type { ColumnTable } from 'arquero';
import { EventFileError, readEventChunks, readEvents, type ReadOptions, type ReadResult } from '../io/index.ts';
import { CliDataError, fileErrorCode, type CliStreams } from './command.ts';

/** An error reading `--input` as a {@link CliDataError} when it is about the file, else as is. */
export function inputError(path: string, error: unknown): unknown {
  const code = fileErrorCode(error);
  if (code) return new CliDataError(`--input ${path}: cannot read (${code})`);
  if (error instanceof TypeError && !(error instanceof EventFileError)) return new CliDataError(error.message);
  return error;
}

/**
 * The whole event file as one table.
 *
 * @example
 * const { table } = await readInput('events.ndjson', { types: { ts: 'time' } }, streams);
 */
export async function readInput(path: string, options: ReadOptions, _streams: CliStreams): Promise<ReadResult<ColumnTable>> {
  try {
    return await readEvents(path, options);
  } catch (error) {
    throw inputError(path, error);
  }
}

/** The event file in chunks of rows (for `load`). */
export async function* readInputChunks(path: string, options: ReadOptions, _streams: CliStreams): AsyncGenerator<ColumnTable> {
  try {
    yield* readEventChunks(path, options);
  } catch (error) {
    throw inputError(path, error);
  }
}
