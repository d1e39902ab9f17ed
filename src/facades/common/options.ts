/**
 * The options every façade is created with, validated once when it is created: the events
 * (kept and passed to the engine as the same object on every request, so the engine's encoding
 * cache keyed by that object is hit), the engine, the clock and the column mapping.
 */
import { z } from 'zod';
import type { Engine, Events } from '../../engine/engine.ts';
import { systemClock, type Clock } from './clock.ts';

export interface FacadeOptions<Columns> {
  /** The events: an arquero table, an array of records or an EventSource. Never copied. */
  events: Events;
  engine: Engine;
  /** The clock that defaults and relative periods read. Default: the system clock. */
  now?: Clock;
  columns?: Columns;
}

const baseSchema = z.object({
  events: z.custom<Events>((v) => typeof v === 'object' && v !== null, {
    message: 'events must be an arquero table, an array of records or an EventSource',
  }),
  engine: z.custom<Engine>((v) => typeof (v as Engine | null)?.aggregate === 'function', {
    message: 'engine must be an engine from createEngine()',
  }),
  now: z.custom<Clock>((v) => typeof v === 'function', { message: 'now must be a function returning a Date' }).optional(),
});

/** Validates the common options; a bad one is a programming error (TypeError). */
export function checkFacadeOptions<C>(facade: string, options: FacadeOptions<C>): { events: Events; engine: Engine; now: Clock } {
  const parsed = baseSchema.safeParse(options ?? {});
  if (!parsed.success) throw new TypeError(`${facade}: ${parsed.error.issues[0].message}`);
  return { events: options.events, engine: options.engine, now: options.now ?? systemClock };
}
