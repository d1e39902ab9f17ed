import { describe, expect, it } from 'vitest';
import { parseIsoDate, parseIsoDateTime, toEpochMs } from '../src/time.ts';

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
