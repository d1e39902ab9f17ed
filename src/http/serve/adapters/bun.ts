/** Bun: the built-in `Bun.serve`. */
import { baseUrl, type Handler, type RunningServer } from './types.ts';

// The slice of Bun's API used here, so the source type-checks without bun-types.
interface BunServer {
  readonly port: number;
  stop(closeActiveConnections?: boolean): Promise<void> | void;
}
interface BunServe {
  serve(options: { port: number; hostname: string; fetch: Handler }): BunServer;
}

export async function serveBun(handler: Handler, port: number, hostname: string): Promise<RunningServer> {
  const bun = (globalThis as unknown as { Bun: BunServe }).Bun;
  // Bun.serve binds synchronously and throws (EADDRINUSE, …) right away.
  const server = bun.serve({ port, hostname, fetch: handler });
  const bound = server.port;
  return {
    port: bound,
    hostname,
    url: baseUrl(hostname, bound),
    close: async () => {
      await server.stop(true);
    },
  };
}
