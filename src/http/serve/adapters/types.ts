/** What every runtime adapter takes and gives back. */

/** A web-standard fetch handler, as `createFetchHandler` builds. */
export type Handler = (request: Request) => Response | Promise<Response>;

export interface ServeOptions {
  /** TCP port; 0 picks a free one (read the chosen one from `RunningServer.port`). Default 0. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1` (loopback only). */
  hostname?: string;
}

/** A listening server. */
export interface RunningServer {
  /** The port actually bound (the chosen one when 0 was asked). */
  readonly port: number;
  readonly hostname: string;
  /** `http://hostname:port`, ready for `fetch`. */
  readonly url: string;
  /** Stops accepting connections and resolves once the server is closed. */
  close(): Promise<void>;
}

/** Formats the base URL, bracketing IPv6 literals. */
export function baseUrl(hostname: string, port: number): string {
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  return `http://${host}:${port}`;
}
