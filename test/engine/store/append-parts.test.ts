/**
 * Appends against one load: events loaded in random batches (the first loaded, the rest
 * appended) answer every query exactly as the same events loaded at once — bit for bit, floating
 * sums included, with 0, 1 and 2 workers — and as the naive reference (sums to rounding).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEngine } from '../../../src/engine/engine.ts';
import type { Query } from '../../../src/engine/types.ts';
import { referenceAggregate, type RefRow } from '../../reference/reference.ts';
import { arbCase, type EventRow } from '../arbitraries.ts';

const NUM_RUNS = Number(process.env.ENGINE_PROPERTY_RUNS ?? 40);
const engines = [
  createEngine({ workers: 0 }),
  createEngine({ workers: 1, inlineThreshold: 0 }),
  createEngine({ workers: 2, inlineThreshold: 0 }),
];
afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
});

/** Cut points splitting `n` events into batches (sorted, distinct, inside (0, n)). */
const arbCuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });

function batches(events: EventRow[], cuts: number[]): EventRow[][] {
  const at = [...new Set(cuts.map((c) => Math.floor(c * events.length)))]
    .filter((k) => k > 0 && k < events.length)
    .sort((a, b) => a - b);
  const out: EventRow[][] = [];
  let from = 0;
  for (const k of [...at, events.length]) {
    out.push(events.slice(from, k));
    from = k;
  }
  return out;
}

const approxEqual = (got: RefRow[], want: RefRow[], query: Query) => {
  const approx = Object.entries(query.measures)
    .filter(([, m]) => m.op === 'sum' || m.op === 'avg')
    .map(([name]) => name);
  expect(got.length).toBe(want.length);
  got.forEach((row, i) => {
    for (const [k, v] of Object.entries(row)) {
      const w = want[i][k];
      if (approx.includes(k) && typeof v === 'number' && typeof w === 'number')
        expect(Math.abs(v - w)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
      else expect(v, `row ${i} ${k}`).toEqual(w);
    }
  });
};

describe('appends as parts = one load', () => {
  it('random batches, any worker count: the same rows bit for bit as one load, and as the reference', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, arbCuts, fc.boolean(), async ({ events, queries }, cuts, merges) => {
        const parts = batches(events, cuts);
        const once = await engines[0].load(events);
        const live = await engines[0].load(parts[0]);
        live.merges = merges;
        for (const batch of parts.slice(1)) {
          const r = await live.append(batch);
          expect(r).toEqual({ appended: batch.length, duplicates: 0, skipped: 0 });
        }
        expect(live.numRows()).toBe(events.length);
        if (!merges) expect(live.partCount()).toBe(parts.length);
        for (const query of queries) {
          const want = (await engines[0].aggregate(once, query)).objects() as RefRow[];
          for (const engine of engines) {
            expect((await engine.aggregate(live, query)).objects()).toEqual(want);
          }
          approxEqual(want, referenceAggregate(events, query), query);
        }
        expect(live.values('ts')).toEqual(once.values('ts'));
        expect(live.toArquero().objects()).toEqual(once.toArquero().objects());
      }),
      { numRuns: NUM_RUNS },
    );
  }, 180_000);
});
