import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, hash64, queryBinding } from '../../../src/facades/boltz/cursor.ts';

const binding = queryBinding({ window_size: 'HOUR', starting_at: 0, ending_at: 3_600_000 });

describe('page cursors', () => {
  it('read back the offset they were issued with, for the same query', () => {
    for (const offset of [0, 1, 100, 999_999, Number.MAX_SAFE_INTEGER]) {
      expect(decodeCursor(encodeCursor(offset, binding), binding)).toEqual({ ok: true, offset });
    }
  });

  it('are base64url text without padding', () => {
    expect(encodeCursor(100, binding)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('issued for another query are a mismatch', () => {
    const other = queryBinding({ window_size: 'DAY', starting_at: 0, ending_at: 3_600_000 });
    expect(decodeCursor(encodeCursor(100, binding), other)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('with any one character changed are malformed, not a different offset', () => {
    const token = encodeCursor(200, binding);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < token.length; i++) {
      for (const c of alphabet) {
        if (c === token[i]) continue;
        const edited = token.slice(0, i) + c + token.slice(i + 1);
        expect(decodeCursor(edited, binding)).toEqual({ ok: false, reason: 'malformed' });
      }
    }
  });

  it('that are not ours are malformed', () => {
    for (const token of [
      '',
      'abc',
      '!!!!',
      'YWJj',
      btoa('c1.5.0000000000000000.0000000000000000'),
      encodeCursor(1, binding) + 'A',
    ]) {
      expect(decodeCursor(token, binding)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuse a negative or fractional offset', () => {
    expect(() => encodeCursor(-1, binding)).toThrow(RangeError);
    expect(() => encodeCursor(1.5, binding)).toThrow(RangeError);
  });
});

describe('queryBinding', () => {
  it('does not depend on key order, and drops undefined values', () => {
    expect(queryBinding({ b: 1, a: [2, { d: 1, c: null }], u: undefined })).toBe('{"a":[2,{"c":null,"d":1}],"b":1}');
  });

  it('tells different values apart', () => {
    expect(queryBinding({ a: '1' })).not.toBe(queryBinding({ a: 1 }));
    expect(queryBinding({ a: ['x', 'y'] })).not.toBe(queryBinding({ a: ['y', 'x'] }));
  });
});

describe('hash64', () => {
  it('is 16 hex digits, stable, and seeded', () => {
    expect(hash64('abc')).toMatch(/^[0-9a-f]{16}$/);
    expect(hash64('abc')).toBe(hash64('abc'));
    expect(hash64('abc')).not.toBe(hash64('abd'));
    expect(hash64('abc', 1)).not.toBe(hash64('abc'));
  });
});
