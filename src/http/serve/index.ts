/**
 * Serving a fetch handler on whichever runtime this is: @hono/node-server on Node, `Deno.serve` on
 * Deno, `Bun.serve` on Bun. Only the chosen adapter is loaded, so no runtime imports another's code.
 */
import { runtimeKey } from '../../runtime.ts';
import type { Handler, RunningServer, ServeOptions } from './adapters/types.ts';

export type { Handler, RunningServer, ServeOptions } from './adapters/types.ts';
export { runtimeKey, type RuntimeKey } from '../../runtime.ts';

/**
 * Is `host` a loopback address (`localhost`, `127.0.0.0/8`, `::1`), reachable only from this machine?
 *
 * @example
 * isLoopbackHost('127.0.0.1') // true
 * isLoopbackHost('0.0.0.0')   // false
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    h === '::1' ||
    /^(0{1,4}:){7}0{0,3}1$/.test(h) ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  );
}

/**
 * Listens on `hostname:port` (default `127.0.0.1`, a free port) and serves `handler`.
 *
 * @example
 * const server = await serve(createFetchHandler({ boltz }), { port: 8080 });
 * console.log(`listening on ${server.url}`);
 * // … later
 * await server.close();
 */
export async function serve(handler: Handler, options: ServeOptions = {}): Promise<RunningServer> {
  const port = options.port ?? 0;
  const hostname = options.hostname ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  }
  const runtime = runtimeKey();
  switch (runtime) {
    case 'deno':
      return (await import('./adapters/deno.ts')).serveDeno(handler, port, hostname);
    case 'bun':
      return (await import('./adapters/bun.ts')).serveBun(handler, port, hostname);
    case 'node':
      return (await import('./adapters/node.ts')).serveNode(handler, port, hostname);
    default:
      throw new Error(`serving is supported on Node, Deno and Bun; this runtime (${runtime}) is not one of them`);
  }
}
