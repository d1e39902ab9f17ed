import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISO_NOT_REAL, ISO_OTHER, ISO_WRITTEN, isoUtcInto, parseIsoUtc } from '../../src/io/iso-utc.ts';
import { parseIsoDateTimeByPattern } from '../../src/time.ts';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('parseIsoUtc', () => {
  it('agrees with the general parser on every YYYY-MM-DDTHH:mm:ss[.sss]Z, valid or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.integer({ min: 0, max: 999 })),
        (y, mo, d, h, mi, s, ms) => {
          const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${ms === null ? '' : `.${pad(ms, 3)}`}Z`;
          const want = parseIsoDateTimeByPattern(text);
          expect(parseIsoUtc(text)).toBe(want);
          // The slot is written only with an instant.
          const out = Float64Array.of(7, 7, 7);
          const found = isoUtcInto(text, out, 1);
          expect(found).toBe(want === null ? ISO_NOT_REAL : want === undefined ? ISO_OTHER : ISO_WRITTEN);
          expect([...out]).toEqual([7, found === ISO_WRITTEN ? want : 7, 7]);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('answers by hand-checked values and leaves other shapes to the general parser', () => {
    expect(parseIsoUtc('1970-01-01T00:00:00Z')).toBe(0);
    expect(parseIsoUtc('2026-11-20T12:00:00.000Z')).toBe(1_795_176_000_000);
    expect(parseIsoUtc('2024-02-29T23:59:59.999Z')).toBe(1_709_251_199_999);
    expect(parseIsoUtc('2023-02-29T00:00:00Z')).toBeNull();
    expect(parseIsoUtc('1969-12-31T23:59:59.999Z')).toBe(-1);
    for (const other of [
      '2026-11-20T12:00:00+01:00',
      '2026-11-20T12:00Z',
      '2026-11-20 12:00:00Z',
      '2026-11-20T12:00:00.5Z',
      'x026-11-20T12:00:00Z',
    ]) {
      expect(parseIsoUtc(other)).toBeUndefined();
    }
  });
});
