// Placeholder replaced by the engine implementation.
import type { Engine, EngineOptions } from './types.ts';
export function createEngine(_options: EngineOptions = {}): Engine {
  throw new Error('engine not implemented yet');
}
