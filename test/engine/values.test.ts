import { describe, expect, it } from 'vitest';
import { compareValues } from '../../src/engine/values.ts';

describe('compareValues', () => {
  it('orders booleans, numbers, strings, then nulls', () => {
    const values = ['b', null, 10, 'a', true, 2, undefined, false, 'B', 'aa'];
    expect([...values].sort(compareValues)).toEqual([false, true, 2, 10, 'B', 'a', 'aa', 'b', null, undefined]);
  });

  it('compares strings by UTF-16 code units, numbers numerically', () => {
    expect(compareValues('Z', 'a')).toBeLessThan(0);
    expect(compareValues('\uff5e', '\ud83d\ude00')).toBeGreaterThan(0);
    expect(compareValues(9, 10)).toBeLessThan(0);
    expect(compareValues(null, null)).toBe(0);
  });
});
