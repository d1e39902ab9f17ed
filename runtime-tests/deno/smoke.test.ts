/**
 * Deno smoke suite: the engine (inline and on worker threads), every façade once, the HTTP
 * handler served with Deno.serve on loopback, and a snappy Parquet page through WebAssembly.
 * Run: deno test -A runtime-tests/deno
 */
import { deepStrictEqual, equal } from 'node:assert/strict';
import { createEngine } from '../../src/index.ts';
import { serve } from '../../src/http/serve/index.ts';
import { startPool } from '../../src/engine/parallel/pool.ts';
import * as cases from '../smoke-cases.ts';
import { snappyCompress } from 'hysnappy';
import { SNAPPY_SLACK, snappyInto } from '../../src/io/scan/parquet-snappy.ts';
import { snappyPages, snappyWasm } from '../../src/io/scan/parquet-snappy-wasm.ts';

Deno.test('worker threads start under Deno (piscina)', async () => {
  const pool = await startPool(2, { taskTimeoutMs: 60_000 });
  equal('size' in pool ? pool.size : pool.error, 2);
  if ('close' in pool) await pool.close();
});

Deno.test('engine: 2 workers, nothing inline, equals workers 0', async () => {
  const inline = createEngine({ workers: 0 });
  const pooled = createEngine({ workers: 2, inlineThreshold: 0 });
  try {
    const a = (await inline.aggregate(cases.engineEvents, cases.engineQuery)).objects();
    const b = (await pooled.aggregate(cases.engineEvents, cases.engineQuery)).objects();
    deepStrictEqual(a, cases.engineExpected);
    deepStrictEqual(b, cases.engineExpected);
  } finally {
    await inline.close();
    await pooled.close();
  }
});

Deno.test('every façade answers its golden case', async () => {
  const engine = createEngine({ workers: 0 });
  try {
    const f = cases.buildFacades(engine);
    deepStrictEqual(await f.boltz.admin.usage.list(cases.boltz.params), cases.boltz.expected);
    deepStrictEqual(await f.miosa.usage.get(cases.miosa.params), cases.miosa.expected);
    deepStrictEqual(await f.scenario.usages.list(cases.scenario.params), cases.scenario.expected);
    deepStrictEqual(await f.adverity.usage.list(cases.adverity.params, { scope: cases.adverity.scope }), cases.adverity.expected);
  } finally {
    await engine.close();
  }
});

Deno.test('the HTTP handler served with Deno.serve on loopback', async () => {
  const engine = createEngine({ workers: 0 });
  const server = await serve(cases.buildHandler(engine), { port: 0 });
  try {
    equal(server.url, `http://127.0.0.1:${server.port}`);
    for (const [vendor, path, expected] of cases.httpCases) {
      const res = await fetch(server.url + path, { headers: cases.headers[vendor] });
      equal(res.status, 200, vendor);
      equal(res.headers.get('content-type'), 'application/json');
      deepStrictEqual(await res.json(), expected);
    }
    const denied = await fetch(server.url + cases.adverity.path, { headers: { authorization: 'Token nope' } });
    equal(denied.status, 401);
    deepStrictEqual(await denied.json(), { detail: 'Invalid token.' });
    const missing = await fetch(`${server.url}/nope`);
    equal(missing.status, 404);
    await missing.body?.cancel();
  } finally {
    await server.close();
    await engine.close();
  }
});

Deno.test('a snappy page decodes through WebAssembly, as the own decoder decodes it', () => {
  const text = new TextEncoder().encode('2026-11-01T00:00:00.000Z'.repeat(500));
  const page = snappyCompress(text);
  const before = snappyPages.wasm;
  deepStrictEqual(snappyWasm(page, text.length), text);
  equal(snappyPages.wasm, before + 1);
  const own = new Uint8Array(text.length + SNAPPY_SLACK);
  snappyInto(page, own, text.length);
  deepStrictEqual(own.subarray(0, text.length), text);
});
