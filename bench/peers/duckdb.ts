/**
 * DuckDB peer (@duckdb/node-api): the events are appended into an in-memory table first (load
 * time reported apart); workspace and application go in as integer codes, which only makes
 * DuckDB's grouping cheaper. Each query materialises its result inside DuckDB
 * (CREATE TEMP TABLE … AS), and is timed a second way with the rows read back into JS.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { BenchEvents } from '../data.ts';

export interface DuckPeer {
  loadMs: number;
  query(id: string, range?: { start: number; end: number }): Promise<void>;
  readBack(id: string): Promise<number>;
  close(): void;
}

function sql(id: string, range?: { start: number; end: number }): string {
  const where = range ? `WHERE ts >= ${range.start} AND ts < ${range.end}` : '';
  switch (id) {
    case 'Q1':
      return `SELECT (ts // 3600000) * 3600000 AS w, workspace, application, sum(quantity) AS quantity FROM ev GROUP BY ALL`;
    case 'Q2':
      return `SELECT (ts // 86400000) * 86400000 AS w, workspace, sum(quantity) AS quantity FROM ev GROUP BY ALL`;
    case 'Q3':
      return `SELECT (ts // 86400000) * 86400000 AS w, workspace, count(DISTINCT row_id) AS rows FROM ev GROUP BY ALL`;
    case 'Q4':
      return `SELECT date_trunc('day', timezone('America/New_York', to_timestamp(ts / 1000))) AS w, application, sum(quantity) AS quantity FROM ev GROUP BY ALL`;
    case 'Q5':
      return `SELECT (ts // 86400000) * 86400000 AS w, workspace, sum(quantity) AS quantity FROM ev ${where} GROUP BY ALL`;
    default:
      throw new Error(id);
  }
}

export async function startDuck(ev: BenchEvents): Promise<DuckPeer> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con: DuckDBConnection = await instance.connect();
  await con.run('CREATE TABLE ev (ts BIGINT, workspace INTEGER, application INTEGER, quantity DOUBLE, row_id INTEGER)');
  const t0 = performance.now();
  const app = new Map<string, number>();
  const appender = await con.createAppender('ev');
  for (let i = 0; i < ev.n; i++) {
    appender.appendBigInt(BigInt(ev.ts[i]));
    appender.appendInteger(Number(ev.workspace[i].slice(3)));
    let a = app.get(ev.application[i]);
    if (a === undefined) app.set(ev.application[i], (a = app.size));
    appender.appendInteger(a);
    appender.appendDouble(ev.quantity[i]);
    appender.appendInteger(ev.rowId[i]);
    appender.endRow();
  }
  appender.closeSync();
  const loadMs = performance.now() - t0;
  return {
    loadMs,
    async query(id, range) {
      await con.run(`CREATE OR REPLACE TEMP TABLE r AS ${sql(id, range)}`);
    },
    async readBack(id) {
      return (await con.runAndReadAll(sql(id))).getRows().length;
    },
    close() {
      con.closeSync();
      instance.closeSync();
    },
  };
}
