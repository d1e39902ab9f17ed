/**
 * A pool started before the engine that will use it exists. A program that knows early on that
 * it is about to read a large file (the command line, from its arguments) starts the threads
 * first, so they boot while the rest of the program loads: that loading keeps one core busy for
 * about 0.2 s with the other idle, and a pool started after it kept the main thread waiting on
 * the threads' own start for as long again. The first engine that asks for a pool of the same
 * size and settings takes it over, and closes it as its own.
 */
import { coreCount } from '../../runtime.ts';
import { startPool, type Pool } from './pool.ts';

interface Waiting {
  size: number;
  taskTimeoutMs: number;
  pool: Promise<Pool | { error: string }>;
}

let waiting: Waiting | null = null;

export interface PrestartOptions {
  /** Default 60,000, as the engine's. */
  taskTimeoutMs?: number;
  /** A task for each thread to run once started (e.g. one that loads the modules the first real tasks need). */
  warm?: { filename: string; task: unknown };
  /** Threads to start now (default all); the others start when tasks wait for one (see `PoolOptions.threads`). */
  threads?: number;
}

/**
 * Starts a pool of `workers` threads (`'auto'`: one per core) for the next engine to take.
 *
 * @example
 * prestartPool('auto'); // then, later: createEngine({ workers: 'auto' }) uses these threads
 */
export async function prestartPool(workers: number | 'auto', options: PrestartOptions = {}): Promise<void> {
  if (waiting || workers === 0) return;
  const size = workers === 'auto' ? await coreCount() : workers;
  if (waiting || !(size >= 1)) return;
  const taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
  const warm = options.warm;
  const threads = Math.max(1, Math.min(size, options.threads ?? size));
  const pool = startPool(size, { taskTimeoutMs, threads }).then(async (p) => {
    // Idle threads take one warm-up task each; the pool is handed over without waiting for them.
    if (warm && !('error' in p))
      p.run(
        Array.from({ length: threads }, () => warm.task),
        { filename: warm.filename },
      ).catch(() => {});
    return p;
  });
  pool.catch(() => {});
  waiting = { size, taskTimeoutMs, pool };
}

/** The started pool, when one of this size and task timeout waits (it is then no longer waiting). */
export function takePrestarted(size: number, taskTimeoutMs: number): Promise<Pool | { error: string }> | null {
  if (!waiting || waiting.size !== size || waiting.taskTimeoutMs !== taskTimeoutMs) return null;
  const { pool } = waiting;
  waiting = null;
  return pool;
}

/** Closes a started pool no engine took, so its threads do not outlive the program's work. */
export async function closePrestarted(): Promise<void> {
  const left = waiting;
  waiting = null;
  const pool = left ? await left.pool : null;
  if (pool && !('error' in pool)) await pool.close();
}

/** The started pool still waiting for an engine, without taking it (e.g. to scan on before the engine exists). */
export function prestarted(): Promise<Pool | { error: string }> | null {
  return waiting?.pool ?? null;
}
