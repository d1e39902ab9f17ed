/**
 * When sample events happen: more on weekdays than weekends, more in working hours (UTC) than
 * at night, never after the sample's end.
 */
import type { Random } from './random.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Relative activity per UTC hour: quiet nights, a morning ramp, a busy afternoon. */
const HOURLY = [2, 1, 1, 1, 1, 2, 3, 5, 8, 10, 11, 11, 10, 11, 12, 12, 11, 9, 7, 6, 5, 4, 3, 2];
const HOURS = HOURLY.map((_, h) => h);

export interface Span {
  /** Epoch ms of the first instant. */
  start: number;
  /** Epoch ms the events stop before. */
  end: number;
}

/** `count` instants in the span, ascending. */
export function sampleInstants(random: Random, span: Span, count: number): number[] {
  const days: number[] = [];
  const dayWeights: number[] = [];
  for (let d = Math.floor(span.start / DAY) * DAY; d < span.end; d += DAY) {
    const weekday = new Date(d).getUTCDay();
    days.push(d);
    dayWeights.push(weekday === 0 || weekday === 6 ? 0.4 : 1);
  }
  const out: number[] = [];
  while (out.length < count) {
    const t = random.weighted(days, dayWeights) + random.weighted(HOURS, HOURLY) * HOUR + Math.floor(random.next() * HOUR);
    if (t >= span.start && t < span.end) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, the form the sample files carry. */
export const iso = (ms: number): string => new Date(ms).toISOString();
