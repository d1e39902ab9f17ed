/**
 * Runs a block of façade tests once per engine configuration: inline (workers 0) and sharded
 * over two workers with every query forced onto the pool (inlineThreshold 0).
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { createEngine } from '../../../src/engine/engine.ts';
import type { Query } from '../../../src/engine/types.ts';
import type { Engine } from '../../../src/engine/engine.ts';

export const ENGINE_CONFIGS = [
  { label: 'inline engine', options: { workers: 0 } },
  { label: 'two-worker engine', options: { workers: 2, inlineThreshold: 0 } },
] as const;

/** `body` receives a getter, since the engine only exists once beforeAll has run. */
export function describeEachEngine(name: string, body: (engine: () => Engine) => void): void {
  for (const config of ENGINE_CONFIGS) {
    describe(`${name} (${config.label})`, () => {
      let engine: Engine;
      beforeAll(() => {
        engine = createEngine(config.options);
      });
      afterAll(async () => {
        await engine.close();
      });
      body(() => engine);
    });
  }
}

/** Runs a promise expected to reject with a FacadeError; returns `{ status, body }`. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await promise;
  } catch (e) {
    const err = e as { name?: string; status?: number; body?: unknown };
    if (err.name !== 'FacadeError') throw e;
    return { status: err.status!, body: err.body };
  }
  throw new Error('expected a FacadeError, the call resolved');
}

/** Wraps an engine to record every aggregate call (the events object and the query). */
export function recordingEngine(inner: () => Engine): { engine: Engine; calls: { events: unknown; query: Query }[] } {
  const calls: { events: unknown; query: Query }[] = [];
  return {
    calls,
    engine: {
      aggregate: (events, query) => {
        calls.push({ events, query });
        return inner().aggregate(events, query);
      },
      close: async () => {},
    },
  };
}
