/**
 * Window grids: the boundaries of the windows a query reports, built once per query.
 * This is the only module that calls Temporal; rows are later assigned to windows by a sweep
 * over these boundaries, never by calendar work per row.
 *
 * A grid is a Float64Array `b` of ascending epoch-ms boundaries: window i is `[b[i], b[i + 1])`.
 *
 * Calendar semantics (the README's query reference):
 * - day, week (ISO, Monday), month, quarter, year start at the first instant of their first
 *   local date (Temporal's `startOfDay`), so a day is 23 or 25 hours at a DST change and a day
 *   whose midnight is skipped starts at the first instant after it.
 * - minute and hour windows start where the local clock is on the mark: a repeated local hour
 *   is two windows; where clocks go back without reaching a mark (Lord Howe's 02:00 → 01:30,
 *   Chatham's 03:45 → 02:45) the window runs on until the clock next reads a mark, wherever the
 *   grid began; where a mark is skipped (Chatham's 02:45 → 03:45), the window
 *   starts at the jump, as a day whose midnight is skipped does. Within a stretch of constant UTC
 *   offset the marks are plain arithmetic, so Temporal is only asked for the transitions.
 * - A window's end is the next window's start.
 *
 * Cost: Temporal is asked only for the zone's offsets and transitions. Between two transitions
 * local dates and clock marks are arithmetic (src/engine/civil.ts), so a day grid over 2,000
 * years costs about as much as filling a Float64Array, not 740k Temporal calls; and a grid's
 * window count is known (exactly, or as an upper bound) before any of it is built, so the cell
 * cap refuses a query before the work. Boundaries are plain numbers: a month window around the
 * earliest instant a Date can hold starts before it, and nothing here throws at that edge.
 */
import { Temporal } from 'temporal-polyfill';
import { MAX_INSTANT_MS } from '../time.ts';
import { civilFromDays, nextUnitStart, truncateDays, unitIndex, type DateUnit } from './civil.ts';
import { cellCapError, type PlanWindow } from './plan.ts';
import type { CalendarUnit } from './types.ts';

const DAY_MS = 86_400_000;
const FIXED_UNIT_MS = { minute: 60_000, hour: 3_600_000 } as const;
/** Local midnights closer than this to an offset transition are resolved by Temporal. */
const NEAR_TRANSITION_MS = 2 * DAY_MS;

/** What the grid builder did, for tests that assert cost by counting rather than timing. */
export const gridCounters = { temporalCalls: 0, boundaries: 0 };

const clampInstant = (ms: number) => Math.min(MAX_INSTANT_MS, Math.max(-MAX_INSTANT_MS, ms));

function zoned(ms: number, timeZone: string): Temporal.ZonedDateTime {
  gridCounters.temporalCalls++;
  return Temporal.Instant.fromEpochMilliseconds(clampInstant(ms)).toZonedDateTimeISO(timeZone);
}

/** The zone's UTC offset (ms) at an instant; beyond the representable range, the offset at its edge. */
function offsetAt(ms: number, timeZone: string): number {
  return timeZone === 'UTC' ? 0 : zoned(ms, timeZone).offsetNanoseconds / 1e6;
}

/** The first offset transition after `ms`, or Infinity. */
function transitionAfter(ms: number, timeZone: string): number {
  if (timeZone === 'UTC' || ms >= MAX_INSTANT_MS) return Infinity;
  try {
    return zoned(ms, timeZone).getTimeZoneTransition('next')?.epochMilliseconds ?? Infinity;
  } catch {
    return Infinity; // past the last transition Temporal can represent
  }
}

/** A stretch `[start, end)` of constant UTC offset. */
interface Stretch {
  start: number;
  end: number;
  offset: number;
}

function stretchAt(ms: number, timeZone: string): Stretch {
  const offset = offsetAt(ms, timeZone);
  if (timeZone === 'UTC') return { start: -Infinity, end: Infinity, offset };
  let start = -Infinity;
  if (offsetAt(ms - 1, timeZone) !== offset) start = ms;
  else if (ms > -MAX_INSTANT_MS) {
    try {
      start = zoned(ms, timeZone).getTimeZoneTransition('previous')?.epochMilliseconds ?? -Infinity;
    } catch {
      start = -Infinity;
    }
  }
  return { start, end: transitionAfter(ms, timeZone), offset };
}

