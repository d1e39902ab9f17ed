/** The one place that tells the runtimes apart (as hono's getRuntimeKey does). */
export type RuntimeKey = 'deno' | 'bun' | 'node' | 'other';

export function runtimeKey(): RuntimeKey {
  const g = globalThis as Record<string, unknown>;
  if (typeof g.Deno !== 'undefined') return 'deno';
  if (typeof g.Bun !== 'undefined') return 'bun';
  const p = g.process as { versions?: { node?: string } } | undefined;
  return p?.versions?.node ? 'node' : 'other';
}

/**
 * Whether the process may end with `process.exit()` once `process.stdout` and `stderr` have
 * nothing queued (`writableLength` 0) without losing output. On Node, yes: what they have not
 * handed to the file or pipe is counted there. Bun counts 0 while a pipe still holds queued
 * output, and exiting then cut a 2.9 MB output to 256 KB; Deno is not relied on either.
 */
export function exitKeepsWrittenOutput(): boolean {
  return runtimeKey() === 'node';
}

/** Logical cores, for `workers: 'auto'`. */
export async function coreCount(): Promise<number> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (nav?.hardwareConcurrency) return nav.hardwareConcurrency;
  try {
    const os = await import('node:os');
    return os.availableParallelism?.() ?? os.cpus().length;
  } catch {
    return 1;
  }
}
