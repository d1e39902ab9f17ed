/**
 * Tables for events: the column types the source and the loader agree on, the DDL for a single
 * server or a sharded cluster, and reading an existing table's columns back as kinds.
 *
 *   time column   Int64            epoch milliseconds (the MergeTree sort key)
 *   seq           UInt64           position in input order, written by the loader
 *   'time'        Nullable(Int64)  any other instant column
 *   'string'      Nullable(String)
 *   'number'      Nullable(Float64)
 *   'boolean'     Nullable(UInt8)  0 / 1
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { quoteIdentifier, quoteTable } from './identifiers.ts';
import type { ColumnKind } from './literals.ts';

const TYPES: Record<ColumnKind, string> = {
  time: 'Nullable(Int64)',
  string: 'Nullable(String)',
  number: 'Nullable(Float64)',
  boolean: 'Nullable(UInt8)',
};

/** What the loader writes: the time and seq columns and every other column's kind. */
export interface EventSchema {
  time: string;
  seq: string;
  columns: Record<string, ColumnKind>;
}

/** The ClickHouse type of each column, in table order (time, seq, the others). */
export function columnTypes(schema: EventSchema): [string, string][] {
  return [
    [schema.time, 'Int64'],
    [schema.seq, 'UInt64'],
    ...Object.entries(schema.columns)
      .filter(([c]) => c !== schema.time && c !== schema.seq)
      .map(([c, kind]): [string, string] => [c, TYPES[kind]]),
  ];
}

function columnList(types: [string, string][]): string {
  return types.map(([c, t]) => `${quoteIdentifier(c, ['schema', c])} ${t}`).join(', ');
}

/** `CREATE TABLE` for one MergeTree table of events, sorted by instant. */
export function createTableSql(table: string, schema: EventSchema): string {
  return `CREATE TABLE ${quoteTable(table)} (${columnList(columnTypes(schema))}) ENGINE = MergeTree ORDER BY ${quoteIdentifier(schema.time)}`;
}

/** The shard-local table behind a Distributed table `name`: `name_local` in the same database. */
export function localTableName(table: string): string {
  return `${table}_local`;
}

/** `CREATE TABLE` for the Distributed table over the shards' `<table>_local` tables. */
export function createDistributedSql(table: string, database: string, cluster: string, schema: EventSchema): string {
  const local = localTableName(table).split('.').pop()!;
  return (
    `CREATE TABLE ${quoteTable(table)} (${columnList(columnTypes(schema))}) ` +
    `ENGINE = Distributed(${quoteIdentifier(cluster, ['cluster'])}, ${quoteIdentifier(database, ['database'])}, ${quoteIdentifier(local)})`
  );
}

const KIND_OF_TYPE: Record<string, ColumnKind> = {
  Int64: 'time',
  'Nullable(Int64)': 'time',
  String: 'string',
  'Nullable(String)': 'string',
  Float64: 'number',
  'Nullable(Float64)': 'number',
  UInt8: 'boolean',
  'Nullable(UInt8)': 'boolean',
};

/**
 * The columns of an existing table as kinds (seq and unknown types left out), for loading into
 * it or for a source's `columns`.
 * @example await describeColumns(client, 'events') // { ts: 'time', workspace_id: 'string', quantity: 'number' }
 */
export async function describeColumns(client: ClickHouseClient, table: string, seq = 'seq'): Promise<Record<string, ColumnKind>> {
  const rs = await client.query({ query: `DESCRIBE TABLE ${quoteTable(table)}`, format: 'TabSeparated' });
  const out: Record<string, ColumnKind> = {};
  for (const line of (await rs.text()).split('\n')) {
    const [name, type] = line.split('\t');
    if (name && name !== seq && KIND_OF_TYPE[type]) out[name] = KIND_OF_TYPE[type];
  }
  return out;
}
