/**
 * The engine's pool over its life: started lazily on the first query that needs it, shared by
 * every query, counted for `engine.stats()`, closed once. A pool that cannot start leaves the
 * engine inline for good, with one warning — never a crash, never a retry per query.
 */
import { coreCount } from '../../runtime.ts';
import { startPool, type Pool } from './pool.ts';
import { takePrestarted } from './prestart.ts';

export interface LifecycleOptions {
  /** `0`: always inline; a number of threads; `'auto'` (or undefined): one per core. */
  workers: number | 'auto' | undefined;
  taskTimeoutMs: number;
  /** The worker module, when not the default one next to pool.ts. */
  filename?: string;
  warn: (message: string) => void;
}

/** What `engine.stats()` reports about the worker threads. */
export interface WorkerStats {
  /**
   * `'off'`: workers 0; `'idle'`: not started yet (no query needed them); `'active'`: running;
   * `'unavailable'`: could not start, queries run inline; `'closed'`: the engine was closed.
   */
  state: 'off' | 'idle' | 'active' | 'unavailable' | 'closed';
  threads: number;
  /** Tasks the workers ran (each shard of a query is one). */
  tasks: number;
  /** Tasks stopped by the task timeout (each replaced its worker). */
  timeouts: number;
  /** Tasks whose worker failed (died or threw); each rejected its query. */
  failures: number;
}

export interface PoolLifecycle {
  /** The running pool, started on first call; null when the engine runs inline. */
  get(): Promise<Pool | null>;
  /** The pool when it has started and is not closed; null otherwise (never starts it). */
  running(): Pool | null;
  stats(): WorkerStats;
  close(): Promise<void>;
}

export function poolLifecycle(options: LifecycleOptions): PoolLifecycle {
  let starting: Promise<Pool | null> | null = null;
  let pool: Pool | null = null;
  let unavailable = false;
  let closed = false;
  let closing: Promise<void> | null = null;

  const get = (): Promise<Pool | null> => {
    if (closed || options.workers === 0) return Promise.resolve(null);
    starting ??= (async () => {
      const size = options.workers === undefined || options.workers === 'auto' ? await coreCount() : options.workers;
      const prestarted = options.filename ? null : takePrestarted(size, options.taskTimeoutMs);
      const started = await (prestarted ?? startPool(size, { taskTimeoutMs: options.taskTimeoutMs, filename: options.filename }));
      if ('error' in started) {
        unavailable = true;
        options.warn(`worker threads could not start (${started.error}); every query runs inline`);
        return null;
      }
      if (closed) {
        await started.close();
        return null;
      }
      return (pool = started);
    })();
    return starting;
  };

  return {
    get,
    running: () => (closed ? null : pool),
    stats() {
      const state = closed ? 'closed' : options.workers === 0 ? 'off' : unavailable ? 'unavailable' : pool ? 'active' : 'idle';
      return { state, threads: pool && !closed ? pool.size : 0, tasks: 0, timeouts: 0, failures: 0, ...pool?.counters };
    },
    close() {
      closed = true;
      // A pool still starting closes itself once started (see get); counters stay readable.
      closing ??= (async () => {
        await (pool ?? (await starting))?.close();
      })();
      return closing;
    },
  };
}
