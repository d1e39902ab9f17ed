import { afterEach, describe, expect, it } from 'vitest';
import { runtimeKey, serve, type RunningServer } from '../../../src/http/serve/index.ts';
import { createFetchHandler } from '../../../src/http/handler.ts';
import { fakeFacades } from '../fakes.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('serve on Node', () => {
  it('recognises the runtime', () => {
    expect(runtimeKey()).toBe('node');
  });

  it('serves the handler on loopback, on a free port by default', async () => {
    const f = fakeFacades((call) => ({ got: call.params }));
    server = await serve(createFetchHandler({ miosa: f.miosa }));
    expect(server.hostname).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);

    const res = await fetch(`${server.url}/api/v1/usage?group_by=workspace_id&x[]=1&x[]=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ got: { group_by: 'workspace_id', x: ['1', '2'] } });

    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Not Found' });
  });

  it('does not replace the global Request and Response', async () => {
    const before = [globalThis.Request, globalThis.Response];
    server = await serve(createFetchHandler({}));
    await fetch(`${server.url}/`);
    expect([globalThis.Request, globalThis.Response]).toEqual(before);
  });

  it('stops answering after close()', async () => {
    server = await serve(createFetchHandler({}));
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(fetch(url)).rejects.toThrow();
  });

  it('rejects a port that is in use, and a port out of range', async () => {
    server = await serve(createFetchHandler({}));
    await expect(serve(createFetchHandler({}), { port: server.port })).rejects.toThrow(/EADDRINUSE/);
    await expect(serve(createFetchHandler({}), { port: 70000 })).rejects.toThrow(
      new RangeError('port must be an integer from 0 to 65535, got 70000'),
    );
  });
});
