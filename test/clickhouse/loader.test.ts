/**
 * The loader: exact values (floats 18.16 would parse wrongly from text, strings with every awkward
 * character), input order in seq across batches, appends and shards, and the errors for events
 * that do not fit the table.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { loadEvents } from '../../src/clickhouse/loader.ts';
import { describeColumns } from '../../src/clickhouse/ddl.ts';
import { freshTable, SERVERS, type Server } from './servers.ts';

const FLOATS = [
  90.63035, 0.30000000000000004, 5e-324, 1.7976931348623157e308, -2.1668787279558666e-147, 121472.4069890063, 1e21, -0.5, 3,
];
const STRINGS = ['', "it's", 'back\\slash', 'nul\u0000byte', 'tab\there', 'new\nline', 'ünï 🙂', '"quoted"', '\\N'];

const created: [Server, string][] = [];
afterAll(async () => {
  for (const [server, table] of created) await server.drop(table);
});

async function* batches(...tables: ColumnTable[]) {
  yield* tables;
}

async function rows(server: Server, sql: string): Promise<string[][]> {
  const rs = await server.client.query({ query: sql, format: 'TabSeparated' });
  return (await rs.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
}

// reinterpretAsString drops trailing zero bytes, so compare without them.
const hex = (v: number) =>
  Array.from(new Uint8Array(new Float64Array([v]).buffer), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()
    .replace(/(00)+$/, '');

describe.skipIf(SERVERS.length === 0)('loadEvents', () => {
  for (const server of SERVERS) {
    it(`keeps every float bit and every string exactly (${server.name})`, async () => {
      const table = freshTable('load');
      created.push([server, table]);
      const n = Math.max(FLOATS.length, STRINGS.length);
      const events = aq.table({
        ts: Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i),
        q: Array.from({ length: n }, (_, i) => FLOATS[i] ?? null),
        s: Array.from({ length: n }, (_, i) => STRINGS[i] ?? null),
        b: Array.from({ length: n }, (_, i) => (i % 3 === 2 ? null : i % 3 === 0)),
      });
      const result = await loadEvents(server.target(table), batches(events), { create: true });
      expect(result).toEqual({
        rows: n,
        schema: { time: 'ts', seq: 'seq', columns: { q: 'number', s: 'string', b: 'boolean' } },
      });
      const got = await rows(
        server,
        `SELECT seq, hex(reinterpretAsString(q)), isNull(q), hex(s), isNull(s), b FROM ${table} ORDER BY seq`,
      );
      expect(got.map((r) => r[0])).toEqual(Array.from({ length: n }, (_, i) => String(i)));
      expect(got.map((r) => (r[2] === '1' ? null : r[1]))).toEqual(
        Array.from({ length: n }, (_, i) => (FLOATS[i] === undefined ? null : hex(FLOATS[i]))),
      );
      const text = (h: string) => new TextDecoder().decode(Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16)));
      expect(got.map((r) => (r[4] === '1' ? null : text(r[3])))).toEqual(Array.from({ length: n }, (_, i) => STRINGS[i] ?? null));
      expect(got.map((r) => r[5])).toEqual(Array.from({ length: n }, (_, i) => (i % 3 === 2 ? '\\N' : i % 3 === 0 ? '1' : '0')));
      expect(await describeColumns(server.client, table)).toEqual({ ts: 'time', q: 'number', s: 'string', b: 'boolean' });
    });

    it(`numbers events in input order across batches and appends (${server.name})`, async () => {
      const table = freshTable('load');
      created.push([server, table]);
      const batch = (from: number, count: number) =>
        aq.table({
          ts: Array.from({ length: count }, (_, i) => 10_000 - from - i),
          k: Array.from({ length: count }, (_, i) => from + i),
        });
      let progress: number[] = [];
      await loadEvents(server.target(table), batches(batch(0, 3), batch(3, 4)), {
        create: true,
        columns: { k: 'number' },
        onProgress: (r) => progress.push(r),
      });
      expect(progress).toEqual([3, 7]);
      progress = [];
      const appended = await loadEvents(server.target(table), batches(batch(7, 5)), { onProgress: (r) => progress.push(r) });
      expect(appended.rows).toBe(5);
      expect(progress).toEqual([5]);
      expect(await rows(server, `SELECT seq, k FROM ${table} ORDER BY seq`)).toEqual(
        Array.from({ length: 12 }, (_, i) => [String(i), String(i)]),
      );
      if (server.name === 'cluster') {
        // Dealt by seq: even rows on the first shard, odd rows on the second.
        const shards = server.target(table).cluster!.shards;
        for (const [j, shard] of shards.entries()) {
          const rs = await shard.query({
            query: `SELECT groupArray(seq) FROM (SELECT seq FROM ${table}_local ORDER BY seq)`,
            format: 'TabSeparated',
          });
          expect((await rs.text()).trim()).toBe(
            `[${Array.from({ length: 12 }, (_, i) => i)
              .filter((i) => i % 2 === j)
              .join(',')}]`,
          );
        }
      }
    });

    it(`refuses events that do not fit the table, naming the row (${server.name})`, async () => {
      const table = freshTable('load');
      created.push([server, table]);
      await loadEvents(server.target(table), batches(aq.table({ ts: [1], q: [1.5], s: ['a'] })), { create: true });
      const append = (columns: Record<string, unknown[]>) => loadEvents(server.target(table), batches(aq.table(columns)));
      await expect(append({ ts: [2, 3], q: [1, 'x'], s: ['a', 'b'] })).rejects.toThrow('events[1].q: "x" is not a finite number');
      await expect(append({ ts: [2, 3.5], q: [1, 2], s: ['a', 'b'] })).rejects.toThrow(
        'events[1].ts: 3.5 is not a whole number of epoch milliseconds',
      );
      await expect(append({ ts: [2], q: [1], s: [7] })).rejects.toThrow('events[0].s: 7 is not a string');
      await expect(append({ ts: [2], q: [1], s: ['a'], extra: [1] })).rejects.toThrow(
        "events.extra: column 'extra' is not in table (columns: ts, seq, q, s)",
      );
      await expect(append({ ts: [2], seq: [9] })).rejects.toThrow(
        "events.seq: column 'seq' is not in table (columns: ts, seq, q, s)",
      );
      // Nothing of the refused batches arrived, and no staging table is left behind.
      expect(await rows(server, `SELECT count() FROM ${table}`)).toEqual([['1']]);
      const leftovers = await rows(
        server,
        `SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE '${table}_load_%'`,
      );
      expect(leftovers).toEqual([]);
    });
  }
});
