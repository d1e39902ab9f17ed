/**
 * Paths and byte streams → events: the parallel scanners in `src/io/scan/` turn the bytes into
 * column chunks on the engine's worker threads (each task runs the scanner's own worker module,
 * so the engine's worker never loads io code; the pool is asked for only once an input needs
 * more than one task, which a file's size tells at once), and the chunks become a part. The
 * scanners are imported on first use: an engine that only ever sees records never loads them.
 */
import { statSync } from 'node:fs';
import type { Pool } from '../parallel/pool.ts';
import { readChunks, type Batch, type LoadInput, type LoadOptions, type ReadContext } from './load.ts';

/** A path, URL, or byte stream → a batch of events. */
export async function readBytes(
  input: LoadInput,
  options: LoadOptions & { time: string },
  ctx: ReadContext,
  getPool?: () => Promise<Pool | null>,
): Promise<Batch> {
  const path = input instanceof URL ? decodeURIComponent(input.pathname) : typeof input === 'string' ? input : null;
  // A file this large takes several scan tasks, so it will use the pool: its threads start now
  // and boot while the scanners load here (loading them first held the threads back by that long).
  if (getPool && path !== null && sizeOf(path) >= EARLY_POOL_BYTES) getPool().catch(() => {});
  const { scanEvents, takePrescan } = await import('../../io/scan/index.ts');
  const source = path ?? (input as Parameters<typeof scanEvents>[0]);
  const onProgress = options.onProgress;
  const scanOptions: Parameters<typeof scanEvents>[1] = {
    format: options.format,
    time: options.time,
    columns: options.columns,
    skipInvalid: options.skipInvalid,
    delimiter: options.delimiter,
    name: options.name,
    keep: options.select,
    onInvalid: options.onInvalid,
    pool: getPool ?? null,
    // The load keeps every chunk until its parts are built: the threads need not wait for this
    // thread (busy, say, serving requests) to take their chunks before reading on.
    ahead: Infinity,
    onProgress: onProgress && ((p) => onProgress({ rows: p.rows, skipped: p.skipped, bytes: p.bytes, totalBytes: p.totalBytes })),
  };
  // A scan the program started early for this very file and these options (see io/scan/prescan.ts) is taken over.
  const { chunks, summary } = takePrescan(source, scanOptions) ?? scanEvents(source, scanOptions);
  return readChunks(chunks, options.time, ctx, summary);
}

/** The smallest file whose read starts the pool before the scan (scan tasks are at least 1 MiB). */
const EARLY_POOL_BYTES = 4 << 20;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the scan reports an unreadable path
  }
}
