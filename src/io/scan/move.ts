/**
 * A scan result handed to the main thread with its buffers moved, as piscina's `move()` does,
 * without loading piscina's main module on the thread.
 *
 * Why: `move()` is exported only by piscina's main module, which loads the whole pool (its
 * queues, balancer, histograms, `perf_hooks`, `assert`…). On a pool thread that cost 8–10 ms of
 * the 17–19 ms it took to load the scan worker (Node 20, medians of 3), all of it before the
 * thread's first scan task. The marker `move()` sets lives in piscina's `common.js`, which the
 * pool thread's own runtime has loaded already: it is taken from beside that runtime. Where it
 * is not found (another runtime, another piscina layout, not a pool thread) the main module is
 * loaded and its `move()` used, as before.
 */
import { createRequire } from 'node:module';

/** piscina's `move()` for a value that already carries its transferables. */
type Mark = (value: object) => unknown;

const transferable = Symbol.for('Piscina.transferable');
const valueKey = Symbol.for('Piscina.valueOf');

/**
 * piscina's `markMovable`, from the `common.js` beside the piscina runtime running this thread
 * (the one whose marker that runtime checks), or null when there is not exactly one such runtime.
 */
export function loadedMark(): Mark | null {
  try {
    const cache = createRequire(import.meta.url).cache ?? {};
    const runtimes = Object.keys(cache).filter((file) => /[\\/]piscina[\\/]dist[\\/]worker\.js$/.test(file));
    if (runtimes.length !== 1) return null;
    const common = cache[runtimes[0].replace(/worker\.js$/, 'common.js')];
    const mark = (common?.exports as { markMovable?: unknown } | undefined)?.markMovable;
    return typeof mark === 'function' ? (mark as Mark) : null;
  } catch {
    return null; // no CommonJS cache here: piscina's own move()
  }
}

let mark: Mark | null | undefined;

/**
 * `value`, to be returned from a piscina task with `buffers` moved (not copied) to the thread
 * that ran the task.
 *
 * @example
 * return (await moved(result, [result.chunk.time.buffer])) as typeof result;
 */
export async function moved(value: unknown, buffers: ArrayBuffer[]): Promise<unknown> {
  const out = { [transferable]: buffers, [valueKey]: value };
  mark ??= loadedMark();
  if (mark) {
    mark(out);
    return out;
  }
  const { move } = await import('piscina');
  return move(out as unknown as Parameters<typeof move>[0]);
}
