/**
 * The reporting range of a request: the requested range (a preset ending at `now`, or the
 * custom dates), its granularity (from the requested length), and the same range snapped
 * outward to whole windows of that granularity. Every type of the response covers exactly the
 * snapped range, so the types reconcile with each other.
 */
import { TIME_RANGES, type Granularity } from './enums.ts';
import { snapRange } from './granularity.ts';
import type { RangeRequest } from './params.ts';

export interface ReportRange {
  /** Snapped start (inclusive), epoch ms. */
  start: number;
  /** Snapped end (exclusive), epoch ms. */
  end: number;
  granularity: Granularity;
  /** The range as asked, before snapping. */
  requested: { start: number; end: number };
}

/**
 * @example
 * // now = 2026-04-08T18:56:46Z, last-day → 15m windows from 2026-04-07T18:45Z to 2026-04-08T19:00Z
 * resolveRange({ kind: 'preset', timeRange: 'last-day' }, now, granularityChooser())
 */
export function resolveRange(req: RangeRequest, nowMs: number, choose: (rangeMs: number) => Granularity): ReportRange {
  const requested =
    req.kind === 'custom' ? { start: req.start, end: req.end } : { start: nowMs - TIME_RANGES[req.timeRange], end: nowMs };
  const granularity = choose(requested.end - requested.start);
  return { ...snapRange(requested.start, requested.end, granularity), granularity, requested };
}