function nextStretch(s: Stretch, timeZone: string): Stretch {
  return { start: s.end, end: transitionAfter(s.end, timeZone), offset: offsetAt(s.end, timeZone) };
}

/** Local day number (days since 1970-01-01 on the zone's clock) of an instant. */
function localDay(ms: number, timeZone: string): number {
  return Math.floor((ms + offsetAt(ms, timeZone)) / DAY_MS);
}

/** Start of local day `days` (Temporal's startOfDay: the first instant of that local date). */
function temporalStartOfDay(days: number, timeZone: string): number {
  gridCounters.temporalCalls++;
  const { year, month, day } = civilFromDays(days);
  return Temporal.PlainDate.from({ year, month, day }).toZonedDateTime(timeZone).epochMilliseconds;
}

/** Start (epoch ms) of the calendar window containing `ms`. */
export function calendarWindowStart(ms: number, unit: CalendarUnit, timeZone: string): number {
  return unit === 'minute' || unit === 'hour' ? clockGrid(ms, ms, unit, timeZone)[0] : dateGrid(ms, ms, unit, timeZone)[0];
}

function dateGrid(from: number, to: number, unit: DateUnit, timeZone: string): number[] {
  const first = truncateDays(localDay(from, timeZone), unit);
  let s = stretchAt(first * DAY_MS - offsetAt(from, timeZone) - NEAR_TRANSITION_MS, timeZone);
  const out: number[] = [];
  for (let d = first; ; d = nextUnitStart(d, unit)) {
    let start = d * DAY_MS - s.offset;
    while (start >= s.end + NEAR_TRANSITION_MS) {
      s = nextStretch(s, timeZone);
      start = d * DAY_MS - s.offset;
    }
    // Near a transition a local midnight may be skipped or repeated: Temporal decides there.
    if (start < s.start + NEAR_TRANSITION_MS || start >= s.end - NEAR_TRANSITION_MS) start = temporalStartOfDay(d, timeZone);
    // A local date skipped whole (Samoa's 2011-12-30) adds no window.
    if (out.length === 0 || start > out[out.length - 1]) out.push(start);
    if (start > to) return out;
  }
}

/**
 * Whether an offset transition at `a` starts a minute/hour window, and where: `mark` is the
 * local mark at or before the new local time. If it lies at or after `a` under the new offset
 * (the transition falls on a mark), the window starts there; if the clock jumped forward over
 * it, the window starts at the jump itself. Otherwise the clock went back without reaching a
 * new mark (Lord Howe's 30 minutes; Chatham's 03:45 → 02:45, which is off the hour): the
 * instants after `a` stay in the window that held `a - 1`, and there is no new window (null).
 */
function startAfterTransition(a: number, offsetBefore: number, offsetAfter: number, step: number): number | null {
  const mark = Math.floor((a + offsetAfter) / step) * step;
  if (mark - offsetAfter >= a) return mark - offsetAfter;
  if (mark > a - 1 + offsetBefore) return a; // the clock jumped over `mark`
  return null;
}

/**
 * Start of the minute/hour window containing `ms`: its mark if that lies in the same stretch of
 * constant offset, else the transition if it starts a window, else (the clock went back without
 * reaching a mark) the window containing the instant before the transition.
 */
function clockWindowStart(ms: number, step: number, timeZone: string): { start: number; stretch: Stretch } {
  const stretch = stretchAt(ms, timeZone);
  for (let s = stretch, t = ms; ; ) {
    const mark = Math.floor((t + s.offset) / step) * step - s.offset;
    if (mark >= s.start) return { start: mark, stretch };
    const start = startAfterTransition(s.start, offsetAt(s.start - 1, timeZone), s.offset, step);
    if (start !== null) return { start, stretch };
    t = s.start - 1;
    s = stretchAt(t, timeZone);
  }
}

