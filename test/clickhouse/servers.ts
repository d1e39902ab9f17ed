/**
 * The ClickHouse servers the tests run against, from the environment `.ci/clickhouse/setup.sh`
 * prints: CLICKHOUSE_URL (single server), CLICKHOUSE_CLUSTER_URL (the server with the Distributed
 * tables), CLICKHOUSE_SHARD_URLS (comma list, cluster shard order), CLICKHOUSE_CLUSTER (its name).
 * A server that is not set or does not answer is null, and the suites using it are skipped —
 * unless CLICKHOUSE_REQUIRED=1 (CI), where a missing server fails the run instead.
 */
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import * as aq from 'arquero';
import type { ColumnKind } from '../../src/clickhouse/literals.ts';
import { loadEvents, type LoadTarget } from '../../src/clickhouse/loader.ts';
import { clickhouseSource, type ClickHouseSource } from '../../src/clickhouse/source.ts';

export interface Server {
  name: 'single' | 'cluster';
  client: ClickHouseClient;
  /** Where tables are created and loaded. */
  target(table: string): LoadTarget;
  /** Drops a table this server's tests created. */
  drop(table: string): Promise<void>;
}

async function answers(client: ClickHouseClient): Promise<boolean> {
  try {
    return (await client.ping()).success;
  } catch {
    return false;
  }
}

const clientFor = (url: string) => createClient({ url, request_timeout: 120_000, log: { level: ClickHouseLogLevel.OFF } });

async function single(): Promise<Server | null> {
  const url = process.env.CLICKHOUSE_URL;
  if (!url) return null;
  const client = clientFor(url);
  if (!(await answers(client))) return null;
  return {
    name: 'single',
    client,
    target: (table) => ({ client, table }),
    drop: async (table) => {
      await client.command({ query: `DROP TABLE IF EXISTS ${table}` });
    },
  };
}

async function cluster(): Promise<Server | null> {
  const url = process.env.CLICKHOUSE_CLUSTER_URL;
  const shardUrls = process.env.CLICKHOUSE_SHARD_URLS?.split(',').filter(Boolean) ?? [];
  const name = process.env.CLICKHOUSE_CLUSTER;
  if (!url || !name || shardUrls.length === 0) return null;
  const client = clientFor(url);
  const shards = shardUrls.map((u) => (u === url ? client : clientFor(u)));
  for (const c of [client, ...shards]) if (!(await answers(c))) return null;
  return {
    name: 'cluster',
    client,
    target: (table) => ({ client, table, cluster: { name, shards } }),
    drop: async (table) => {
      await client.command({ query: `DROP TABLE IF EXISTS ${table}` });
      for (const s of shards) await s.command({ query: `DROP TABLE IF EXISTS ${table}_local` });
    },
  };
}

const found = await Promise.all([single(), cluster()]);
if (process.env.CLICKHOUSE_REQUIRED === '1' && found.includes(null)) {
  throw new Error(
    `CLICKHOUSE_REQUIRED=1 but the ${found[0] ? 'cluster' : 'single server'} does not answer (CLICKHOUSE_URL=${process.env.CLICKHOUSE_URL}, ` +
      `CLICKHOUSE_CLUSTER_URL=${process.env.CLICKHOUSE_CLUSTER_URL}, CLICKHOUSE_SHARD_URLS=${process.env.CLICKHOUSE_SHARD_URLS}); run .ci/clickhouse/setup.sh`,
  );
}
export const SERVERS: Server[] = found.filter((s): s is Server => s !== null);

let counter = 0;
/** A table name no other test (or earlier run) uses. */
export function freshTable(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
}

/**
 * Loads `events` (records in input order) into a new table on `server` and returns a source over
 * it. `columns` are the kinds of every column but the time column `ts`.
 */
export async function sourceWith(
  server: Server,
  table: string,
  events: Record<string, unknown>[],
  columns: Record<string, ColumnKind>,
): Promise<ClickHouseSource> {
  const names = ['ts', ...Object.keys(columns)];
  const batch = aq.table(Object.fromEntries(names.map((c) => [c, events.map((e) => e[c] ?? null)])));
  await loadEvents(
    server.target(table),
    (async function* () {
      yield batch;
    })(),
    { create: true, columns },
  );
  return clickhouseSource({ client: server.client, table, columns: { ts: 'time', ...columns } });
}
