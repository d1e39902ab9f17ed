/**
 * The one place that asks which JavaScript runtime this is (as hono's `getRuntimeKey`). Deno and
 * Bun both expose a Node-compatible `process`, so they are recognised first, by their own globals.
 */
export type RuntimeKey = 'deno' | 'bun' | 'node' | 'other';

/**
 * @example
 * if (getRuntimeKey() === 'deno') { … }
 */
export function getRuntimeKey(): RuntimeKey {
  const g = globalThis as { Deno?: { version?: { deno?: unknown } }; Bun?: unknown; process?: { release?: { name?: unknown } } };
  if (typeof g.Deno?.version?.deno === 'string') return 'deno';
  if (g.Bun !== undefined) return 'bun';
  if (g.process?.release?.name === 'node') return 'node';
  return 'other';
}
