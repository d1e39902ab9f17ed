/**
 * The engine against the naive reference on random events and queries, inline and sharded.
 * Sums and averages may differ from the reference's one-pass order by rounding (1e-9
 * relative); the engines must agree with each other bit for bit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as aq from 'arquero';
import { createEngine } from '../../src/engine/engine.ts';
import type { Query } from '../../src/engine/types.ts';
import type { Engine, Events } from '../../src/engine/engine.ts';
import { toEpochMs } from '../../src/time.ts';
import { referenceAggregate, type RefRow } from '../reference/reference.ts';
import { matchesWhere } from '../reference/values.ts';
import { arbCase, arbLargeCase, COLUMNS, type EventRow } from './arbitraries.ts';

// ENGINE_PROPERTY_RUNS=2000 for a longer hunt.
const NUM_RUNS = Number(process.env.ENGINE_PROPERTY_RUNS ?? 150);
let engines: Engine[] = [];

beforeAll(() => {
  engines = [
    createEngine({ workers: 0 }),
    createEngine({ workers: 1, inlineThreshold: 0 }),
    createEngine({ workers: 2, inlineThreshold: 0 }),
  ];
});
afterAll(async () => {
  await Promise.all(engines.map((e) => e.close()));
});

const rowsOf = async (engine: Engine, events: Events, query: Query) =>
  (await engine.aggregate(events, query)).objects() as RefRow[];

/** Equal to the reference, with sums and averages within 1e-9 relative of it. */
function expectMatchesReference(got: RefRow[], want: RefRow[], query: Query): void {
  const approx = Object.entries(query.measures)
    .filter(([, m]) => m.op === 'sum' || m.op === 'avg')
    .map(([name]) => name);
  const close = (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) : Object.is(a, b);
  const strip = (r: RefRow) => Object.fromEntries(Object.entries(r).filter(([k]) => !approx.includes(k)));
  expect(got.length, 'number of rows').toBe(want.length);
  got.forEach((row, i) => {
    expect(strip(row), `row ${i}`).toEqual(strip(want[i]));
    for (const name of approx) {
      if (!close(row[name], want[i][name])) expect(row[name], `row ${i}, measure ${name}`).toBe(want[i][name]);
    }
  });
}

/** The engines with 0, 1 and 2 workers against the reference; the engines bit for bit against each other. */
async function checkCase({
  events,
  asTable,
  queries,
}: {
  events: EventRow[];
  asTable: boolean;
  queries: Query[];
}): Promise<void> {
  // Built column by column, so that an empty table still has every column.
  const input: Events = asTable ? aq.table(Object.fromEntries(COLUMNS.map((c) => [c, events.map((e) => e[c])]))) : events;
  for (const query of queries) {
    const want = referenceAggregate(input, query);
    const [inline, ...sharded] = await Promise.all(engines.map((e) => rowsOf(e, input, query)));
    expectMatchesReference(inline, want, query);
    for (const rows of sharded) expect(rows).toEqual(inline);
  }
}

describe('engine = reference', () => {
  it('on random events and queries, with 0, 1 and 2 workers', async () => {
    await fc.assert(fc.asyncProperty(arbCase, checkCase), { numRuns: NUM_RUNS });
  });

  it('on a few large event sets, split across shards', async () => {
    await fc.assert(fc.asyncProperty(arbLargeCase, checkCase), { numRuns: Math.ceil(NUM_RUNS / 10) });
  });
});

describe('every event in range lands in exactly one window', () => {
  const passes = (e: EventRow, query: Query) => {
    const t = toEpochMs(e.ts)!;
    const range = query.range && { start: toEpochMs(query.range.start)!, end: toEpochMs(query.range.end)! };
    if (range && (t < range.start || t >= range.end)) return false;
    return Object.entries(query.where ?? {}).every(([c, cond]) => matchesWhere(e[c], cond));
  };

  it('Σ count = events in range passing where; windows ascend without overlap', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, async ({ events, queries }) => {
        const query: Query = { ...queries[0], measures: { n: { op: 'count' } } };
        const expected = events.filter((e) => passes(e, query)).length;
        for (const engine of [engines[0], engines[2]]) {
          const rows = await rowsOf(engine, events, query);
          expect(rows.reduce((s, r) => s + (r.n as number), 0)).toBe(expected);
          let lastEnd = -Infinity;
          let lastStart = -Infinity;
          for (const r of rows) {
            const start = r.window_start as number,
              end = r.window_end as number;
            expect(start).toBeLessThan(end);
            if (start !== lastStart) expect(start).toBeGreaterThanOrEqual(lastEnd);
            else expect(end).toBe(lastEnd); // same window, another group
            lastStart = start;
            lastEnd = end;
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
