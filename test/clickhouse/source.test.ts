/**
 * The ClickHouse source against the in-process engine on random events and queries, on the
 * single server and on the two-shard cluster: the same rows, bit for bit.
 * Skipped when no server is reachable (see servers.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEngine } from '../../src/engine/engine.ts';
import { arbCase, COLUMNS } from './arbitraries.ts';
import { freshTable, SERVERS, sourceWith } from './servers.ts';

// CLICKHOUSE_PROPERTY_RUNS=200 for a longer hunt.
const NUM_RUNS = Number(process.env.CLICKHOUSE_PROPERTY_RUNS ?? 30);
const engine = createEngine({ workers: 0 });
const tables: [(typeof SERVERS)[number], string][] = [];

afterAll(async () => {
  for (const [server, table] of tables) await server.drop(table);
  await engine.close();
});

describe.skipIf(SERVERS.length === 0)('ClickHouse source = in-process engine', () => {
  for (const server of SERVERS) {
    it(`on random events and queries (${server.name})`, async () => {
      await fc.assert(
        fc.asyncProperty(arbCase, async ({ events, queries }) => {
          const table = freshTable('prop');
          tables.push([server, table]);
          const source = await sourceWith(server, table, events, COLUMNS);
          for (const query of queries) {
            const want = (await engine.aggregate(events, query)).objects();
            const got = (await engine.aggregate(source, query)).objects();
            expect(got).toEqual(want);
          }
          await server.drop(table);
        }),
        { numRuns: NUM_RUNS },
      );
    });
  }
});
