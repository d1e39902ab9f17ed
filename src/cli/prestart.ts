/**
 * `recompute` on a large file starts the engine's worker threads before the command's own
 * modules load. Loading them (the engine, arquero, zod, the façades) keeps one core busy for
 * about 0.2 s while the other idles; the threads boot in that time instead of after it. The scan
 * itself starts too (its tasks load the file scanners on the threads), with the options the command
 * will load with (from `--query` or `--facade` and `--columns`, `--format`, `--skip-invalid`),
 * so the threads scan while this thread loads; the command's load takes the scan over when its
 * options match exactly, and scans afresh otherwise. A small file never starts them (its scan
 * would not use them), nor `--workers 0` or standard input. The arguments are read loosely here:
 * the command parses them properly, and threads or a scan it then has no use for are stopped
 * when the command ends.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Query } from '../engine/types.ts';
import type { Vendor } from '../facades/vendors.ts';
import type { PrescanOptions } from '../io/scan/prescan.ts';
import type { EventFormat } from '../io/types.ts';
import type { WarmTask } from '../io/scan/worker.ts';
import { coreCount } from '../runtime.ts';

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
  const options = scanOptions(argv).catch(() => null);
  const [{ prestartPool, closePrestarted, prestarted }] = await Promise.all([
    import('../engine/parallel/prestart.ts'),
    import('../engine/parallel/pool.ts').then((p) => p.loadPiscina()),
  ]);
  const scan = await options;
  if (scan === null) {
    // No scan to start: each thread loads the scanners with a warm-up task meanwhile. (A scan's
    // own tasks load them; a warm-up task ahead of them would hold them back until this thread,
    // busy loading the command, hands them out.)
    const filename = new URL(`../io/scan/worker${EXT}`, import.meta.url).href;
    const task: WarmTask = { kind: 'warm' };
    prestartPool(workers, { warm: { filename, task } }).catch(() => {});
    return closePrestarted;
  }
  // With two threads or more, this thread reads the file too, between loading the command's
  // modules, and one thread fewer is started now (the rest start if a query later wants them).
  // On 2 cores, this thread and one started thread read the benchmark's 5M-row Arrow file in
  // about 0.04 s less wall time than two started threads did, each of which first spent tens of
  // ms starting and compiling the scanners.
  const size = workers === 'auto' ? await coreCount() : workers;
  const here = size >= 2;
  await prestartPool(size, { threads: here ? size - 1 : size }).catch(() => {});
  const { prescan, dropPrescan } = await import('../io/scan/prescan.ts');
  const pool = prestarted();
  prescan(
    scan.input,
    { ...scan.options, here },
    pool?.then((p) => ('error' in p ? null : p)),
  );
  return async () => {
    dropPrescan();
    await closePrestarted();
  };
}

/**
 * The file and scan options `recompute` will load with, as it derives them (./recompute.ts), or
 * null when the arguments do not say (or say something the command will reject).
 */
async function scanOptions(argv: string[]): Promise<{ input: string; options: PrescanOptions } | null> {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    allowPositionals: true,
    options: {
      input: { type: 'string', short: 'i' },
      query: { type: 'string' },
      facade: { type: 'string' },
      columns: { type: 'string' },
      format: { type: 'string' },
      'skip-invalid': { type: 'boolean' },
    },
  });
  const { input, query: queryFile, facade, columns, format } = values;
  if (typeof input !== 'string') return null;
  const common = {
    format: typeof format === 'string' ? (format as EventFormat) : undefined,
    skipInvalid: values['skip-invalid'] === true,
  };
  const { recomputeReads, VENDORS } = await import('./query-columns.ts');
  let from: Parameters<typeof recomputeReads>[0];
  if (typeof queryFile === 'string') {
    const query = JSON.parse(readFileSync(queryFile, 'utf8')) as Partial<Query>;
    if (typeof query !== 'object' || query === null || Array.isArray(query)) return null;
    from = { query };
  } else if (typeof facade === 'string' && (VENDORS as readonly string[]).includes(facade)) {
    const names = typeof columns === 'string' ? (JSON.parse(columns) as Record<string, string>) : undefined;
    from = { vendor: facade as Vendor, columns: names };
  } else return null;
  return { input, options: { ...common, ...recomputeReads(from) } };
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
