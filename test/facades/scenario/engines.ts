/**
 * The engines every golden case runs on: the naive reference, the real engine inline, and the
 * real engine on two workers with every query sharded (inlineThreshold 0).
 */
import { afterAll, beforeAll } from 'vitest';
import { createEngine } from '../../../src/engine/engine.ts';
import type { Engine } from '../../../src/engine/engine.ts';
import { referenceEngine } from './fixtures.ts';

export const ENGINE_NAMES = ['reference', 'workers 0', 'workers 2'] as const;
type EngineName = (typeof ENGINE_NAMES)[number];

/** Registers beforeAll/afterAll hooks in the calling file; returns a getter for a named engine. */
export function useEngines(): (name: EngineName) => Engine {
  const engines = new Map<EngineName, Engine>([['reference', referenceEngine]]);
  beforeAll(() => {
    engines.set('workers 0', createEngine({ workers: 0 }));
    engines.set('workers 2', createEngine({ workers: 2, inlineThreshold: 0 }));
  });
  afterAll(async () => {
    await Promise.all([...engines.values()].map((e) => e.close()));
  });
  return (name) => engines.get(name)!;
}
