/**
 * Paths and byte streams → events, through the file readers in `src/io/`, imported on first
 * use so that the engine's own modules (and its worker) never load them otherwise.
 */
import { QueryError } from '../../errors.ts';
import type { LoadedEvents } from './events.ts';
import { loadMemory, type LoadInput, type LoadOptions } from './load.ts';

/** A path, URL, or byte stream → events. */
export async function loadBytes(input: LoadInput, options: LoadOptions & { time: string }): Promise<LoadedEvents> {
  const path = typeof input === 'string' ? input : input instanceof URL ? input : null;
  if (path === null) {
    throw new QueryError('streams need the parallel file scanners, which this build does not have yet; pass a path', 'events');
  }
  const { readEvents } = await import('../../io/index.ts');
  const file = path instanceof URL ? decodeURIComponent(path.pathname) : path;
  const started = performance.now();
  const types = { ...options.columns, [options.time]: 'time' as const };
  const { table, skipped } = await readEvents(file, {
    format: options.format, delimiter: options.delimiter, types, skipInvalid: options.skipInvalid,
    onProgress: options.onProgress && ((p) => options.onProgress!({ rows: p.rows, skipped: p.skipped })),
  });
  const events = loadMemory(table, { ...options, columns: undefined, skipInvalid: false, onProgress: undefined });
  Object.assign(events.summary, { skipped, seconds: (performance.now() - started) / 1000 });
  return events;
}
