import { describe, expect, it } from 'vitest';
import { cleanTotal, formatDecimal, roundHalfAwayFromZero } from '../../../src/facades/common/numbers.ts';

describe('roundHalfAwayFromZero', () => {
  it('rounds halves away from zero, both signs', () => {
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(roundHalfAwayFromZero(0.5)).toBe(1);
    expect(roundHalfAwayFromZero(-0.5)).toBe(-1);
    expect(roundHalfAwayFromZero(2.4)).toBe(2);
    expect(roundHalfAwayFromZero(-2.6)).toBe(-3);
    expect(roundHalfAwayFromZero(7)).toBe(7);
  });

  it('rounds the decimal a float sum stands for (0.1 + 4.1 + 0.3 = 4.499999999999999 is 4.5)', () => {
    expect(0.1 + 4.1 + 0.3).toBe(4.499999999999999);
    expect(roundHalfAwayFromZero(0.1 + 4.1 + 0.3)).toBe(5);
    expect(roundHalfAwayFromZero(-(0.1 + 4.1 + 0.3))).toBe(-5);
  });

  it('never gives -0', () => {
    expect(Object.is(roundHalfAwayFromZero(-0.2), 0)).toBe(true);
    expect(Object.is(roundHalfAwayFromZero(-0), 0)).toBe(true);
  });
});

describe('formatDecimal', () => {
  it('is the shortest round-trip text, never in exponent form', () => {
    expect(formatDecimal(2)).toBe('2');
    expect(formatDecimal(2.5)).toBe('2.5');
    expect(formatDecimal(0)).toBe('0');
    expect(formatDecimal(-0)).toBe('0');
    expect(formatDecimal(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatDecimal(1e-7)).toBe('0.0000001');
    expect(formatDecimal(-1.5e-7)).toBe('-0.00000015');
    expect(formatDecimal(1e21)).toBe('1000000000000000000000');
    expect(formatDecimal(1.25e22)).toBe('12500000000000000000000');
    expect(() => formatDecimal(NaN)).toThrow(RangeError);
  });
});

describe('cleanTotal', () => {
  it('rounds a non-integer to 15 significant digits, leaves integers and non-finite values alone', () => {
    expect(cleanTotal(0.1 + 0.2)).toBe(0.3);
    expect(cleanTotal(1.1 + 3.2)).toBe(4.3);
    expect(cleanTotal(-(1.1 + 2.2))).toBe(-3.3);
    expect(cleanTotal(1e-20 + 2e-20)).toBe(3e-20);
    // biome-ignore lint/correctness/noPrecisionLoss: the literal is written past a double's digits on purpose
    expect(cleanTotal(123456789.123456789)).toBe(123456789.123457);
    expect(cleanTotal(2 ** 60)).toBe(2 ** 60);
    expect(cleanTotal(7)).toBe(7);
    expect(cleanTotal(Infinity)).toBe(Infinity);
    expect(Object.is(cleanTotal(-1e-300 * 1e-300), 0)).toBe(true);
  });
});
