/**
 * Proleptic Gregorian calendar by arithmetic: day numbers (days since 1970-01-01) ↔ year,
 * month, day. Window grids use it to step through local dates between a zone's offset
 * transitions without asking Temporal about every date (about 8 µs a call), and it holds for
 * any year, including those beyond what a Date or Temporal can represent.
 *
 * The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days` (public domain
 * algorithms, written here from their description): count in 400-year eras of 146,097 days
 * with the year starting on 1 March, so the leap day is the era's last day.
 */

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** Days from 1970-01-01 to the given date (negative before it). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The date of a day number. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO day of the week, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

export type DateUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** First day of the calendar unit that contains day `days`. */
export function truncateDays(days: number, unit: DateUnit): number {
  if (unit === 'day') return days;
  if (unit === 'week') return days - (isoWeekday(days) - 1);
  const { year, month } = civilFromDays(days);
  if (unit === 'month') return daysFromCivil(year, month, 1);
  if (unit === 'quarter') return daysFromCivil(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
  return daysFromCivil(year, 1, 1);
}

/** First day of the unit after the one starting on `days` (a unit start). */
export function nextUnitStart(days: number, unit: DateUnit): number {
  if (unit === 'day') return days + 1;
  if (unit === 'week') return days + 7;
  const { year, month } = civilFromDays(days);
  const months = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
  const m0 = month - 1 + months;
  return daysFromCivil(year + Math.floor(m0 / 12), (m0 % 12) + 1, 1);
}

/**
 * A running index of the unit containing day `days` (consecutive units differ by one), so the
 * number of units from one day to another is a subtraction.
 */
export function unitIndex(days: number, unit: DateUnit): number {
  if (unit === 'day') return days;
  if (unit === 'week') return Math.floor((days + 3) / 7); // weeks start on Monday, day -3
  const { year, month } = civilFromDays(days);
  if (unit === 'month') return year * 12 + month - 1;
  if (unit === 'quarter') return year * 4 + Math.floor((month - 1) / 3);
  return year;
}
