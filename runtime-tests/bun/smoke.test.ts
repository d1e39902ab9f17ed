/**
 * Bun smoke suite: the engine (inline and on worker threads), every façade once, the HTTP
 * handler served with Bun.serve on loopback, and a snappy Parquet page through WebAssembly.
 * Run: bun test runtime-tests/bun
 */
import { expect, test } from 'bun:test';
import { createEngine } from '../../src/index.ts';
import { serve } from '../../src/http/serve/index.ts';
import { startPool } from '../../src/engine/parallel/pool.ts';
import * as cases from '../smoke-cases.ts';
import { snappyCompress } from 'hysnappy';
import { SNAPPY_SLACK, snappyInto } from '../../src/io/scan/parquet-snappy.ts';
import { snappyPages, snappyWasm } from '../../src/io/scan/parquet-snappy-wasm.ts';

test('worker threads start under Bun (piscina)', async () => {
  const pool = await startPool(2, { taskTimeoutMs: 60_000 });
  expect('size' in pool ? pool.size : pool.error).toBe(2);
  if ('close' in pool) await pool.close();
});

test('engine: 2 workers, nothing inline, equals workers 0', async () => {
  const inline = createEngine({ workers: 0 });
  const pooled = createEngine({ workers: 2, inlineThreshold: 0 });
  try {
    const a = (await inline.aggregate(cases.engineEvents, cases.engineQuery)).objects();
    const b = (await pooled.aggregate(cases.engineEvents, cases.engineQuery)).objects();
    expect(a).toEqual(cases.engineExpected);
    expect(b).toEqual(cases.engineExpected);
  } finally {
    await inline.close();
    await pooled.close();
  }
});

test('every façade answers its golden case', async () => {
  const engine = createEngine({ workers: 0 });
  try {
    const f = cases.buildFacades(engine);
    expect(await f.boltz.admin.usage.list(cases.boltz.params)).toEqual(cases.boltz.expected);
    expect(await f.miosa.usage.get(cases.miosa.params)).toEqual(cases.miosa.expected);
    expect(await f.scenario.usages.list(cases.scenario.params)).toEqual(cases.scenario.expected);
    expect(await f.adverity.usage.list(cases.adverity.params, { scope: cases.adverity.scope })).toEqual(cases.adverity.expected);
  } finally {
    await engine.close();
  }
});

test('the HTTP handler served with Bun.serve on loopback', async () => {
  const engine = createEngine({ workers: 0 });
  const server = await serve(cases.buildHandler(engine), { port: 0 });
  try {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    for (const [vendor, path, expected] of cases.httpCases) {
      const res = await fetch(server.url + path, { headers: cases.headers[vendor] });
      expect([vendor, res.status]).toEqual([vendor, 200]);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual(expected);
    }
    const denied = await fetch(server.url + cases.adverity.path, { headers: { authorization: 'Token nope' } });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ detail: 'Invalid token.' });
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
  } finally {
    await server.close();
    await engine.close();
  }
});

test('a snappy page decodes through WebAssembly, as the own decoder decodes it', () => {
  const text = new TextEncoder().encode('2026-11-01T00:00:00.000Z'.repeat(500));
  const page = snappyCompress(text);
  const before = snappyPages.wasm;
  expect(snappyWasm(page, text.length)).toEqual(text);
  expect(snappyPages.wasm).toBe(before + 1);
  const own = new Uint8Array(text.length + SNAPPY_SLACK);
  snappyInto(page, own, text.length);
  expect(own.subarray(0, text.length)).toEqual(text);
});
