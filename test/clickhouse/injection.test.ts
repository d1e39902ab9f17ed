/**
 * SQL carried in names or values: a column or table name is refused before any SQL is built;
 * a value is data — it matches the events that hold exactly that text and nothing else, and the
 * table survives. Runs on each reachable server; the refusals need none.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '@clickhouse/client';
import { createEngine } from '../../src/engine/engine.ts';
import { clickhouseSource } from '../../src/clickhouse/source.ts';
import { QueryError } from '../../src/errors.ts';
import { freshTable, SERVERS, sourceWith } from './servers.ts';

const HOSTILE = [
  "x' OR '1'='1",
  "x\\' OR 1 --",
  'x\u0000y',
  "x'); DROP TABLE t; --",
  '/* comment */',
  '-- comment',
  'x\\',
  "\\'",
  '`name`',
  '{p0:String}',
  'line\nbreak',
];
const engine = createEngine({ workers: 0 });
const created: [(typeof SERVERS)[number], string][] = [];
afterAll(async () => {
  for (const [server, table] of created) await server.drop(table);
  await engine.close();
});

describe('names that carry SQL are refused', () => {
  const client = createClient({ url: 'http://127.0.0.1:1' });
  it.each(['ws`; DROP TABLE events; --', "ws'", 'ws--', 'ws/*', 'ws\u0000', 'ws\\', 'ws ws'])('column %j', (name) => {
    expect(() => clickhouseSource({ client, table: 'events', columns: { ts: 'time', [name]: 'string' } })).toThrow(
      new QueryError([
        {
          path: ['clickhouse', 'columns', name],
          message: 'must be a plain identifier (^[A-Za-z_][A-Za-z0-9_]*$, not starting with __ua_)',
        },
      ]),
    );
  });

  it('table', () => {
    expect(() => clickhouseSource({ client, table: 'events; DROP TABLE x', columns: { ts: 'time' } })).toThrow(
      'clickhouse.table: must be table or database.table, each a plain identifier',
    );
    expect(() => clickhouseSource({ client, table: 'events', columns: { ts: 'time' }, seq: 'seq`' })).toThrow(
      'clickhouse.seq: must be a plain identifier (^[A-Za-z_][A-Za-z0-9_]*$, not starting with __ua_)',
    );
  });

  it('a query naming a column outside the allow-list never reaches SQL', async () => {
    const source = clickhouseSource({ client, table: 'events', columns: { ts: 'time', ws: 'string' }, parameters: 'literal' });
    await expect(
      engine.aggregate(source, {
        time: 'ts',
        window: 'none',
        range: { start: 0, end: 1 },
        groupBy: ['ws` FROM system.tables --'],
        measures: { n: { op: 'count' } },
      }),
    ).rejects.toThrow("groupBy.0: unknown column 'ws` FROM system.tables --'");
    await expect(
      engine.aggregate(source, {
        time: 'ts',
        window: 'none',
        range: { start: 0, end: 1 },
        where: { "ws' OR 1": 'x' },
        measures: { n: { op: 'count' } },
      }),
    ).rejects.toThrow("where.ws' OR 1: unknown column 'ws' OR 1'");
  });
});

describe.skipIf(SERVERS.length === 0)('values that carry SQL are data', () => {
  for (const server of SERVERS) {
    it(`match exactly their own events (${server.name})`, async () => {
      const table = freshTable('inject');
      created.push([server, table]);
      const events = [...HOSTILE, 'x', 'y', null].map((ws, i) => ({ ts: 1_000 + i, ws, n: i }));
      const source = await sourceWith(server, table, events, { ws: 'string', n: 'number' });
      const range = { start: 0, end: 10_000 };
      for (const value of HOSTILE) {
        const rows = (
          await engine.aggregate(source, {
            time: 'ts',
            window: 'none',
            range,
            where: { ws: value },
            groupBy: ['ws'],
            measures: { n: { op: 'sum', column: 'n' } },
          })
        ).objects();
        expect(rows).toEqual([{ window_start: 0, window_end: 10_000, ws: value, n: HOSTILE.indexOf(value) }]);
      }
      const not = (
        await engine.aggregate(source, {
          time: 'ts',
          window: 'none',
          range,
          where: { ws: { not: HOSTILE } },
          measures: { c: { op: 'count' } },
        })
      ).objects();
      expect(not).toEqual([{ window_start: 0, window_end: 10_000, c: 3 }]);
      // Still there, all of it.
      const all = (
        await engine.aggregate(source, { time: 'ts', window: 'none', range, groupBy: ['ws'], measures: { c: { op: 'count' } } })
      ).objects();
      expect(all.map((r) => (r as { ws: unknown }).ws)).toEqual([
        ...[...HOSTILE, 'x', 'y'].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
        null,
      ]);
    });
  }
});
