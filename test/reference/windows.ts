/**
 * Windows for the naive reference, worked out for one instant at a time with Temporal.
 * Written apart from src/engine/windows.ts on purpose: the property tests compare the two.
 *
 * The rule for minute/hour windows: a window starts at every instant at which the local clock
 * reads a mark (hh:00:00.000, hh:mm:00.000) and at every instant at which it jumps forward
 * over one (Australia/Lord_Howe 02:00 → 02:30, Pacific/Chatham 02:45 → 03:45): the local hour
 * that has lost its mark starts at the first instant after it, as a day whose midnight is
 * skipped does. A clock that goes back without reaching a mark (Lord_Howe 02:00 → 01:30)
 * stays in the window it was in. Outside those corners this is Temporal's
 * `round({ smallestUnit, roundingMode: 'floor' })`, which reference.test.ts checks.
 */
import { Temporal } from 'temporal-polyfill';
import type { CalendarUnit } from '../../src/engine/types.ts';

export type RefWindow =
  | { kind: 'calendar'; unit: CalendarUnit; timeZone: string }
  | { kind: 'fixed'; step: number; origin: number }
  | { kind: 'span'; start: number; end: number };

export interface Span {
  start: number;
  end: number;
}

type DateUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';
const CLOCK_MS = { minute: 60_000, hour: 3_600_000 } as const;
const DATE_STEP = { day: { days: 1 }, week: { weeks: 1 }, month: { months: 1 }, quarter: { months: 3 }, year: { years: 1 } };

function zoned(ms: number, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
}

function offsetMs(ms: number, timeZone: string): number {
  return zoned(ms, timeZone).offsetNanoseconds / 1e6;
}

/** The instant the offset in force at `ms` took effect (a transition ≤ ms), or -Infinity. */
function offsetSince(ms: number, timeZone: string): number {
  const prev = zoned(ms, timeZone).add({ nanoseconds: 1 }).getTimeZoneTransition('previous');
  return prev ? prev.epochMilliseconds : -Infinity;
}

/** Start of the minute/hour window containing `ms` (see the rule at the top of the file). */
export function clockWindowStart(ms: number, unit: 'minute' | 'hour', timeZone: string): number {
  const step = CLOCK_MS[unit];
  const offset = offsetMs(ms, timeZone);
  // Local clock as a millisecond count: a mark is where it is a multiple of `step`.
  const mark = Math.floor((ms + offset) / step) * step - offset;
  const since = offsetSince(ms, timeZone);
  if (mark >= since) return mark;
  // No mark since the offset changed: did that change jump the clock forward over one?
  const clockBefore = since - 1 + offsetMs(since - 1, timeZone);
  const clockAfter = since + offset;
  if (Math.floor(clockAfter / step) * step > clockBefore) return since;
  return clockWindowStart(since - 1, unit, timeZone);
}

function firstDateOf(date: Temporal.PlainDate, unit: DateUnit): Temporal.PlainDate {
  if (unit === 'day') return date;
  if (unit === 'week') return date.subtract({ days: date.dayOfWeek - 1 }); // ISO: Monday is 1
  if (unit === 'month') return date.with({ day: 1 });
  if (unit === 'quarter') return date.with({ month: date.month - ((date.month - 1) % 3), day: 1 });
  return date.with({ month: 1, day: 1 });
}

/** The window containing `ms`; its end is the next window's start. */
export function windowOf(w: RefWindow, ms: number): Span {
  if (w.kind === 'span') return { start: w.start, end: w.end };
  if (w.kind === 'fixed') {
    const start = w.origin + Math.floor((ms - w.origin) / w.step) * w.step;
    return { start, end: start + w.step };
  }
  const { unit, timeZone } = w;
  if (unit === 'minute' || unit === 'hour') {
    const start = clockWindowStart(ms, unit, timeZone);
    return { start, end: clockWindowEnd(start, unit, timeZone) };
  }
  const first = firstDateOf(zoned(ms, timeZone).toPlainDate(), unit);
  // PlainDate → ZonedDateTime gives the first instant of that local date (startOfDay).
  return {
    start: first.toZonedDateTime(timeZone).epochMilliseconds,
    end: first.add(DATE_STEP[unit]).toZonedDateTime(timeZone).epochMilliseconds,
  };
}

const endCache = new Map<string, number>();

/**
 * The first instant after `start` that lies in another window. Window starts never decrease
 * as the instant grows, so the answer `e` is the one with start(e - 1) = start ≠ start(e):
 * try start + one unit, otherwise bisect.
 */
function clockWindowEnd(start: number, unit: 'minute' | 'hour', timeZone: string): number {
  const key = `${unit} ${timeZone} ${start}`;
  const cached = endCache.get(key);
  if (cached !== undefined) return cached;
  const step = CLOCK_MS[unit];
  const inWindow = (ms: number) => clockWindowStart(ms, unit, timeZone) === start;
  let lo = start;
  let hi = start + step;
  if (!(inWindow(hi - 1) && !inWindow(hi))) {
    while (inWindow(hi)) hi += step;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (inWindow(mid)) lo = mid;
      else hi = mid;
    }
  }
  endCache.set(key, hi);
  return hi;
}

/** Every window from the one containing `from` to the one containing `toInclusive`. */
export function windowsCovering(w: RefWindow, from: number, toInclusive: number): Span[] {
  const out: Span[] = [];
  let span = windowOf(w, from);
  for (;;) {
    out.push(span);
    if (span.end > toInclusive || w.kind === 'span') return out;
    span = windowOf(w, span.end);
  }
}
