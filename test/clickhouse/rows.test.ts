/**
 * source.rows: events newest first, ties by the later row first, filtered and paged — checked
 * against the same listing done naively in JS over random events.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshTable, SERVERS, sourceWith, type Server } from './servers.ts';

const created: [Server, string][] = [];
afterAll(async () => {
  for (const [server, table] of created) await server.drop(table);
});

const USERS = ['u1', 'u2', "u'3", null];
const arbEvents = fc.array(
  fc.record({
    ts: fc.integer({ min: 0, max: 20 }),
    user: fc.constantFrom(...USERS),
    cost: fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }),
    api: fc.option(fc.boolean(), { nil: null }),
  }),
  { maxLength: 40 },
);

describe.skipIf(SERVERS.length === 0)('ClickHouse source rows', () => {
  for (const server of SERVERS) {
    it(`lists newest first, ties by the later row, filtered and paged (${server.name})`, async () => {
      await fc.assert(
        fc.asyncProperty(
          arbEvents,
          fc.subarray(USERS),
          fc.nat({ max: 10 }),
          fc.integer({ min: 0, max: 15 }),
          async (events, users, offset, limit) => {
            const table = freshTable('rows');
            created.push([server, table]);
            const source = await sourceWith(server, table, events, { user: 'string', cost: 'number', api: 'boolean' });
            const got = await source.rows({
              time: 'ts',
              range: { start: 2, end: 18 },
              where: { user: users },
              columns: ['user', 'cost', 'api'],
              offset,
              limit,
            });
            const want = events
              .map((e, i) => ({ e, i }))
              .filter(({ e }) => e.ts >= 2 && e.ts < 18 && users.includes(e.user))
              .sort((a, b) => b.e.ts - a.e.ts || b.i - a.i)
              .slice(offset, offset + limit)
              .map(({ e }) => ({ ts: e.ts, user: e.user, cost: e.cost, api: e.api }));
            expect(got).toEqual(want);
            await server.drop(table);
          },
        ),
        { numRuns: 15 },
      );
    });
  }

  it('refuses a bad page or an unknown column', async () => {
    const server = SERVERS[0];
    const table = freshTable('rows');
    created.push([server, table]);
    const source = await sourceWith(server, table, [], { user: 'string' });
    const base = { time: 'ts', range: { start: 0, end: 1 }, columns: ['user'], limit: 10 };
    await expect(source.rows({ ...base, offset: -1 })).rejects.toThrow('offset: must be a non-negative integer');
    await expect(source.rows({ ...base, limit: 1.5 })).rejects.toThrow('limit: must be a non-negative integer');
    await expect(source.rows({ ...base, columns: ['nope'] })).rejects.toThrow("columns.0: unknown column 'nope'");
    expect(await source.rows(base)).toEqual([]);
  });
});
