/**
 * `node --import tsx bench/clickhouse.ts [--n 10000000] [--runs 5] [--keep]`: Q1–Q4 of the
 * benchmark (bench/workloads.ts) on the in-process engine and through a ClickHouse source on the single server and
 * on the two-shard cluster (.ci/clickhouse/setup.sh; URLs from CLICKHOUSE_URL,
 * CLICKHOUSE_CLUSTER_URL, CLICKHOUSE_SHARD_URLS, CLICKHOUSE_CLUSTER or the flags). Prints the load
 * times and a table of medians; each ClickHouse result is checked against the engine's (rows and
 * the measure's total). Figures, not tests: the machine is noisy, read medians.
 *
 * For each ClickHouse query it also prints the server's own elapsed time (`query_duration_ms`
 * of the queries the source sent, from `system.query_log`) beside the library's total (sending
 * the query, reading and decoding the cells, building the result table) and their ratio.
 * `--keep` reuses a table already holding the N generated events instead of loading it again.
 */
import * as aq from 'arquero';
import { parseArgs } from 'node:util';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { clickhouseSource } from '../src/clickhouse/source.ts';
import { loadEvents, type LoadTarget } from '../src/clickhouse/loader.ts';
import { createEngine, type Events, type Query } from '../src/index.ts';
import { generate, type BenchEvents } from './data.ts';
import { median, medianOf, time } from './stats.ts';
import { WORKLOADS } from './workloads.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '5' },
    batch: { type: 'string', default: '500000' },
    url: { type: 'string', default: process.env.CLICKHOUSE_URL ?? 'http://127.0.0.1:18123' },
    'cluster-url': { type: 'string', default: process.env.CLICKHOUSE_CLUSTER_URL ?? 'http://127.0.0.1:18124' },
    shards: { type: 'string', default: process.env.CLICKHOUSE_SHARD_URLS ?? 'http://127.0.0.1:18124,http://127.0.0.1:18125' },
    cluster: { type: 'string', default: process.env.CLICKHOUSE_CLUSTER ?? 'usage_aggregator_cluster' },
    'skip-cluster': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    workers: { type: 'string', default: 'auto' },
  },
});
const n = Number(args.n),
  runs = Number(args.runs),
  batch = Number(args.batch);
const log = (s: string) => process.stderr.write(`${s}\n`);
const COLUMNS = { ts: 'time', workspace: 'string', application: 'string', quantity: 'number', row_id: 'number' } as const;
const TABLE = 'bench_events';

const clients: ClickHouseClient[] = [];
const connect = (url: string) => {
  const c = createClient({ url, log: { level: ClickHouseLogLevel.OFF } });
  clients.push(c);
  return c;
};

async function* chunks(ev: BenchEvents): AsyncGenerator<aq.ColumnTable> {
  for (let from = 0; from < ev.n; from += batch) {
    const to = Math.min(ev.n, from + batch);
    yield aq.table({
      ts: ev.ts.subarray(from, to),
      workspace: ev.workspace.slice(from, to),
      application: ev.application.slice(from, to),
      quantity: ev.quantity.subarray(from, to),
      row_id: ev.rowId.subarray(from, to),
    });
  }
}

interface Target {
  name: string;
  load: LoadTarget;
  drop: () => Promise<void>;
}

/**
 * The client a source is given, with every query it sends logged under an id of ours, so the
 * server's elapsed time for exactly those queries can be read back from system.query_log.
 */
