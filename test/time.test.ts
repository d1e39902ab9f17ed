import { describe, expect, it } from 'vitest';
import { parseIsoDate, parseIsoDateTime, toEpochMs, parseIso8601 } from '../src/time.ts';

describe('parseIsoDateTime', () => {
  it('reads Z, offsets with and without a colon, and fractions', () => {
    expect(parseIsoDateTime('2026-03-08T07:00:00Z')).toBe(Date.UTC(2026, 2, 8, 7));
    expect(parseIsoDateTime('2026-03-08T12:30:00+05:30')).toBe(Date.UTC(2026, 2, 8, 7));
    expect(parseIsoDateTime('2026-03-08T02:00:00-0500')).toBe(Date.UTC(2026, 2, 8, 7));
    expect(parseIsoDateTime('2026-03-08T07:00:00.123456Z')).toBe(Date.UTC(2026, 2, 8, 7, 0, 0, 123));
  });

  it('refuses impossible dates and strings without an offset', () => {
    expect(parseIsoDateTime('2026-02-29T00:00:00Z')).toBeNull();
    expect(parseIsoDateTime('2026-04-31T00:00:00Z')).toBeNull();
    expect(parseIsoDateTime('2026-03-08T24:00:00Z')).toBeNull();
    expect(parseIsoDateTime('2026-03-08T07:00:00')).toBeNull();
    expect(toEpochMs('March 8, 2026')).toBeNull();
  });

  // Leap years of the proleptic Gregorian calendar, including years 0–99, which Date.UTC would
  // read as 1900–1999 (1900 is not a leap year; year 0 is).
  it('knows the leap years of every century', () => {
    expect(parseIsoDateTime('0000-02-29T00:00:00Z')).toBe(-62162121600000);
    expect(parseIsoDateTime('0004-02-29T00:00:00Z')).not.toBeNull();
    expect(parseIsoDateTime('0100-02-29T00:00:00Z')).toBeNull();
    expect(parseIsoDateTime('1900-02-29T00:00:00Z')).toBeNull();
    expect(parseIsoDateTime('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(parseIsoDate('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
    expect(parseIsoDate('2100-02-29')).toBeNull();
  });
});

describe('parseIso8601', () => {
  const may1 = Date.UTC(2026, 4, 1);

  it('reads every calendar form: dates at UTC midnight, no offset as UTC, extended and basic', () => {
    expect(parseIso8601('2026-05-01')).toBe(may1);
    expect(parseIso8601('20260501')).toBe(may1);
    expect(parseIso8601('2026-05-01T00:00:00')).toBe(may1);
    expect(parseIso8601('2026-05-01 00:00')).toBe(may1);
    expect(parseIso8601('2026-05-01T02:00:00+02:00')).toBe(may1);
    expect(parseIso8601('20260501T000000Z')).toBe(may1);
    expect(parseIso8601('20260501T0000')).toBe(may1);
    expect(parseIso8601('20260501T020000+0200')).toBe(may1);
    expect(parseIso8601('20260501T0200+02')).toBe(may1);
    expect(parseIso8601('20260501T000000,25Z')).toBe(may1 + 250);
    expect(parseIso8601('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
  });

  it('refuses impossible dates, partial forms and everything else', () => {
    for (const text of [
      '2026-02-30',
      '20260230',
      '2026-05',
      '202605',
      '20260501T00',
      '2026-05-01T24:00:00',
      '2026-05-01T00:00:00 UTC',
      '1777593600000',
      '',
      'soon',
    ]) {
      expect(parseIso8601(text), text).toBeNull();
    }
  });
});
