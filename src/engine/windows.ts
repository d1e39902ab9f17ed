/**
 * Window grids: the boundaries of the windows a query reports, built once per query.
 * This is the only module that calls Temporal; rows are later assigned to windows by a sweep
 * over these boundaries, never by calendar work per row.
 *
 * A grid is a Float64Array `b` of ascending epoch-ms boundaries: window i is `[b[i], b[i + 1])`.
 *
 * Calendar semantics (SPEC §2):
 * - day, week (ISO, Monday), month, quarter, year start at the first instant of their first
 *   local date (Temporal's `startOfDay`), so a day is 23 or 25 hours at a DST change and a day
 *   whose midnight is skipped starts at the first instant after it.
 * - minute and hour windows start where the local clock is on the mark. Their starts are what
 *   Temporal's `round({ roundingMode: 'floor' })` gives for the instants inside them: a repeated
 *   local hour is two windows, a skipped one none, and an hour cut by a 30-minute shift is shorter.
 *   Within a stretch of constant UTC offset the marks are plain arithmetic, so Temporal is only
 *   asked at the offset transitions.
 * - A window's end is the next window's start.
 */
import { Temporal } from 'temporal-polyfill';
import type { PlanWindow } from './plan.ts';
import type { CalendarUnit } from './types.ts';

type ZDT = Temporal.ZonedDateTime;

const FIXED_UNIT_MS = { minute: 60_000, hour: 3_600_000 } as const;
/** Shortest possible length of each calendar unit, for sizing estimates before building. */
const MIN_UNIT_MS: Record<CalendarUnit, number> = {
  minute: 1_000, hour: 1_800_000, day: 82_800_000, week: 601_200_000,
  month: 28 * 86_400_000 - 3_600_000, quarter: 89 * 86_400_000 - 3_600_000, year: 365 * 86_400_000 - 3_600_000,
};

function zoned(ms: number, timeZone: string): ZDT {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
}

/** First local date of the calendar unit that contains `date`. */
function truncateDate(date: Temporal.PlainDate, unit: 'day' | 'week' | 'month' | 'quarter' | 'year'): Temporal.PlainDate {
  switch (unit) {
    case 'day': return date;
    case 'week': return date.subtract({ days: date.dayOfWeek - 1 });
    case 'month': return date.with({ day: 1 });
    case 'quarter': return date.with({ month: Math.floor((date.month - 1) / 3) * 3 + 1, day: 1 });
    case 'year': return date.with({ month: 1, day: 1 });
  }
}

const DATE_STEP = { day: { days: 1 }, week: { weeks: 1 }, month: { months: 1 }, quarter: { months: 3 }, year: { years: 1 } };

/** Start (epoch ms) of the calendar window containing `ms`. */
export function calendarWindowStart(ms: number, unit: CalendarUnit, timeZone: string): number {
  const z = zoned(ms, timeZone);
  if (unit === 'minute' || unit === 'hour') {
    return z.round({ smallestUnit: unit, roundingMode: 'floor' }).epochMilliseconds;
  }
  return truncateDate(z.toPlainDate(), unit).toZonedDateTime(timeZone).epochMilliseconds;
}

/** Upper bound on the number of windows between two instants, computed without building them. */
export function estimateWindowCount(window: PlanWindow, from: number, to: number): number {
  if (window.kind === 'none') return 1;
  const span = to - from;
  const step = window.kind === 'fixed' ? window.stepMs : MIN_UNIT_MS[window.unit];
  return Math.floor(span / step) + 2;
}

function dateGrid(from: number, to: number, unit: 'day' | 'week' | 'month' | 'quarter' | 'year', timeZone: string): number[] {
  let date = truncateDate(zoned(from, timeZone).toPlainDate(), unit);
  const out: number[] = [];
  for (;;) {
    const start = date.toZonedDateTime(timeZone).epochMilliseconds;
    out.push(start);
    if (start > to) return out;
    date = date.add(DATE_STEP[unit]);
  }
}

function clockGrid(from: number, to: number, unit: 'minute' | 'hour', timeZone: string): number[] {
  const step = FIXED_UNIT_MS[unit];
  const out: number[] = [];
  const push = (b: number) => { if (out.length === 0 || b > out[out.length - 1]) out.push(b); };
  // Walk the stretches of constant offset that cover [from, to].
  let segStart = from;
  let z = zoned(from, timeZone);
  for (;;) {
    push(z.round({ smallestUnit: unit, roundingMode: 'floor' }).epochMilliseconds);
    const next = z.getTimeZoneTransition('next');
    const segEnd = next ? next.epochMilliseconds : Infinity;
    const offset = z.offsetNanoseconds / 1e6;
    // Marks in (segStart, segEnd): local time on the unit, with this stretch's offset.
    let mark = Math.floor((segStart + offset) / step) * step - offset;
    if (mark <= segStart) mark += step;
    for (; mark < segEnd; mark += step) {
      push(mark);
      if (mark > to) return out;
    }
    if (!next) return out;
    segStart = segEnd;
    z = next;
  }
}

/**
 * Boundaries of the windows that cover `[from, to]` (both instants, `to` inclusive): from the
 * start of the window containing `from` to the end of the window containing `to`.
 */
export function buildGrid(window: PlanWindow, from: number, to: number): Float64Array {
  if (window.kind === 'none') return Float64Array.of(from, to + 1);
  if (window.kind === 'fixed') {
    const { stepMs, originMs } = window;
    const first = Math.floor((from - originMs) / stepMs);
    const last = Math.floor((to - originMs) / stepMs);
    const grid = new Float64Array(last - first + 2);
    for (let i = 0; i < grid.length; i++) grid[i] = originMs + (first + i) * stepMs;
    return grid;
  }
  const { unit, timeZone } = window;
  const bounds = unit === 'minute' || unit === 'hour'
    ? clockGrid(from, to, unit, timeZone)
    : dateGrid(from, to, unit, timeZone);
  // Trim to exactly the windows that touch [from, to]: the last boundary is the first one > to.
  let end = bounds.length - 1;
  while (end > 1 && bounds[end - 1] > to) end--;
  return Float64Array.from(bounds.slice(0, end + 1));
}

/** Index of the window containing `t` (`grid[i] <= t < grid[i + 1]`), or -1 when outside the grid. */
export function windowIndex(grid: Float64Array, t: number): number {
  if (!(t >= grid[0]) || !(t < grid[grid.length - 1])) return -1;
  let lo = 0, hi = grid.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (grid[mid] <= t) lo = mid; else hi = mid;
  }
  return lo;
}
