/**
 * pydantic v2's verdict on a query value for a timezone-aware datetime field (FastAPI with
 * `AwareDatetime`), reproduced for ISO 8601 text.
 *
 * pydantic (pydantic-core over speedate) first parses a datetime; when that fails it parses a
 * date and, when that fails too, reports the date parser's complaint as
 * `datetime_from_date_parsing`. A datetime or a bare date without an offset parses and then
 * fails the aware check: `timezone_aware`. Unix timestamps, which speedate would also take, are
 * not accepted here: the vendors document ISO 8601 with an offset.
 */
import { parseIsoDate, parseIsoDateTime } from '../../time.ts';
import { pydantic, type PydanticError } from './fastapi.ts';

const NAIVE_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt _]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?$/;

function isDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** speedate's `Date::parse_str` complaint about text that is not a `YYYY-MM-DD` date. */
export function speedateDateError(text: string): string {
  if (text.length < 10) return 'input is too short';
  if (!isDigits(text, 0, 4)) return 'invalid character in year';
  if (text[4] !== '-') return 'invalid date separator, expected `-`';
  if (!isDigits(text, 5, 7)) return 'invalid character in month';
  if (text[7] !== '-') return 'invalid date separator, expected `-`';
  if (!isDigits(text, 8, 10)) return 'invalid character in day';
  const month = +text.slice(5, 7);
  if (month < 1 || month > 12) return 'month value is outside expected range of 1-12';
  if (parseIsoDate(text.slice(0, 10)) === null) return 'day value is outside expected range';
  return 'unexpected extra characters at the end of the input';
}

/**
 * Epoch ms of an ISO 8601 date-time with `Z` or an offset, or pydantic's error for the text.
 *
 * @example
 * parseAwareDateTime('2026-04-08T18:56:46Z')   // { ok: true, ms: 1775674606000 }
 * parseAwareDateTime('2026-04-08T18:56:46')    // { ok: false, error: { type: 'timezone_aware', … } }
 */
export function parseAwareDateTime(text: string): { ok: true; ms: number } | { ok: false; error: PydanticError } {
  // speedate also takes `_` between date and time.
  const normal = text[10] === '_' ? `${text.slice(0, 10)}T${text.slice(11)}` : text;
  const ms = parseIsoDateTime(normal);
  if (ms !== null) return { ok: true, ms };
  const naive = (NAIVE_DATE_TIME.test(normal) && parseIsoDateTime(`${normal}Z`) !== null) || parseIsoDate(text) !== null;
  if (naive) return { ok: false, error: pydantic.timezoneAware(text) };
  return { ok: false, error: pydantic.datetimeFromDateParsing(text, speedateDateError(text)) };
}
