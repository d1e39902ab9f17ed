/**
 * The time sort against a naive stable argsort: the same order, equal instants in input order,
 * the inverse its permutation's inverse, and the spare scratch arrays apart from the result. Instants range from all-equal to spans past 2^48 ms
 * (the comparison fallback), with fractions and negatives, so every digit and path is taken.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sharedBuffer } from '../../src/engine/buffers.ts';
import { argsortTimes, sortTimes, type SortedTimes } from '../../src/engine/sort.ts';

/** Row indexes in time order, ties by index: the obvious way. */
function naiveArgsort(t: number[]): number[] {
  return t.map((_, i) => i).sort((a, b) => (t[a] < t[b] ? -1 : t[a] > t[b] ? 1 : a - b));
}

const SPANS = [0, 7, 3_000, 5_000_000, 2_678_400_000, 2 ** 31 + 5, 2 ** 32 - 1, 2 ** 32, 2 ** 36, 2 ** 46, 2 ** 49];

const arbTimes = fc
  .record({
    base: fc.integer({ min: -2e12, max: 4e12 }),
    span: fc.constantFrom(...SPANS),
    fraction: fc.boolean(),
    order: fc.constantFrom('random', 'ascending', 'descending'),
    values: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 400 }),
  })
  .map(({ base, span, fraction, order, values }) => {
    const t = values.map((u) => base + (fraction ? u * span : Math.floor(u * span)));
    if (order === 'ascending') t.sort((a, b) => a - b);
    if (order === 'descending') t.sort((a, b) => b - a);
    return t;
  });

function shared(t: number[]): Float64Array {
  const out = new Float64Array(sharedBuffer(t.length * 8));
  out.set(t);
  return out;
}

/** Checks an inverse sort's result against the naive order of `t`, then scribbles on its spares. */
function check(t: number[], sorted: SortedTimes): void {
  const order = naiveArgsort(t);
  expect(Array.from(sorted.time)).toEqual(order.map((i) => t[i]));
  const inv = sorted.inv ?? Uint32Array.from(t, (_, i) => i);
  const position = new Array<number>(t.length);
  order.forEach((row, p) => {
    position[row] = p;
  });
  expect(Array.from(inv)).toEqual(position);
  const { keys, rows } = sorted.spare ?? { keys: null, rows: null };
  for (const spare of [keys, rows]) {
    if (!spare) continue;
    expect(spare.length).toBe(t.length);
    expect(spare.buffer).not.toBe(sorted.time.buffer);
    expect(spare.buffer).not.toBe(inv.buffer);
  }
}

describe('time sort', () => {
  it('argsortTimes equals a naive stable argsort', () => {
    fc.assert(
      fc.property(arbTimes, (t) => {
        expect(Array.from(argsortTimes(Float64Array.from(t)))).toEqual(naiveArgsort(t));
      }),
      { numRuns: 300 },
    );
  });

  it('sortTimes with the inverse equals a naive stable argsort', () => {
    fc.assert(
      fc.property(arbTimes, (t) => check(t, sortTimes(shared(t), true))),
      { numRuns: 300 },
    );
  });
});
