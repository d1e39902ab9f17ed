/**
 * `dedupBy`: one event per key, the first to arrive, over the load and every append; duplicates
 * counted, never added. Checked against a naive first-arrival filter over all the events.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEngine } from '../../../src/engine/engine.ts';
import type { Query } from '../../../src/engine/types.ts';

const engine = createEngine({ workers: 0 });
afterAll(() => engine.close());

const daily: Query = {
  time: 'ts',
  window: 'day',
  groupBy: ['app'],
  measures: { q: { op: 'sum', column: 'q' }, n: { op: 'count' } },
};
const rows = async (events: Parameters<typeof engine.aggregate>[0], q: Query = daily) =>
  (await engine.aggregate(events, q)).objects();

describe('dedupBy', () => {
  it('keeps the first arrival of each key, in the load and across appends, and counts the rest', async () => {
    const events = await engine.load(
      [
        { ts: '2026-03-01T10:00:00Z', id: 'a', app: 'x', q: 1 },
        { ts: '2026-03-01T09:00:00Z', id: 'b', app: 'x', q: 2 },
        { ts: '2026-03-01T08:00:00Z', id: 'a', app: 'x', q: 100 }, // earlier in time, later to arrive: dropped
      ],
      { time: 'ts', dedupBy: ['id'] },
    );
    expect(events.summary.duplicates).toBe(1);
    expect(
      await events.append([
        { ts: '2026-03-01T11:00:00Z', id: 'b', app: 'x', q: 100 }, // seen at load
        { ts: '2026-03-01T11:00:00Z', id: 'c', app: 'y', q: 4 },
        { ts: '2026-03-01T12:00:00Z', id: 'c', app: 'y', q: 100 }, // earlier in this batch
        { ts: '2026-03-01T12:00:00Z', id: null, app: 'y', q: 8 }, // no key: kept
        { ts: '2026-03-01T12:00:00Z', app: 'y', q: 16 }, // no key: kept
      ]),
    ).toEqual({ appended: 3, duplicates: 2, skipped: 0 });
    const day = Date.UTC(2026, 2, 1);
    expect(await rows(events)).toEqual([
      { window_start: day, window_end: day + 86_400_000, app: 'x', q: 3, n: 2 },
      { window_start: day, window_end: day + 86_400_000, app: 'y', q: 28, n: 3 },
    ]);
  });

  it('a composite key: both values must match; 1 and "1" are different keys', async () => {
    const events = await engine.load(
      [
        { ts: 0, src: 's1', id: 1, app: 'x', q: 1 },
        { ts: 0, src: 's2', id: 1, app: 'x', q: 2 },
      ],
      { time: 'ts', dedupBy: ['src', 'id'] },
    );
    expect(
      await events.append([
        { ts: 1, src: 's1', id: 1, app: 'x', q: 100 },
        { ts: 1, src: 's1', id: '1', app: 'x', q: 4 },
      ]),
    ).toEqual({ appended: 1, duplicates: 1, skipped: 0 });
    expect((await rows(events))[0]).toMatchObject({ q: 7, n: 3 });
  });

  it('a batch with a bad row appends nothing and takes no keys', async () => {
    const events = await engine.load([{ ts: 0, id: 'a', app: 'x', q: 1 }], { time: 'ts', dedupBy: ['id'] });
    await expect(
      events.append([
        { ts: 1, id: 'b', app: 'x', q: 2 },
        { ts: 'yesterday', id: 'c', app: 'x', q: 3 },
      ]),
    ).rejects.toThrow(/events\[2\]/); // arrival numbers count every event before the batch
    expect(events.numRows()).toBe(1);
    expect(await events.append([{ ts: 1, id: 'b', app: 'x', q: 2 }])).toEqual({ appended: 1, duplicates: 0, skipped: 0 });
  });

  it('random batches = one load of the events a first-arrival filter keeps', async () => {
    const row = fc.record(
      {
        ts: fc.integer({ min: 0, max: 5 * 86_400_000 }),
        id: fc.oneof(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.integer({ min: 0, max: 3 }), fc.constant(null)),
        app: fc.constantFrom('x', 'y'),
        q: fc.double({ min: -100, max: 100, noNaN: true }),
      },
      { noNullPrototype: true },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(row, { maxLength: 12 }), { minLength: 1, maxLength: 5 }), async (batches) => {
        const seen = new Set<unknown>();
        const kept = batches.flat().filter((r) => {
          if (r.id === null) return true;
          if (seen.has(r.id)) return false;
          seen.add(r.id);
          return true;
        });
        const live = await engine.load(batches[0], { time: 'ts', dedupBy: ['id'] });
        let duplicates = live.summary.duplicates ?? 0;
        for (const b of batches.slice(1)) duplicates += (await live.append(b)).duplicates;
        expect(duplicates).toBe(batches.flat().length - kept.length);
        const once = await engine.load(kept, { time: 'ts' });
        expect(await rows(live)).toEqual(await rows(once));
      }),
      { numRuns: 60 },
    );
  });
});