function clockGrid(from: number, to: number, unit: 'minute' | 'hour', timeZone: string): number[] {
  const step = FIXED_UNIT_MS[unit];
  const out: number[] = [];
  const push = (b: number) => {
    if (out.length === 0 || b > out[out.length - 1]) out.push(b);
  };
  const first = clockWindowStart(from, step, timeZone);
  let s = first.stretch;
  push(first.start);
  // Walk the stretches of constant offset that cover [from, to]; inside one, marks are arithmetic.
  let segStart = from;
  for (;;) {
    let m = Math.floor((segStart + s.offset) / step) * step - s.offset;
    if (m <= segStart) m += step;
    for (; m < s.end; m += step) {
      push(m);
      if (m > to) return out;
    }
    const next = nextStretch(s, timeZone);
    const start = startAfterTransition(s.end, s.offset, next.offset, step);
    if (start !== null) push(start);
    segStart = s.end;
    s = next;
  }
}

/**
 * How many windows the grid over `[from, to]` holds, computed without building it: exact for
 * fixed durations and minute/hour windows, and for date units an upper bound that is exact
 * except where a zone skips a whole local date (each such skip counts one window too many).
 * Stops counting once past `limit`, so a range far over the cap costs no more than one just
 * over it.
 */
export function windowCountBound(window: PlanWindow, from: number, to: number, limit = Infinity): number {
  if (window.kind === 'none') return 1;
  if (window.kind === 'fixed') {
    const { stepMs, originMs } = window;
    return Math.floor((to - originMs) / stepMs) - Math.floor((from - originMs) / stepMs) + 1;
  }
  const { unit, timeZone } = window;
  if (unit !== 'minute' && unit !== 'hour') {
    return unitIndex(localDay(to, timeZone), unit) - unitIndex(localDay(from, timeZone), unit) + 1;
  }
  // Clock units: per stretch of constant offset, the marks in it by arithmetic, plus the window
  // each transition may start.
  const step = FIXED_UNIT_MS[unit];
  let s = stretchAt(from, timeZone);
  let count = 1,
    segStart = from;
  for (;;) {
    let m = Math.floor((segStart + s.offset) / step) * step - s.offset;
    if (m <= segStart) m += step;
    const last = Math.min(to, s.end - 1);
    if (last >= m) count += Math.floor((last - m) / step) + 1;
    if (to < s.end || count > limit) return count;
    const next = nextStretch(s, timeZone);
    if (startAfterTransition(s.end, s.offset, next.offset, step) !== null) count++;
    segStart = s.end;
    s = next;
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
    gridCounters.boundaries += grid.length;
    return grid;
  }
  const { unit, timeZone } = window;
  const bounds = unit === 'minute' || unit === 'hour' ? clockGrid(from, to, unit, timeZone) : dateGrid(from, to, unit, timeZone);
  // Trim to exactly the windows that touch [from, to]: the last boundary is the first one > to.
  let end = bounds.length - 1;
  while (end > 1 && bounds[end - 1] > to) end--;
  gridCounters.boundaries += end + 1;
  return Float64Array.from(bounds.slice(0, end + 1));
}

/**
 * The grid over `[from, to]`, refused with the cell-cap error when its windows alone exceed
 * `maxCells` — counted before anything is built (see {@link windowCountBound}), and exactly after.
 */
export function cappedGrid(window: PlanWindow, from: number, to: number, maxCells: number): Float64Array {
  if (windowCountBound(window, from, to, maxCells) > maxCells) throw cellCapError(maxCells);
  const grid = buildGrid(window, from, to);
  if (grid.length - 1 > maxCells) throw cellCapError(maxCells);
  return grid;
}

/** Index of the window containing `t` (`grid[i] <= t < grid[i + 1]`), or -1 when outside the grid. */
export function windowIndex(grid: Float64Array, t: number): number {
  if (!(t >= grid[0]) || !(t < grid[grid.length - 1])) return -1;
  let lo = 0,
    hi = grid.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (grid[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}
