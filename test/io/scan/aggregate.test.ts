/**
 * Aggregates over events scanned from a file (cut into small pieces, on two worker threads and
 * inline) equal aggregates over the same file read the old way into an arquero table.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine/engine.ts';
import type { Query } from '../../../src/engine/types.ts';
import { loadChunks } from '../../../src/engine/store/load.ts';
import { readEvents } from '../../../src/io/index.ts';
import { scanEvents } from '../../../src/io/scan/index.ts';
import { tempDir } from '../fixtures.ts';
import { useThreadPool } from './helpers.ts';

const dir = tempDir();
let files = 0;
const shared = useThreadPool();

const event = fc.record({
  ts: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 2, 1) }),
  ws: fc.constantFrom('a', 'b', 'é', 'c,d', 'q"x'),
  q: fc.oneof(fc.integer({ min: -100, max: 100 }), fc.constant(null)),
});
const query: Query = {
  time: 'ts',
  window: 'week',
  timeZone: 'America/New_York',
  groupBy: ['ws'],
  measures: { q: { op: 'sum', column: 'q' }, n: { op: 'count' }, hi: { op: 'max', column: 'q' } },
};
const COLUMNS = { q: 'number', ws: 'string' } as const;

describe('aggregates over scanned files', () => {
  it('equal those over the table the old reader gives, inline and on two workers', async () => {
    const engine = createEngine({ workers: 0 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        fc.integer({ min: 16, max: 400 }),
        async (events, csv, piece) => {
          const path = join(dir, `a${files++}.${csv ? 'csv' : 'ndjson'}`);
          const cell = (v: unknown) =>
            v === null ? '' : /[",]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v);
          const text = csv
            ? ['ts,ws,q', ...events.map((e) => [new Date(e.ts).toISOString(), e.ws, e.q].map(cell).join(','))].join('\n')
            : events.map((e) => JSON.stringify({ ...e, ts: new Date(e.ts).toISOString() })).join('\n');
          writeFileSync(path, text);
          const { table } = await readEvents(path, { types: { ts: 'time', ...COLUMNS } });
          const expected = (await engine.aggregate(table, query)).objects();
          for (const on of [null, shared.pool]) {
            const { chunks, summary } = scanEvents(path, { time: 'ts', columns: COLUMNS, pool: on, pieceBytes: piece });
            const loaded = await loadChunks(chunks, 'ts');
            await summary;
            expect((await engine.aggregate(loaded, query)).objects()).toEqual(expected);
          }
        },
      ),
      { numRuns: 25 },
    );
    await engine.close();
  });
});
