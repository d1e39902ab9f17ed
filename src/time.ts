/**
 * Instants at the edges of the library: parsing what users and vendors send, formatting what
 * the vendors answer. Everything inside the engine is epoch milliseconds.
 *
 * Parsing never reads the process time zone: a date-time string must carry `Z` or an offset.
 */

import { parseIsoUtc } from './io/iso-utc.ts';

// YYYY-MM-DDTHH:mm[:ss[.fraction]](Z|±HH:mm|±HHmm|±HH)
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (year 0 is a leap year). */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  // Date.UTC maps years 0-99 to 1900-1999; set the full year explicitly.
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  date.setUTCFullYear(y);
  return date.getTime();
}

/**
 * Parses an ISO-8601 date-time with `Z` or a UTC offset (`2026-04-08T18:56:46Z`,
 * `2026-04-08T18:56:46.5+05:30`) to epoch ms. Returns `null` for anything else, including
 * impossible dates (`2026-02-30T00:00Z`) and strings without an offset.
 *
 * @example
 * parseIsoDateTime('2026-03-08T07:00:00.000Z') // 1772953200000
 */
export function parseIsoDateTime(text: string): number | null {
  // The shape nearly every event carries is read by position; the pattern only sees the rest.
  const fast = parseIsoUtc(text);
  return fast !== undefined ? fast : parseIsoDateTimeByPattern(text);
}

/**
 * {@link parseIsoDateTime} by its regular expression alone, without the positional fast path
 * for `YYYY-MM-DDTHH:mm:ss[.sss]Z` (the two agree wherever the fast path answers).
 */
export function parseIsoDateTimeByPattern(text: string): number | null {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return null;
  const y = +m[1],
    mo = +m[2],
    d = +m[3],
    h = +m[4],
    mi = +m[5],
    s = m[6] ? +m[6] : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  const ms = m[7] ? Math.floor(+`0.${m[7]}` * 1000 + 1e-9) : 0;
  let offset = 0;
  if (!m[8]) {
    const oh = +m[10],
      om = m[11] ? +m[11] : 0;
    if (oh > 23 || om > 59) return null;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return utcMs(y, mo, d, h, mi, s, ms) - offset;
}

/** Parses a calendar date `YYYY-MM-DD` to the epoch ms of its UTC midnight, or `null`. */
export function parseIsoDate(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const y = +m[1],
    mo = +m[2],
    d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return utcMs(y, mo, d, 0, 0, 0, 0);
}

// The basic format: YYYYMMDD, or YYYYMMDDTHHmm[ss[.fraction]] with an optional Z/±HH[mm].
const BASIC_DATE_TIME = /^(\d{4})(\d{2})(\d{2})(?:[Tt](\d{2})(\d{2})(?:(\d{2})(?:([.,]\d{1,9}))?)?([Zz]|[+-]\d{2}(?:\d{2})?)?)?$/;
// An extended-format date-time without an offset.
const NAIVE_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?$/;

/**
 * Parses any ISO 8601 calendar date or date-time, extended (`2026-05-01T00:00:00Z`) or basic
 * (`20260501T000000Z`), to epoch ms. A date is its UTC midnight and a date-time without an
 * offset is read as UTC (never in the process time zone). Returns `null` for anything else,
 * including impossible dates.
 *
 * @example
 * parseIso8601('2026-05-01')           // 1777593600000
 * parseIso8601('2026-05-01T00:00:00')  // 1777593600000
 * parseIso8601('20260501T020000+0200') // 1777593600000
 */
export function parseIso8601(text: string): number | null {
  const basic = BASIC_DATE_TIME.exec(text);
  if (basic) {
    const [, y, mo, d, h, mi, sec, fraction = '', zone = 'Z'] = basic;
    if (h === undefined) return parseIsoDate(`${y}-${mo}-${d}`);
    const offset = zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    return parseIsoDateTime(`${y}-${mo}-${d}T${h}:${mi}${sec === undefined ? '' : `:${sec}${fraction}`}${offset}`);
  }
  return parseIsoDateTime(text) ?? parseIsoDate(text) ?? (NAIVE_DATE_TIME.test(text) ? parseIsoDateTime(`${text}Z`) : null);
}

/**
 * The instants the library accepts: epoch ms within ±8.64e15 (±100,000,000 days around 1970),
 * the range a `Date` and a `Temporal.Instant` can hold. Every door (records, files, query
 * ranges, façade parameters) checks against this one bound, so no instant the engine holds can
 * make a `Date` invalid or Temporal throw.
 */
export const MAX_INSTANT_MS = 8.64e15;

/** Is `ms` an instant the library accepts (finite, within ±{@link MAX_INSTANT_MS})? */
export function isInstantMs(ms: number): boolean {
  return ms >= -MAX_INSTANT_MS && ms <= MAX_INSTANT_MS;
}

/** Why a number is not an instant, for error messages that name the offending row. */
export function instantRangeMessage(value: number): string {
  return `${value} is outside the instants a Date can hold (epoch ms within ±8.64e15)`;
}

/**
 * An instant as users give it: epoch ms within ±{@link MAX_INSTANT_MS}, a valid `Date`, or an
 * ISO-8601 date-time with an offset. Returns `null` when the value is not one.
 */
export function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number') return isInstantMs(value) ? value : null;
  if (typeof value === 'string') return parseIsoDateTime(value);
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, the form Boltz and Scenario answer with. */
export function formatIsoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** `YYYY-MM-DDTHH:mm:ssZ`, the form MIOSA answers with. */
export function formatIsoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `YYYY-MM-DD` of the instant in UTC, the form Adverity answers with. */
export function formatIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** The UTC midnight at or before the instant. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
}

/** The first instant of the instant's UTC month. */
export function startOfUtcMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}
