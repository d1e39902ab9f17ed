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
 * - minute and hour windows start where the local clock is on the mark: a repeated local hour
 *   is two windows; where clocks go back by less than the unit (Lord Howe's 30 minutes) the hour
 *   runs on until the next mark; where a mark is skipped (Chatham's 02:45 → 03:45), the window
 *   starts at the jump, as a day whose midnight is skipped does. Within a stretch of constant UTC
 *   offset the marks are plain arithmetic, so Temporal is only asked for the transitions.
 * - A window's end is the next window's start.
 */
import { Temporal } from 'temporal-polyfill';
import { cellCapError, type PlanWindow } from './plan.ts';
import type { CalendarUnit } from './types.ts';

type ZDT = Temporal.ZonedDateTime;

const FIXED_UNIT_MS = { minute: 60_000, hour: 3_600_000 } as const;
/** Twice the longest a calendar window can be, so that span / this never overstates the count. */
const GENEROUS_UNIT_MS: Record<CalendarUnit, number> = {
  minute: 120_000, hour: 7_200_000, day: 2 * 86_400_000, week: 14 * 86_400_000,
  month: 62 * 86_400_000, quarter: 184 * 86_400_000, year: 732 * 86_400_000,
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
  if (unit === 'minute' || unit === 'hour') return clockGrid(ms, ms, unit, timeZone)[0];
  return truncateDate(zoned(ms, timeZone).toPlainDate(), unit).toZonedDateTime(timeZone).epochMilliseconds;
}

/**
 * A number of windows the grid over `[from, to]` certainly reaches, computed without building
 * it: a query over the cap is refused before the grid is allocated.
 */
function minimumWindowCount(window: PlanWindow, from: number, to: number): number {
  if (window.kind === 'none') return 1;
  const step = window.kind === 'fixed' ? window.stepMs : GENEROUS_UNIT_MS[window.unit];
  return Math.max(1, Math.floor((to - from) / step));
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

/**
 * Where the minute/hour window holding the instants just after an offset transition at `a`
 * starts. `mark` is the local mark at or before the new local time: if it exists under the new
 * offset, there; else if it existed just before the transition (clocks went back), that earlier
 * instant; else it was skipped, and the window starts at the jump itself.
 */
function startAfterTransition(a: number, offsetBefore: number, offsetAfter: number, step: number): number {
  const mark = Math.floor((a + offsetAfter) / step) * step;
  if (mark - offsetAfter >= a) return mark - offsetAfter;
  if (mark - offsetBefore < a) return mark - offsetBefore;
  return a;
}

function offsetMs(z: ZDT): number {
  return z.offsetNanoseconds / 1e6;
}

function clockGrid(from: number, to: number, unit: 'minute' | 'hour', timeZone: string): number[] {
  const step = FIXED_UNIT_MS[unit];
  const out: number[] = [];
  const push = (b: number) => { if (out.length === 0 || b > out[out.length - 1]) out.push(b); };
  let z = zoned(from, timeZone);
  let offset = offsetMs(z);
  // The window containing `from`: its mark, unless the mark lies before this stretch's transition.
  const mark = Math.floor((from + offset) / step) * step - offset;
  const offsetBefore = offsetMs(zoned(from - 1, timeZone));
  const stretchStart = offsetBefore !== offset ? from : z.getTimeZoneTransition('previous')?.epochMilliseconds ?? -Infinity;
  if (mark < stretchStart) {
    push(startAfterTransition(stretchStart, offsetMs(zoned(stretchStart - 1, timeZone)), offset, step));
  } else {
    push(mark);
  }
  // Walk the stretches of constant offset that cover [from, to]; inside one, marks are arithmetic.
  let segStart = from;
  for (;;) {
    const next = z.getTimeZoneTransition('next');
    const segEnd = next ? next.epochMilliseconds : Infinity;
    let m = Math.floor((segStart + offset) / step) * step - offset;
    if (m <= segStart) m += step;
    for (; m < segEnd; m += step) {
      push(m);
      if (m > to) return out;
    }
    if (!next) return out;
    const offsetAfter = offsetMs(next);
    push(startAfterTransition(segEnd, offset, offsetAfter, step));
    segStart = segEnd;
    offset = offsetAfter;
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

/**
 * The grid over `[from, to]`, refused with the cell-cap error when its windows alone exceed
 * `maxCells` — checked from below before anything is built, and exactly after.
 */
export function cappedGrid(window: PlanWindow, from: number, to: number, maxCells: number): Float64Array {
  if (minimumWindowCount(window, from, to) > maxCells) throw cellCapError(maxCells);
  const grid = buildGrid(window, from, to);
  if (grid.length - 1 > maxCells) throw cellCapError(maxCells);
  return grid;
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
