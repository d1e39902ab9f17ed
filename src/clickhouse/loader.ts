/**
 * Bulk loading of events into ClickHouse, batch by batch, on a single server or straight into the
 * shards of a cluster (row i goes to shard seq mod k).
 *
 * Each batch goes through a Memory staging table: JSONEachRow over HTTP, then one
 * `INSERT … SELECT` into the events table. Float columns travel as the hex of their IEEE-754 bits
 * and are rebuilt with `reinterpretAsFloat64(unhex(…))`, because 18.16 parses decimal float text
 * imprecisely (a value such as 90.63035 can land one ulp away), which would break `where`
 * equality, min/max, countDistinct and latest against in-process results.
 * Writing to the shards directly (not through the Distributed table) keeps the load synchronous:
 * 18.16 has no `insert_distributed_sync`.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { ColumnTable } from 'arquero';
import { QueryError } from '../errors.ts';
import { columnTypes, createDistributedSql, createTableSql, describeColumns, localTableName, type EventSchema } from './ddl.ts';
import { quoteIdentifier, quoteTable } from './identifiers.ts';
import { float64Hex, type ColumnKind } from './literals.ts';

export interface LoadTarget {
  /** The server that holds `table` (for a cluster, the Distributed table). */
  client: ClickHouseClient;
  table: string;
  /** A cluster: its name in `remote_servers` and a client per shard, in the cluster's shard order. */
  cluster?: { name: string; shards: ClickHouseClient[] };
}

export interface LoadOptions {
  /** Time column (epoch ms after reading). Default `'ts'`. */
  time?: string;
  /** Input-order column the loader writes. Default `'seq'`. */
  seq?: string;
  /** Create the table(s) first; otherwise append to the existing table. */
  create?: boolean;
  /** Column kinds for `create`; columns left out are inferred from the first batch. */
  columns?: Record<string, ColumnKind>;
  /** Called after each batch with the rows loaded so far. */
  onProgress?: (rows: number) => void;
}

export interface LoadResult {
  rows: number;
  schema: EventSchema;
}

/** A column's kind from its first value that is not null. */
function inferKind(values: ArrayLike<unknown>, column: string): ColumnKind {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    if (typeof v === 'number') return 'number';
    if (typeof v === 'string') return 'string';
    if (typeof v === 'boolean') return 'boolean';
    throw new QueryError([
      {
        path: [`events[${i}]`, column],
        message: `${String(v)} is not a string, number or boolean; give the column's kind in the schema`,
      },
    ]);
  }
  return 'string';
}

function inferSchema(first: ColumnTable, options: LoadOptions, time: string, seq: string): EventSchema {
  const columns: Record<string, ColumnKind> = {};
  for (const name of first.columnNames()) {
    if (name === seq)
      throw new QueryError([
        { path: ['schema', seq], message: `the events already have a '${seq}' column; the loader writes it` },
      ]);
    if (name !== time)
      columns[name] = options.columns?.[name] ?? inferKind(first.column(name) as unknown as ArrayLike<unknown>, name);
  }
  for (const [name, kind] of Object.entries(options.columns ?? {})) if (name !== time) columns[name] ??= kind;
  if (!first.columnNames().includes(time)) throw new QueryError([{ path: ['time'], message: `unknown column '${time}'` }]);
  return { time, seq, columns };
}

type Stage = (v: unknown) => unknown;
/** Returned by a {@link Stage} for a value the column cannot hold. */
const UNFIT = Symbol('unfit');
const isNull = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/** How each kind's values go into the staging table (numbers as the hex of their bits). */
const STAGE: Record<ColumnKind | 'ts', { what: string; stage: Stage }> = {
  ts: {
    what: 'a whole number of epoch milliseconds',
    stage: (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : UNFIT),
  },
  time: {
    what: 'a whole number of epoch milliseconds',
    stage: (v) => (isNull(v) ? null : typeof v === 'number' && Number.isSafeInteger(v) ? v : UNFIT),
  },
  string: { what: 'a string', stage: (v) => (isNull(v) ? null : typeof v === 'string' ? v : UNFIT) },
  boolean: { what: 'a boolean', stage: (v) => (isNull(v) ? null : typeof v === 'boolean' ? (v ? 1 : 0) : UNFIT) },
  number: {
    what: 'a finite number',
    stage: (v) => (isNull(v) ? null : typeof v === 'number' && Number.isFinite(v) ? float64Hex(v) : UNFIT),
  },
};

function unfit(v: unknown, kind: ColumnKind | 'ts', row: number, column: string): QueryError {
  return new QueryError([
    { path: [`events[${row}]`, column], message: `${JSON.stringify(v) ?? String(v)} is not ${STAGE[kind].what}` },
  ]);
}

interface Shard {
  client: ClickHouseClient;
  table: string;
  staging: string;
}

async function scalar(client: ClickHouseClient, query: string): Promise<string[]> {
  const rs = await client.query({ query, format: 'TabSeparated' });
  return (await rs.text()).trim().split('\t');
}

/**
 * Loads event batches (arquero tables, e.g. from `readEventChunks`) into ClickHouse.
 * Each event gets `seq`, its position in input order after what the table already holds.
 * @example
 * await loadEvents({ client, table: 'events' }, readEventChunks('events.ndjson', { types: { ts: 'time' } }), { create: true });
 */
