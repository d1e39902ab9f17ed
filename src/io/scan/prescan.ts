/**
 * A file scan started before whoever reads it exists. A program that knows early what it will
 * read (the command line, from its arguments) starts the scan on threads started early, then
 * loads the rest of itself: that loading (the engine, arquero, zod) keeps the main thread busy
 * for about 0.2 s, which the threads now spend scanning instead of waiting. Chunks wait in memory
 * as they come (a load keeps every chunk until its part is built anyway).
 *
 * The first {@link takePrescan} with the same file and the same scan options takes the scan over:
 * it gets the chunks read so far and then the rest as they come, the skipped rows and the latest
 * progress replayed to its own callbacks, and the scan's own error at the same place. Any other
 * options get nothing (they scan afresh), and a scan nobody takes is stopped by {@link dropPrescan}.
 */
import type { ColumnChunk } from '../../engine/store/chunk.ts';
import type { EventFileError } from '../errors.ts';
import type { ScanInput } from './input.ts';
import { type Scan, scanEvents, type ScanOptions, type ScanPool, type ScanProgress } from './scan.ts';

/** What must match for a scan to be taken over: everything but the callbacks and the pool. */
export type PrescanOptions = Omit<ScanOptions, 'onProgress' | 'onInvalid' | 'pool'>;

type Callbacks = Pick<ScanOptions, 'onProgress' | 'onInvalid'>;

interface Waiting {
  key: string;
  scan: Scan;
  /** Hands the skipped rows and progress so far to the taker's callbacks, and the rest as they come. */
  take(callbacks: Callbacks): void;
  stop(): void;
}

let waiting: Waiting | null = null;

function keyOf(path: string, options: PrescanOptions): string {
  const columns = options.columns ?? {};
  return JSON.stringify([
    path,
    options.format ?? null,
    options.time,
    Object.keys(columns)
      .sort()
      .map((k) => [k, columns[k]]),
    options.keep ?? null,
    options.skipInvalid ?? false,
    options.delimiter ?? null,
    options.name ?? null,
    options.pieceBytes ?? null,
  ]);
}

/**
 * Starts scanning the file at `path` as soon as `pool` is there (inline when it resolves to
 * null), for a later {@link takePrescan} with the same options. A scan already waiting is
 * stopped first.
 *
 * @example
 * prescan('events.arrows', { time: 'ts', columns: { quantity: 'number' } }, poolPromise);
 * // … later, where the events are loaded:
 * const scan = takePrescan('events.arrows', { time: 'ts', columns: { quantity: 'number' } }) ?? scanEvents(…);
 */
export function prescan(path: string, options: PrescanOptions, pool?: Promise<ScanPool | null>): void {
  dropPrescan();
  const invalid: EventFileError[] = [];
  let progress: ScanProgress | null = null;
  let taker: Callbacks | null = null;
  // The scan waits for the threads: its first task would otherwise run on this thread, which is
  // about to be busy loading the program.
  const scanning = (pool ?? Promise.resolve(null))
    .catch(() => null)
    .then((p) =>
      scanEvents(path, {
        ...options,
        // Every chunk is kept until taken (and a load keeps them all): the threads need not wait for this thread.
        ahead: Infinity,
        pool: p,
        onProgress: (e) => (taker ? taker.onProgress?.(e) : void (progress = e)),
        onInvalid: (e) => (taker ? taker.onInvalid?.(e) : void invalid.push(e)),
      }),
    );
  const buffer: ColumnChunk[] = [];
  let finished = false;
  let failed = false;
  let failure: unknown;
  let stopped = false;
  let wake: (() => void) | null = null;
  const drain = async () => {
    try {
      for await (const chunk of (await scanning).chunks) {
        if (stopped) break;
        buffer.push(chunk);
        wake?.();
      }
    } catch (error) {
      failed = true;
      failure = error;
    } finally {
      finished = true;
      wake?.();
    }
  };
  void drain();
  const chunks = async function* (): AsyncGenerator<ColumnChunk> {
    for (;;) {
      const next = buffer.shift();
      if (next) {
        yield next;
        continue;
      }
      if (finished) {
        if (failed) throw failure;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  };
  const summary = scanning.then((scan) => scan.summary);
  summary.catch(() => {}); // the taker hears of a failure from the chunks
  waiting = {
    key: keyOf(path, options),
    scan: {
      chunks: {
        [Symbol.asyncIterator]: () => {
          if (taker === null) throw new Error('unreachable: a prescan is read only once taken');
          return chunks();
        },
      },
      summary,
    },
    take: (callbacks) => {
      taker = callbacks;
      for (const e of invalid.splice(0)) callbacks.onInvalid?.(e);
      if (progress) callbacks.onProgress?.(progress);
    },
    stop: () => {
      stopped = true;
      buffer.length = 0;
    },
  };
}

/**
 * The scan {@link prescan} started, when it reads `input` (a path) with these options; null
 * otherwise (a started scan then waits on until {@link dropPrescan}).
 */
export function takePrescan(input: ScanInput, options: ScanOptions): Scan | null {
  if (!waiting || typeof input !== 'string' || waiting.key !== keyOf(input, options)) return null;
  const taken = waiting;
  waiting = null;
  taken.take({ onProgress: options.onProgress, onInvalid: options.onInvalid });
  return taken.scan;
}

/** Stops a started scan nobody took (its tasks in flight finish; their chunks are dropped). */
export function dropPrescan(): void {
  waiting?.stop();
  waiting = null;
}

/** Whether a started scan waits to be taken (for tests and diagnostics). */
export function prescanWaiting(): boolean {
  return waiting !== null;
}
