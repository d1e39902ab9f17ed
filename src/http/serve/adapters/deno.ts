/** Deno: the built-in `Deno.serve`. */
import { baseUrl, type Handler, type RunningServer } from './types.ts';

// The slice of Deno's API used here, so the source type-checks without Deno's type library.
interface DenoHttpServer {
  readonly addr: { hostname: string; port: number };
  shutdown(): Promise<void>;
}
interface DenoServe {
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { hostname: string; port: number }) => void },
    handler: Handler,
  ): DenoHttpServer;
}

export async function serveDeno(handler: Handler, port: number, hostname: string): Promise<RunningServer> {
  const deno = (globalThis as unknown as { Deno: DenoServe }).Deno;
  let listening!: () => void;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  // An onListen of our own also silences Deno's default "Listening on …" line.
  const server = deno.serve({ port, hostname, onListen: () => listening() }, handler);
  await ready;
  const bound = server.addr.port;
  return { port: bound, hostname, url: baseUrl(hostname, bound), close: () => server.shutdown() };
}
