/**
 * The errors a ClickHouse source raises are the engine's: the same paths and messages as
 * in-process for unknown columns and for numeric measures over non-numeric values.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '@clickhouse/client';
import { createEngine } from '../../src/engine/engine.ts';
import { clickhouseSource } from '../../src/clickhouse/source.ts';
import type { Query } from '../../src/engine/types.ts';
import { freshTable, SERVERS, sourceWith } from './servers.ts';

const engine = createEngine({ workers: 0 });
const created: [(typeof SERVERS)[number], string][] = [];
afterAll(async () => {
  for (const [server, table] of created) await server.drop(table);
  await engine.close();
});

const base: Query = { time: 'ts', window: 'day', range: { start: 0, end: 86_400_000 }, measures: { n: { op: 'count' } } };

describe('errors before any SQL runs', () => {
  const source = clickhouseSource({
    client: createClient({ url: 'http://127.0.0.1:1' }),
    table: 'events',
    columns: { ts: 'time', at: 'time', ws: 'string' },
    parameters: 'literal',
  });
  const events = [{ ts: 1, at: 1, ws: 'a' }];

  it.each([
    [{ ...base, time: 'nope' }, "time: unknown column 'nope'"],
    [{ ...base, groupBy: ['nope'] }, "groupBy.0: unknown column 'nope'"],
    [{ ...base, where: { nope: 1 } }, "where.nope: unknown column 'nope'"],
    [{ ...base, measures: { total: { op: 'sum', column: 'nope' } } }, "measures.total.column: unknown column 'nope'"],
  ] as [Query, string][])('%# %s', async (query, message) => {
    await expect(engine.aggregate(source, query)).rejects.toThrow(message);
    await expect(engine.aggregate(events, query)).rejects.toThrow(message);
  });

  it('the time column must be a time column', async () => {
    await expect(engine.aggregate(source, { ...base, time: 'ws' })).rejects.toThrow(
      "time: column 'ws' is not a time column of the ClickHouse table",
    );
  });

  it('bad options', () => {
    expect(() => clickhouseSource({ client: {} as never, table: 'events', columns: {} })).toThrow(
      'clickhouse.client: must be a @clickhouse/client client',
    );
    expect(() => clickhouseSource({ client: createClient(), table: 'events', columns: { ts: 'date' as never } })).toThrow(
      'clickhouse.columns.ts: Invalid option: expected one of "time"|"string"|"number"|"boolean"',
    );
  });
});

describe.skipIf(SERVERS.length === 0)('errors that need the events', () => {
  for (const server of SERVERS) {
    it(`a numeric measure over text names the first row with a value, as in-process (${server.name})`, async () => {
      const table = freshTable('errs');
      created.push([server, table]);
      const events = [
        { ts: 5, ws: null, ok: true },
        { ts: 1, ws: 'w1', ok: null },
        { ts: 2, ws: 'w2', ok: false },
      ];
      const source = await sourceWith(server, table, events, { ws: 'string', ok: 'boolean' });
      const query: Query = { ...base, measures: { total: { op: 'sum', column: 'ws' } } };
      await expect(engine.aggregate(source, query)).rejects.toThrow(`events[1].ws: "w1" is not a number (measure 'total')`);
      await expect(engine.aggregate(events, query)).rejects.toThrow(`events[1].ws: "w1" is not a number (measure 'total')`);
      await expect(engine.aggregate(source, { ...base, measures: { hi: { op: 'max', column: 'ok' } } })).rejects.toThrow(
        `events[0].ok: true is not a number (measure 'hi')`,
      );
    });

    it(`a numeric measure over a text column with no values is like in-process (${server.name})`, async () => {
      const table = freshTable('errs');
      created.push([server, table]);
      const events = [{ ts: 5, ws: null, q: 1 }];
      const source = await sourceWith(server, table, events, { ws: 'string', q: 'number' });
      const query: Query = {
        ...base,
        measures: { s: { op: 'sum', column: 'ws' }, a: { op: 'avg', column: 'ws' }, lo: { op: 'min', column: 'ws' } },
      };
      const want = [{ window_start: 0, window_end: 86_400_000, s: 0, a: null, lo: null }];
      expect((await engine.aggregate(events, query)).objects()).toEqual(want);
      expect((await engine.aggregate(source, query)).objects()).toEqual(want);
    });
  }
});
