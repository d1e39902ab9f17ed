/**
 * Granularity: which grid a request's points sit on. The vendor derives it from the length of
 * the requested range; the façade lets that policy be replaced, but every granularity stays one
 * of the vendor's seven, because `usages[].granularity` reports it by name.
 */
import { z } from 'zod';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../../time.ts';
import { GRANULARITIES, type Granularity } from './enums.ts';

/** A range at most `upTo` ms long gets `granularity`. */
export interface GranularityThreshold {
  upTo: number;
  granularity: Granularity;
}

/**
 * How a range length (ms, end − start as requested, before snapping) maps to a granularity:
 * either a function, or thresholds in ascending `upTo` order, the first that fits winning, the
 * last one's `upTo` being `Infinity` so that every length fits one.
 *
 * @example
 * // Hourly points up to two days, daily beyond:
 * const policy: GranularityPolicy = [
 *   { upTo: 2 * 86_400_000, granularity: '1h' },
 *   { upTo: Infinity, granularity: '1d' },
 * ];
 */
export type GranularityPolicy = ((rangeMs: number) => Granularity) | readonly GranularityThreshold[];

/** The vendor's policy: ≤1h 1m, ≤6h 5m, ≤1d 15m, ≤3d 30m, ≤7d 1h, ≤31d 1d, longer 7d. */
export const DEFAULT_GRANULARITY_POLICY: readonly GranularityThreshold[] = [
  { upTo: MS_PER_HOUR, granularity: '1m' },
  { upTo: 6 * MS_PER_HOUR, granularity: '5m' },
  { upTo: MS_PER_DAY, granularity: '15m' },
  { upTo: 3 * MS_PER_DAY, granularity: '30m' },
  { upTo: 7 * MS_PER_DAY, granularity: '1h' },
  { upTo: 31 * MS_PER_DAY, granularity: '1d' },
  { upTo: Infinity, granularity: '7d' },
];

/** 1970-01-05T00:00Z, a Monday: '7d' windows start on Mondays 00:00 UTC. */
export const MONDAY_ORIGIN_MS = 4 * MS_PER_DAY;

/** Each granularity as a fixed step on the UTC timeline and the instant its windows align to. */
export const GRID: Record<Granularity, { stepMs: number; originMs: number }> = {
  '1m': { stepMs: MS_PER_MINUTE, originMs: 0 },
  '5m': { stepMs: 5 * MS_PER_MINUTE, originMs: 0 },
  '15m': { stepMs: 15 * MS_PER_MINUTE, originMs: 0 },
  '30m': { stepMs: 30 * MS_PER_MINUTE, originMs: 0 },
  '1h': { stepMs: MS_PER_HOUR, originMs: 0 },
  '1d': { stepMs: MS_PER_DAY, originMs: 0 },
  '7d': { stepMs: 7 * MS_PER_DAY, originMs: MONDAY_ORIGIN_MS },
};

const granularitySchema = z.enum(GRANULARITIES, { error: () => `must be one of ${GRANULARITIES.join(', ')}` });
const upToSchema = z.custom<number>((v) => typeof v === 'number' && v > 0 && !Number.isNaN(v), {
  error: () => 'must be a positive number of milliseconds or Infinity',
});
const thresholdsSchema = z
  .array(z.object({ upTo: upToSchema, granularity: granularitySchema }).strict(), {
    error: () => 'must be a function or a list of thresholds',
  })
  .min(1, { error: () => 'must list at least one threshold' })
  .refine((list) => list.every((t, i) => i === 0 || t.upTo > list[i - 1].upTo), {
    error: () => 'upTo must be strictly ascending',
    abort: true,
  })
  .refine((list) => list.length === 0 || list[list.length - 1].upTo === Infinity, {
    error: () => 'the last upTo must be Infinity',
  });

function checkGranularity(value: unknown): Granularity {
  const parsed = granularitySchema.safeParse(value);
  if (!parsed.success) {
    throw new TypeError(`granularity policy returned ${JSON.stringify(value)}; expected one of ${GRANULARITIES.join(', ')}`);
  }
  return parsed.data;
}

/**
 * Turns a policy into a function of the range length. Thresholds are checked here, once;
 * a function's answers are checked on every call.
 * @throws TypeError for a malformed threshold list, or (from the returned function) an unknown granularity.
 */
export function granularityChooser(policy: GranularityPolicy = DEFAULT_GRANULARITY_POLICY): (rangeMs: number) => Granularity {
  if (typeof policy === 'function') return (rangeMs) => checkGranularity(policy(rangeMs));
  const parsed = thresholdsSchema.safeParse(policy);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `granularity[${issue.path.join('].')}: ` : 'granularity: ';
    throw new TypeError(where + issue.message);
  }
  const list = parsed.data;
  return (rangeMs) => list.find((t) => rangeMs <= t.upTo)!.granularity;
}

/** The range widened to whole windows: start down, end up to the granularity's grid. */
export function snapRange(start: number, end: number, granularity: Granularity): { start: number; end: number } {
  const { stepMs, originMs } = GRID[granularity];
  return {
    start: originMs + Math.floor((start - originMs) / stepMs) * stepMs,
    end: originMs + Math.ceil((end - originMs) / stepMs) * stepMs,
  };
}

/** Window starts of a snapped range, ascending. */
export function gridStarts(range: { start: number; end: number }, granularity: Granularity): number[] {
  const { stepMs } = GRID[granularity];
  const out: number[] = [];
  for (let t = range.start; t < range.end; t += stepMs) out.push(t);
  return out;
}