function recording(client: ClickHouseClient): { client: ClickHouseClient; take: () => string[] } {
  let ids: string[] = [];
  const tag = <P extends { query_id?: string; clickhouse_settings?: object }>(params: P): P => {
    const query_id = `bench-${crypto.randomUUID()}`;
    ids.push(query_id);
    return { ...params, query_id, clickhouse_settings: { ...params.clickhouse_settings, log_queries: 1 } };
  };
  const wrapped = new Proxy(client, {
    get(target, key) {
      if (key === 'query') return (p: Parameters<ClickHouseClient['query']>[0]) => target.query(tag(p));
      if (key === 'exec') return (p: Parameters<ClickHouseClient['exec']>[0]) => target.exec(tag(p));
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    client: wrapped,
    take: () => {
      const out = ids;
      ids = [];
      return out;
    },
  };
}

/**
 * The server's elapsed time for queries by id: the sum of their query_duration_ms. A query's log
 * entry can be written just after its last bytes arrive, so a missing one is asked for again.
 */
async function serverMs(client: ClickHouseClient, ids: string[]): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    await client.command({ query: 'SYSTEM FLUSH LOGS' });
    const rs = await client.query({
      query: `SELECT sum(query_duration_ms), count() FROM system.query_log WHERE type = 2 AND query_id IN (${ids.map((id) => `'${id}'`).join(', ')})`,
      format: 'TabSeparated',
    });
    const [ms, count] = (await rs.text()).trim().split('\t').map(Number);
    if (count === ids.length) return ms;
    if (attempt === 20) throw new Error(`system.query_log has ${count} of the ${ids.length} queries sent`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Rows in the bench table, 0 when it does not exist. */
async function rowsIn(client: ClickHouseClient): Promise<number> {
  try {
    const rs = await client.query({ query: `SELECT count() FROM ${TABLE}`, format: 'TabSeparated' });
    return Number((await rs.text()).trim());
  } catch {
    return 0;
  }
}

async function targets(): Promise<Target[]> {
  const out: Target[] = [];
  const single = connect(args.url);
  if ((await single.ping()).success) {
    out.push({
      name: 'ClickHouse single',
      load: { client: single, table: TABLE },
      drop: async () => {
        await single.command({ query: `DROP TABLE IF EXISTS ${TABLE}` });
      },
    });
  } else log(`no ClickHouse at ${args.url}`);
  if (!args['skip-cluster']) {
    const entry = connect(args['cluster-url']);
    const shards = args.shards
      .split(',')
      .filter(Boolean)
      .map((u) => (u === args['cluster-url'] ? entry : connect(u)));
    const up = await Promise.all([entry, ...shards].map(async (c) => (await c.ping()).success));
    if (up.every(Boolean)) {
      out.push({
        name: `ClickHouse ${shards.length} shards`,
        load: { client: entry, table: TABLE, cluster: { name: args.cluster, shards } },
        drop: async () => {
          await entry.command({ query: `DROP TABLE IF EXISTS ${TABLE}` });
          for (const s of shards) await s.command({ query: `DROP TABLE IF EXISTS ${TABLE}_local` });
        },
      });
    } else log(`the cluster at ${args['cluster-url']} (${args.shards}) is not reachable`);
  }
  return out;
}

/** Rows and the measure's total: enough to tell two results apart. */
function digest(t: aq.ColumnTable, measure: string): string {
  let total = 0;
  const col = t.column(measure) as unknown as ArrayLike<number>;
  for (let i = 0; i < t.numRows(); i++) total += col[i];
  return `${t.numRows()}/${total}`;
}

log(`generating ${n.toLocaleString()} events over 31 days…`);
const month = generate(n, 31, 42);
const table = aq.table({
  ts: month.ts,
  workspace: month.workspace,
  application: month.application,
  quantity: month.quantity,
  row_id: month.rowId,
});
const engine = createEngine({ workers: args.workers === 'auto' ? 'auto' : Number(args.workers) });
const range = { start: month.start, end: month.end };

interface Column {
  name: string;
  events: Events;
  server?: { client: ClickHouseClient; take: () => string[] };
}
const columns: Column[] = [{ name: 'in-process engine', events: table }];
const loads: string[] = [];
for (const t of await targets()) {
  if (args.keep && (await rowsIn(t.load.client)) === n) {
    loads.push(`${t.name}: kept the ${n.toLocaleString()} rows already loaded`);
  } else {
    await t.drop();
    log(`${t.name}: loading…`);
    const { ms } = await time(() => loadEvents(t.load, chunks(month), { create: true }));
    loads.push(
      `${t.name}: loaded ${n.toLocaleString()} rows in ${(ms / 1000).toFixed(1)} s (${Math.round(n / (ms / 1000)).toLocaleString()} rows/s)`,
    );
  }
  const rec = recording(t.load.client);
  columns.push({
    name: t.name,
    events: clickhouseSource({ client: rec.client, table: TABLE, columns: COLUMNS }),
    server: { client: t.load.client, take: rec.take },
  });
}

/** Per ClickHouse target: the library's total and the server's elapsed time, medians. */
interface ServerTiming {
  name: string;
  total: number;
  server: number;
}
const results: { id: string; title: string; ms: number[]; rows: number; same: boolean; servers: ServerTiming[] }[] = [];
for (const w of WORKLOADS) {
  const q: Query = { ...w.query(range), range };
  const measure = Object.keys(q.measures)[0];
  const ms: number[] = [];
  const servers: ServerTiming[] = [];
  let want = '';
  let same = true;
  let rows = 0;
  for (const c of columns) {
    log(`${w.id}: ${c.name}…`);
    const result = await engine.aggregate(c.events, q);
    const d = digest(result, measure);
    if (!want) {
      want = d;
      rows = result.numRows();
    } else if (d !== want) same = false;
    if (!c.server) {
      ms.push(await medianOf(runs, () => engine.aggregate(c.events, q)));
      continue;
    }
    const totals: number[] = [],
      elapsed: number[] = [];
    for (let i = 0; i < runs; i++) {
      c.server.take();
      totals.push((await time(() => engine.aggregate(c.events, q))).ms);
      elapsed.push(await serverMs(c.server.client, c.server.take()));
    }
    ms.push(median(totals));
    servers.push({ name: c.name, total: median(totals), server: median(elapsed) });
  }
  results.push({ id: w.id, title: w.title, ms, rows, same, servers });
}

const fmt = (x: number) => `${Math.round(x).toLocaleString()} ms`;

/** A markdown table, first column left-aligned, the others right-aligned. */
function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`);
  for (const b of body) console.log(line(b));
}

console.log(
  `N = ${n.toLocaleString()} events over 31 days, median of ${runs} after a warm-up; ClickHouse timings include reading the cells back into the engine's result table.`,
);
for (const l of loads) console.log(l);
printTable(
  ['query', ...columns.map((c) => c.name), 'rows', 'same result'],
  results.map((r) => [`${r.id} ${r.title}`, ...r.ms.map(fmt), r.rows.toLocaleString(), r.same ? 'yes' : 'NO']),
);

// The library's total against the server's own elapsed time (system.query_log) for the same runs.
for (const name of results[0]?.servers.map((t) => t.name) ?? []) {
  console.log(`\n${name}: library total vs the server's elapsed time (query_duration_ms), medians of ${runs}`);
  printTable(
    ['query', 'library total', 'server elapsed', 'ratio'],
    results.map((r) => {
      const t = r.servers.find((x) => x.name === name)!;
      return [`${r.id} ${r.title}`, fmt(t.total), fmt(t.server), `${(t.total / t.server).toFixed(2)}×`];
    }),
  );
}

await engine.close();
await Promise.all(clients.map((c) => c.close()));
if (results.some((r) => !r.same)) process.exitCode = 1;
