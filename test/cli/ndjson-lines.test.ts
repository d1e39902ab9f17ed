/**
 * NDJSON a slice at a time (src/cli/format-rows.ts `ndjsonLines`) against the plain way, one
 * `JSON.stringify` per row, for rows built to look like row boundaries: strings holding `},{"`,
 * arrays of objects, empty rows, rows whose values JSON leaves out, class instances.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ndjsonLines } from '../../src/cli/format-rows.ts';

const plain = (rows: readonly Record<string, unknown>[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

const key = fc.constantFrom('a', 'b', '},{"', 'x"y', 'é😀');
const flat = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom('},{"a":1}', '"},{"', '\\', 'ws_1', '', '😀', '\ud83d', null, true, undefined, -0, Number.NaN),
  fc.string({ maxLength: 5 }),
);
const nested = fc.oneof(
  fc.array(fc.dictionary(key, flat, { maxKeys: 2 }), { maxLength: 3 }),
  fc.dictionary(key, flat, { maxKeys: 2 }),
  fc.constant(new Date(Date.UTC(2026, 0, 1))),
  fc.constant(() => 1),
);
const row = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(key, flat, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(key, fc.oneof(flat, nested), { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constant(new Point(1, 2) as unknown as Record<string, unknown>) },
  { weight: 1, arbitrary: fc.constant(Object.assign(Object.create(null), { a: 1 }) as Record<string, unknown>) },
);

describe('ndjsonLines', () => {
  it('writes what one JSON.stringify per row writes (property)', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.integer({ min: 1, max: 8 }), (rows, slice) => {
        expect([...ndjsonLines(rows, slice)].join('')).toBe(plain(rows));
      }),
      { numRuns: 400 },
    );
  });

  it('cuts a slice of flat rows into one line per row', () => {
    const rows = [{ a: 1, b: '},{"b":2}' }, { a: 2 }, { c: null, d: undefined }];
    expect([...ndjsonLines(rows)]).toEqual([`${JSON.stringify(rows[0])}\n{"a":2}\n{"c":null}\n`]);
  });

  it('writes nothing for no rows', () => {
    expect([...ndjsonLines([])]).toEqual([]);
  });
});
