/**
 * The byte readers of the scanners against the string parser they must agree with: every
 * `YYYY-MM-DDTHH:mm:ss[.sss]Z`-shaped text (valid or not, with bytes that are not digits) reads
 * the same from bytes as `parseIsoUtc` reads it from a string, whatever was read before it
 * (the byte reader keeps the days it has computed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoUtc } from '../../../src/io/iso-utc.ts';
import { isoUtcFromBytes, isoUtcInto, smallInteger } from '../../../src/io/scan/numbers.ts';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

const shaped = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    mo: fc.integer({ min: 0, max: 19 }),
    d: fc.integer({ min: 0, max: 39 }),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 61 }),
    s: fc.integer({ min: 0, max: 61 }),
    ms: fc.option(fc.integer({ min: 0, max: 999 })),
  })
  .map(
    ({ y, mo, d, h, mi, s, ms }) =>
      `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${ms === null ? '' : `.${pad(ms, 3)}`}Z`,
  );
// Days near the edges: leap days, month ends, the year 0, a day that repeats with another year.
const edgy = fc
  .record({
    y: fc.constantFrom(0, 1, 1900, 1969, 1970, 2000, 2023, 2024, 2100, 9999),
    mo: fc.constantFrom(1, 2, 3, 4, 12),
    d: fc.constantFrom(1, 28, 29, 30, 31),
    t: fc.constantFrom('00:00:00', '23:59:59', '24:00:00', '12:60:00', '12:00:60'),
    ms: fc.constantFrom('', '.000', '.999'),
  })
  .map(({ y, mo, d, t, ms }) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${t}${ms}Z`);
/** A shaped text with one character replaced (a non-digit, a separator, a byte above '9'). */
const damaged = fc
  .tuple(shaped, fc.nat(), fc.constantFrom('/', ':', 'A', ' ', '-', 'T', '.', 'Z', '\u00e9', '\u0000'))
  .map(([text, at, c]) => {
    const k = at % text.length;
    return text.slice(0, k) + c + text.slice(k + 1);
  });

describe('isoUtcFromBytes and isoUtcInto', () => {
  it('agrees with parseIsoUtc on valid, invalid and damaged instants, read one after another', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(shaped, edgy, damaged), { minLength: 1, maxLength: 30 }), fc.nat(7), (texts, lead) => {
        for (const text of texts) {
          const bytes = Buffer.from(`${'"'.repeat(lead)}${text}"`);
          const expected = parseIsoUtc(text);
          // parseIsoUtc tells a wrong-shaped text (undefined) from an invalid instant (null); bytes say undefined for both.
          const got = isoUtcFromBytes(bytes, lead, bytes.length - 1);
          expect(got).toBe(expected ?? undefined);
          const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
          // Written at its place only when there is an instant; the slots around it stay as they were.
          const out = Float64Array.of(7, 7, 7);
          const read = isoUtcInto(view, bytes, lead, bytes.length - 1, out, 1);
          expect(read).toBe(expected !== null && expected !== undefined);
          expect([...out]).toEqual([7, read ? expected : 7, 7]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads nothing outside its bytes: a range before or past them is no instant', () => {
    // '2026-03-08T06:30:00Z' with its first two bytes cut off; read from -2 its missing digits
    // came out NaN, which passed every check.
    const cut = Buffer.from('26-03-08T06:30:00Z');
    expect(isoUtcFromBytes(cut, -2, cut.length)).toBeUndefined();
    const whole = Buffer.from('2026-03-08T06:30:00Z');
    expect(isoUtcFromBytes(whole, 0, whole.length)).toBe(Date.UTC(2026, 2, 8, 6, 30));
    expect(isoUtcFromBytes(whole.subarray(0, 19), 0, 20)).toBeUndefined();
  });

  it('reads hand-checked instants, also after the same day of another year', () => {
    const at = (text: string) => isoUtcFromBytes(Buffer.from(text), 0, text.length);
    expect(at('2024-02-29T23:59:59.999Z')).toBe(1_709_251_199_999);
    expect(at('2023-02-29T00:00:00Z')).toBeUndefined();
    expect(at('2026-11-20T12:00:00.000Z')).toBe(1_795_176_000_000);
    expect(at('2025-11-20T12:00:00.000Z')).toBe(1_795_176_000_000 - 365 * 86_400_000);
    expect(at('1969-12-31T23:59:59.999Z')).toBe(-1);
    expect(at('1970-01-01T00:00:00Z')).toBe(0);
    expect(at('1970-01-01T24:00:00Z')).toBeUndefined();
  });
});

describe('smallInteger', () => {
  it('reads what Number reads for plain integers of up to 15 digits, and nothing else', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[-+]?[0-9]{0,17}[.e]?[0-9]?$/), fc.boolean(), (text, signs) => {
        const got = smallInteger(Buffer.from(text), 0, text.length, signs);
        const plain = new RegExp(`^${signs ? '[-+]' : '-'}?[0-9]{1,15}$`).test(text);
        expect(got).toBe(plain ? Number(text) : undefined);
      }),
      { numRuns: 1000 },
    );
  });
});
