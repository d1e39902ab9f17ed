/**
 * Node: @hono/node-server converts between node:http and web Request/Response (streaming, abort,
 * headers), so none of that conversion is written here.
 */
import { serve as honoServe } from '@hono/node-server';
import { baseUrl, type Handler, type RunningServer } from './types.ts';

export function serveNode(handler: Handler, port: number, hostname: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = honoServe(
      // A library must not replace the process's global Request/Response, which this option would do.
      { fetch: (request: Request) => handler(request), port, hostname, overrideGlobalObjects: false },
      (info) => {
        server.off('error', reject);
        resolve({
          port: info.port,
          hostname,
          url: baseUrl(hostname, info.port),
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error?: Error) => (error ? fail(error) : done()));
              // Idle keep-alive sockets would otherwise hold close() open.
              if ('closeIdleConnections' in server) server.closeIdleConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