export async function loadEvents(
  target: LoadTarget,
  batches: AsyncIterable<ColumnTable>,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const time = options.time ?? 'ts';
  const seq = options.seq ?? 'seq';
  quoteTable(target.table);
  const iterator = batches[Symbol.asyncIterator]();
  const head = await iterator.next();
  let schema: EventSchema;
  let next = 0;
  if (options.create) {
    if (head.done) throw new QueryError([{ path: ['events'], message: 'no events to infer the table from' }]);
    schema = inferSchema(head.value, options, time, seq);
    await createTables(target, schema);
  } else {
    const { [time]: timeKind, ...columns } = await describeColumns(target.client, target.table, seq);
    if (timeKind !== 'time')
      throw new QueryError([{ path: ['time'], message: `table ${target.table} has no Int64 column '${time}'` }]);
    schema = { time, seq, columns };
    const [count, max] = await scalar(
      target.client,
      `SELECT count(), max(${quoteIdentifier(seq)}) FROM ${quoteTable(target.table)}`,
    );
    next = Number(count) > 0 ? Number(max) + 1 : 0;
  }
  const types = columnTypes(schema);
  const shards: Shard[] = target.cluster
    ? target.cluster.shards.map((client) => ({ client, table: localTableName(target.table), staging: stagingName(target.table) }))
    : [{ client: target.client, table: target.table, staging: stagingName(target.table) }];
  let rows = 0;
  try {
    for (const shard of shards) await shard.client.command({ query: createStagingSql(shard.staging, types) });
    for (let batch = head; !batch.done; batch = await iterator.next()) {
      const perShard = stageBatch(batch.value, schema, types, next + rows, rows, shards.length);
      for (let s = 0; s < shards.length; s++) if (perShard[s].length) await insertBatch(shards[s], perShard[s], types);
      rows += batch.value.numRows();
      options.onProgress?.(rows);
    }
  } finally {
    for (const shard of shards)
      await shard.client.command({ query: `DROP TABLE IF EXISTS ${quoteTable(shard.staging)}` }).catch(() => {});
  }
  return { rows, schema };
}

async function createTables(target: LoadTarget, schema: EventSchema): Promise<void> {
  if (!target.cluster) {
    await target.client.command({ query: createTableSql(target.table, schema) });
    return;
  }
  for (const shard of target.cluster.shards) await shard.command({ query: createTableSql(localTableName(target.table), schema) });
  const database = target.table.includes('.')
    ? target.table.split('.')[0]
    : (await scalar(target.client, 'SELECT currentDatabase()'))[0];
  await target.client.command({ query: createDistributedSql(target.table, database, target.cluster.name, schema) });
}

function stagingName(table: string): string {
  return `${table}_load_${Math.random().toString(16).slice(2, 10)}`;
}

function createStagingSql(staging: string, types: [string, string][]): string {
  const cols = types.map(([c, t]) => `${quoteIdentifier(c)} ${t === 'Nullable(Float64)' ? 'Nullable(String)' : t}`);
  return `CREATE TABLE ${quoteTable(staging)} (${cols.join(', ')}) ENGINE = Memory`;
}

/** The batch's rows as staging records, dealt to the shards by seq. */
function stageBatch(
  batch: ColumnTable,
  schema: EventSchema,
  types: [string, string][],
  firstSeq: number,
  firstRow: number,
  k: number,
): Record<string, unknown>[][] {
  const n = batch.numRows();
  for (const name of batch.columnNames()) {
    if (name !== schema.time && !Object.hasOwn(schema.columns, name)) {
      throw new QueryError([
        { path: ['events', name], message: `column '${name}' is not in table (columns: ${types.map(([c]) => c).join(', ')})` },
      ]);
    }
  }
  const present = types
    .filter(([c]) => c !== schema.seq && batch.columnNames().includes(c))
    .map(([c]) => {
      const kind = c === schema.time ? ('ts' as const) : schema.columns[c];
      return { name: c, kind, stage: STAGE[kind].stage, values: batch.column(c) as unknown as ArrayLike<unknown> };
    });
  const out: Record<string, unknown>[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) {
    const record: Record<string, unknown> = { [schema.seq]: firstSeq + i };
    for (const col of present) {
      const v = col.stage(col.values[i]);
      if (v === UNFIT) throw unfit(col.values[i], col.kind, firstRow + i, col.name);
      record[col.name] = v;
    }
    out[(firstSeq + i) % k].push(record);
  }
  return out;
}

async function insertBatch(shard: Shard, records: Record<string, unknown>[], types: [string, string][]): Promise<void> {
  const staging = quoteTable(shard.staging);
  await shard.client.insert({ table: staging, values: records, format: 'JSONEachRow' });
  const select = types.map(([c, t]) =>
    t === 'Nullable(Float64)' ? `reinterpretAsFloat64(unhex(${quoteIdentifier(c)}))` : quoteIdentifier(c),
  );
  const cols = types.map(([c]) => quoteIdentifier(c)).join(', ');
  await shard.client.command({
    query: `INSERT INTO ${quoteTable(shard.table)} (${cols}) SELECT ${select.join(', ')} FROM ${staging}`,
  });
  await shard.client.command({ query: `TRUNCATE TABLE ${staging}` });
}
