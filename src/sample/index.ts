/**
 * A deterministic sample of usage events for every registered vendor, for examples, demos and
 * emulators: the same seed gives the same events on every runtime. Each vendor's descriptor
 * holds its generator and default count.
 */
import { VENDORS, type Vendor, type VendorSample } from '../facades/vendors.ts';
import type { AdverityEvent, AdverityWorkspace } from './adverity.ts';
import type { BoltzEvent } from './boltz.ts';
import type { MiosaEvent } from './miosa.ts';
import { createRandom } from './random.ts';
import type { ScenarioCatalogs, ScenarioEvent } from './scenario.ts';

export type { AdverityEvent, AdverityWorkspace, BoltzEvent, MiosaEvent, ScenarioCatalogs, ScenarioEvent };
export { createRandom, type Random } from './random.ts';
export type { Entity } from './scenario.ts';

/** The instant the committed sample ends at; examples pin their clock to it. */
export const SAMPLE_NOW = '2026-11-20T12:00:00.000Z';
export const DEFAULT_SEED = 20261120;

export interface SampleOptions {
  seed?: number;
  /** End of the sample (exclusive), ISO-8601. Default {@link SAMPLE_NOW}. */
  end?: string;
  /** Days of events before `end`. Default 40. */
  days?: number;
  /** Events per vendor (Scenario: jobs and other actions; each job adds its asset rows). */
  counts?: Partial<Record<Vendor, number>>;
}

/** Per vendor, what its generator gives (Boltz: events; Scenario: events and catalogs; …). */
export type Sample = VendorSample;

/**
 * Generates the sample. Each vendor draws from its own stream (seed + index), so changing one
 * vendor's count leaves the others' events as they were.
 *
 * @example
 * const { boltz } = generateSample({ seed: 7, counts: { boltz: 100 } });
 */
export function generateSample(options: SampleOptions = {}): Sample {
  const seed = options.seed ?? DEFAULT_SEED;
  const end = Date.parse(options.end ?? SAMPLE_NOW);
  if (!Number.isFinite(end)) throw new TypeError(`end must be an ISO-8601 date-time, got ${options.end}`);
  const days = options.days ?? 40;
  if (!(days > 0)) throw new TypeError(`days must be positive, got ${days}`);
  const span = { start: end - days * 86_400_000, end };
  return Object.fromEntries(
    VENDORS.map((v, i) => {
      const generate = v.sample.generate as (r: ReturnType<typeof createRandom>, s: typeof span, n: number) => unknown;
      return [v.name, generate(createRandom(seed + i), span, options.counts?.[v.name] ?? v.sample.count)];
    }),
  ) as Sample;
}
