/**
 * The worker pool behind the engine: piscina where it starts, nothing (inline) where it does not.
 *
 * The worker file is resolved next to this module: `worker.js` in the built package, `worker.ts`
 * when running from source. Node 20 cannot load a `.ts` worker by itself, so from source it is
 * started with tsx's loader; Deno and Bun read TypeScript natively.
 */
import type { ShardTask } from './messages.ts';
import { runtimeKey } from '../../runtime.ts';

export interface Pool {
  readonly size: number;
  run(tasks: ShardTask[]): Promise<void>;
  close(): Promise<void>;
}

interface PiscinaLike {
  run(task: unknown): Promise<unknown>;
  destroy(): Promise<void>;
}

/** Starts a pool of `size` threads, or resolves to null when worker threads are unavailable here. */
export async function startPool(size: number): Promise<Pool | null> {
  if (size < 1) return null;
  try {
    const { Piscina } = await import('piscina');
    const fromSource = import.meta.url.endsWith('.ts');
    const filename = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url).href;
    const execArgv = fromSource && runtimeKey() === 'node' ? ['--import', 'tsx'] : undefined;
    const piscina: PiscinaLike = new Piscina({
      filename, minThreads: size, maxThreads: size, idleTimeout: 30_000, execArgv,
    });
    // Fail here, not on the first query, if this runtime cannot start the worker.
    await piscina.run({ w0: 0, w1: 0, groups: 0, rowStart: new Float64Array(1), groupBy: [], where: [], cellOf: null, cellStart: null, rows: new Float64Array(0), measures: [] });
    return {
      size,
      async run(tasks) { await Promise.all(tasks.map((t) => piscina.run(t))); },
      close: () => piscina.destroy(),
    };
  } catch {
    return null;
  }
}
