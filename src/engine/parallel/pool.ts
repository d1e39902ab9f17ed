/**
 * The worker pool behind the engine: piscina where it starts, nothing (inline) where it does not.
 *
 * The worker file is resolved next to this module: `worker.js` in the built package, `worker.ts`
 * when running from source. Node 20 cannot load a `.ts` worker by itself, so from source it is
 * started with tsx's loader; Deno and Bun read TypeScript natively.
 *
 * Faults never take the process down and never leave a query pending:
 * - a pool that cannot start (the worker file missing, e.g. after a bundler) resolves to null,
 *   so the engine runs inline; its `'error'` events are always handled;
 * - a task not done `taskTimeoutMs` after it was handed to the pool (queueing included) is
 *   aborted, which makes piscina terminate the worker running it and start a fresh one, and the
 *   query rejects with a {@link QueryError};
 * - a worker that dies mid-task rejects its query the same way, and the pool replaces it;
 * - `close()` while tasks run rejects them as closed.
 * Any task goes through the same path, whatever its worker module (`filename` per run).
 */
import { createRequire } from 'node:module';
import { QueryError } from '../../errors.ts';
import { runtimeKey } from '../../runtime.ts';
import type { DiscardTask, ShardTask } from './messages.ts';

export interface PoolOptions {
  /** A task still running after this many ms is stopped, its worker replaced. Default 60,000. */
  taskTimeoutMs?: number;
  /** The default worker module (a file URL or path); tests point it at a faulty one. */
  filename?: string;
  /**
   * Threads started at once (default all `size`); the others start when tasks wait for a thread.
   * A program whose own thread takes part in its first work (see `ScanOptions.here`) starts one fewer.
   */
  threads?: number;
}

/** What the pool has done, for `engine.stats()`. */
export interface PoolCounters {
  tasks: number;
  timeouts: number;
  failures: number;
}

export interface Pool {
  readonly size: number;
  readonly counters: PoolCounters;
  /** Runs every task (in parallel across the threads); rejects with a QueryError on any fault. */
  run<T = ShardTask>(tasks: T[], options?: { filename?: string }): Promise<unknown[]>;
  /**
   * Moves `buffers` to one thread, which drops them: their memory is then freed there, not on
   * this thread. Fire and forget (nothing is freed here if no thread takes them before the pool closes).
   */
  discard(buffers: ArrayBuffer[]): void;
  close(): Promise<void>;
}

interface PiscinaLike {
  run(task: unknown, options?: { signal?: AbortSignal; filename?: string; transferList?: ArrayBuffer[] }): Promise<unknown>;
  destroy(): Promise<void>;
  on(event: 'error', listener: (error: unknown) => void): void;
}

const PROBE: ShardTask = {
  w0: 0,
  w1: 0,
  groups: 0,
  rowStart: new Float64Array(1),
  runStart: new Float64Array(1),
  runPart: new Int32Array(0),
  runFrom: new Float64Array(0),
  runTo: new Float64Array(0),
  groupBy: [],
  where: [],
  cellOf: null,
  cellStart: null,
  rows: new Float64Array(0),
  measures: [],
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * piscina's module, required where the runtime can (piscina is CommonJS): its ES module wrapper
 * made loading it take 17 ms instead of 10 (Node 20, 3 runs each), all of it before a pool's
 * first thread is asked for. Imported where `require` is not there.
 */
export async function loadPiscina(): Promise<{ Piscina: typeof import('piscina').Piscina }> {
  try {
    return createRequire(import.meta.url)('piscina') as { Piscina: typeof import('piscina').Piscina };
  } catch {
    return import('piscina');
  }
}

/**
 * Starts a pool of `size` threads. Resolves to the pool, or to `{ error }` saying why worker
 * threads are unavailable here (the caller then runs inline).
 */
export async function startPool(size: number, options: PoolOptions = {}): Promise<Pool | { error: string }> {
  const taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
  if (size < 1) return { error: 'no worker threads asked for' };
  let piscina: PiscinaLike | undefined;
  // A worker that fails to load emits 'error' on the pool; unhandled, that would end the process.
  let lastError: unknown = null;
  try {
    const { Piscina } = await loadPiscina();
    const fromSource = import.meta.url.endsWith('.ts');
    const filename = options.filename ?? new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url).href;
    const execArgv = fromSource && runtimeKey() === 'node' ? ['--import', 'tsx'] : undefined;
    const minThreads = Math.max(1, Math.min(size, options.threads ?? size));
    piscina = new Piscina({ filename, minThreads, maxThreads: size, idleTimeout: 30_000, execArgv }) as PiscinaLike;
    piscina.on('error', (error) => {
      lastError = error;
    });
    // Fail here, not on the first query, if this runtime cannot start the worker.
    await piscina.run(PROBE);
  } catch (error) {
    await piscina?.destroy().catch(() => {});
    return { error: message(lastError ?? error) };
  }
  const pool = piscina;
  const counters: PoolCounters = { tasks: 0, timeouts: 0, failures: 0 };
  let closing = false;

  async function runOne(task: unknown, filename: string | undefined): Promise<unknown> {
    const abort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, taskTimeoutMs);
    try {
      return await pool.run(task, { signal: abort.signal, ...(filename ? { filename } : {}) });
    } catch (error) {
      if (closing) throw new QueryError([{ path: ['engine'], message: 'was closed while the query ran' }]);
      if (timedOut) {
        counters.timeouts++;
        throw new QueryError([
          {
            path: ['query'],
            message: `a worker task ran past the task timeout (${taskTimeoutMs} ms) and was stopped; its worker was replaced`,
          },
        ]);
      }
      counters.failures++;
      throw new QueryError([
        { path: ['query'], message: `a worker thread failed mid-query (${message(error)}); the pool replaced it` },
      ]);
    } finally {
      clearTimeout(timer);
      counters.tasks++;
    }
  }

  return {
    size,
    counters,
    async run(tasks, runOptions) {
      const runs = tasks.map((t) => runOne(t, runOptions?.filename));
      // Wait for every task before rejecting: the caller reuses the shared buffers they write.
      const settled = await Promise.allSettled(runs);
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value);
    },
    discard(buffers) {
      if (closing || buffers.length === 0) return;
      const task: DiscardTask = { kind: 'discard', buffers };
      pool.run(task, { transferList: buffers }).catch(() => {});
    },
    async close() {
      closing = true;
      await pool.destroy();
    },
  };
}
