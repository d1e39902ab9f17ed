/**
 * `recompute` on a large file starts the engine's worker threads before the command's own
 * modules load. Loading them (the engine, arquero, zod, the façades) keeps one core busy for
 * about 0.2 s while the other idles; the threads boot in that time instead of after it, load the
 * file scanners with a warm-up task, and the scan finds them ready. A small file never starts
 * them (its scan would not use them), nor `--workers 0` or standard input. The arguments are
 * read loosely here: the command parses them properly, and a pool it then has no use for is
 * closed when the command ends.
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { WarmTask } from '../io/scan/worker.ts';

/** A file at least this large takes several scan tasks (as the engine's own early start). */
const LARGE_INPUT = 4 << 20;

const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/**
 * Starts the worker threads `recompute` will want for these arguments when its input is a
 * large file. Resolves (once the threads are asked for) to a function that closes them unless an
 * engine took them.
 *
 * @example
 * const done = await prestartFor(['--input', 'big.arrows', '--query', 'q.json']);
 * try { await runRecompute(argv); } finally { await done(); }
 */
export async function prestartFor(argv: string[]): Promise<() => Promise<void>> {
  const workers = earlyWorkers(argv);
  if (workers === null) return async () => {};
  // Both loaded before the pool is asked for, so its threads spawn before the command's modules load.
  const [{ prestartPool, closePrestarted }] = await Promise.all([import(`../engine/parallel/prestart${EXT}`), import('piscina')]);
  const filename = new URL(`../io/scan/worker${EXT}`, import.meta.url).href;
  const task: WarmTask = { kind: 'warm' };
  prestartPool(workers, { warm: { filename, task } }).catch(() => {});
  return closePrestarted;
}

/** The threads the command will want for these arguments, or null for none worth starting now. */
export function earlyWorkers(argv: string[]): number | 'auto' | null {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: false,
      allowPositionals: true,
      options: { input: { type: 'string', short: 'i' }, workers: { type: 'string' } },
    }));
  } catch {
    return null;
  }
  const { input, workers } = values;
  if (typeof input !== 'string' || input === '-') return null;
  let count: number | 'auto' = 0;
  if (workers === undefined || workers === 'auto') count = 'auto';
  else if (typeof workers === 'string' && /^\d+$/.test(workers)) count = Number(workers);
  if (count === 0) return null;
  try {
    return statSync(input).size >= LARGE_INPUT ? count : null;
  } catch {
    return null;
  }
}
