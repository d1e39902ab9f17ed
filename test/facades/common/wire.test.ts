import { describe, expect, it } from 'vitest';
import { wireLast, wireLastRaw, wireList, wireText } from '../../../src/facades/common/wire.ts';

describe('wire parameters', () => {
  it('a single-valued parameter is its last value, as text', () => {
    expect(wireLast({ p: ['7d', '30d'] }, 'p')).toBe('30d');
    expect(wireLast({ p: 5 }, 'p')).toBe('5');
    expect(wireLast({ p: '' }, 'p')).toBe('');
    expect(wireLast({ p: undefined }, 'p')).toBeUndefined();
    expect(wireLast({}, 'p')).toBeUndefined();
    expect(wireLast({ p: new Date(Date.UTC(2026, 0, 1)) }, 'p')).toBe('2026-01-01T00:00:00.000Z');
  });

  it('wireLastRaw keeps a number a number', () => {
    expect(wireLastRaw({ limit: 1.5 }, 'limit')).toBe(1.5);
    expect(wireLastRaw({ limit: ['1', 2] }, 'limit')).toBe(2);
    expect(wireLastRaw({ limit: ['1', '2'] }, 'limit')).toBe('2');
  });

  it('a list reads repeated keys, name[] and comma lists', () => {
    const opts = { brackets: true, commas: true };
    expect(wireList({ a: 'x' }, 'a', opts)).toEqual(['x']);
    expect(wireList({ a: ['x', 'y'] }, 'a', opts)).toEqual(['x', 'y']);
    expect(wireList({ 'a[]': 'x,y' }, 'a', opts)).toEqual(['x', 'y']);
    expect(wireList({ a: 'x', 'a[]': ['y,z'] }, 'a', opts)).toEqual(['x', 'y', 'z']);
    expect(wireList({ a: 'x,' }, 'a', opts)).toEqual(['x', '']);
    expect(wireList({ 'a[]': 'x,y' }, 'a')).toBeUndefined();
    expect(wireList({ a: 'x,y' }, 'a')).toEqual(['x,y']);
  });

  it('an absent or empty list is undefined', () => {
    expect(wireList({}, 'a')).toBeUndefined();
    expect(wireList({ a: [] }, 'a')).toBeUndefined();
    expect(wireList({ a: [null, undefined] }, 'a')).toBeUndefined();
  });

  it('text of scalars', () => {
    expect(wireText(true)).toBe('true');
    expect(wireText(null)).toBeUndefined();
    expect(wireText(new Date(NaN))).toBe('Invalid Date');
  });
});
