/**
 * `usage-aggregator load` (src/cli/load.ts): argument errors without a server; loading files
 * into the single server and the cluster, and the messages for a bad file or a refusing server.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOAD_USAGE, runLoad } from '../../src/cli/load.ts';
import { freshTable, SERVERS, type Server } from './servers.ts';

let dir: string;
const file = (name: string) => join(dir, name);
const created: [Server, string][] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'load-test-'));
  const events = [
    { ts: '2026-04-01T00:10:00Z', workspace_id: 'ws_a', application: 'adme', quantity: 1 },
    { ts: '2026-04-01T12:00:00+02:00', workspace_id: 'ws_b', application: null, quantity: 2.5 },
    { ts: 1775001600000, workspace_id: "ws_'c", application: 'adme', quantity: null },
  ];
  await writeFile(file('events.ndjson'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  await writeFile(file('events.csv'), 'ts,workspace_id,quantity\n2026-04-01T00:10:00Z,007,1\n2026-04-01T01:00:00Z,ws_b,x\n');
  await writeFile(file('bad.ndjson'), '{"ts":"2026-04-01T00:10:00Z","q":1}\n{"ts":"yesterday","q":2}\n');
});
afterAll(async () => {
  for (const [server, table] of created) await server.drop(table);
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runLoad(argv, {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t), isTTY: false },
  });
  return { code, out: out.join(''), err: err.join('') };
}

describe('load arguments', () => {
  it('--help prints the usage on stdout', async () => {
    expect(await run(['--help'])).toEqual({ code: 0, out: `${LOAD_USAGE}\n`, err: '' });
  });

  it.each([
    [[], '--input is required'],
    [['--input', 'e.ndjson'], '--clickhouse is required'],
    [['--input', 'e.ndjson', '--clickhouse', 'http://h:8123'], '--table is required'],
    [['--input', 'e', '--clickhouse', 'ftp://h', '--table', 't'], '--clickhouse must be an http(s) URL, got "ftp://h"'],
    [['--input', 'e', '--clickhouse', 'http://h', '--table', 't', '--batch', '0'], '--batch must be a positive integer, got "0"'],
    [
      ['--input', 'e', '--clickhouse', 'http://h', '--table', 't', '--batch', '1e3'],
      '--batch must be a positive integer, got "1e3"',
    ],
    [
      ['--input', 'e', '--clickhouse', 'http://h', '--table', 't', '--format', 'xml'],
      '--format must be one of ndjson, csv, arrow, parquet, got "xml"',
    ],
    [
      ['--input', 'e', '--clickhouse', 'http://h', '--table', 't', '--time', 'ts;'],
      '--time must be a plain column name (letters, digits, _), got "ts;"',
    ],
    [['--input', 'e', '--clickhouse', 'http://h', '--table', 't', '--schema', '{'], '--schema is not valid JSON: {'],
    [
      ['--input', 'e', '--clickhouse', 'http://h', '--table', 't', '--schema', '[]'],
      '--schema must be a JSON object of column kinds',
    ],
    [
      ['--input', 'e', '--clickhouse', 'http://h', '--table', 't', '--schema', '{"q":"int"}'],
      '--schema q: kind must be one of time, string, number, boolean, got "int"',
    ],
    [
      ['--input', 'e', '--clickhouse', 'http://h', '--table', 't', '--cluster', 'c'],
      '--cluster NAME and --shard URL go together',
    ],
    [['--input', 'e', '--clickhouse', 'http://h', '--table', 't', '--nope'], 'unknown flag --nope'],
  ])('%j', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err.startsWith(`load: ${message}`)).toBe(true);
    expect(err.endsWith(`${LOAD_USAGE}\n`)).toBe(true);
  });

  it('a table name that is not a plain identifier', async () => {
    const { code, err } = await run([
      '--input',
      file('events.ndjson'),
      '--clickhouse',
      'http://127.0.0.1:1',
      '--table',
      'x; DROP TABLE y',
    ]);
    expect(code).toBe(2);
    expect(
      err.startsWith(
        'load: --table must be a table name (table or database.table, each a plain identifier), got "x; DROP TABLE y"\n',
      ),
    ).toBe(true);
  });
});

describe.skipIf(SERVERS.length === 0)('load into ClickHouse', () => {
  for (const server of SERVERS) {
    const urls = (table: string) => {
      const target = server.target(table);
      const base = [
        '--clickhouse',
        process.env[server.name === 'single' ? 'CLICKHOUSE_URL' : 'CLICKHOUSE_CLUSTER_URL']!,
        '--table',
        table,
      ];
      return target.cluster
        ? [
            ...base,
            '--cluster',
            target.cluster.name,
            ...process.env.CLICKHOUSE_SHARD_URLS!.split(',').flatMap((u) => ['--shard', u]),
          ]
        : base;
    };
    const select = async (sql: string) =>
      (await (await server.client.query({ query: sql, format: 'TabSeparated' })).text()).trim();

    it(`creates the table and loads an NDJSON file, then appends (${server.name})`, async () => {
      const table = freshTable('cli');
      created.push([server, table]);
      const first = await run(['--input', file('events.ndjson'), ...urls(table), '--create', '--batch', '2']);
      const where = server.name === 'cluster' ? ` on 2 shards of ${process.env.CLICKHOUSE_CLUSTER}` : '';
      expect(first.code).toBe(0);
      expect(first.err).toMatch(new RegExp(`^loaded 3 rows into ${table}${where} in \\d+\\.\\d s\\n$`));
      expect(await select(`SELECT seq, ts, workspace_id, application, quantity FROM ${table} ORDER BY seq`)).toBe(
        "0\t1775002200000\tws_a\tadme\t1\n1\t1775037600000\tws_b\t\\N\t2.5\n2\t1775001600000\tws_\\'c\tadme\t\\N",
      );
      expect(
        (await select(`DESCRIBE TABLE ${table}`))
          .split('\n')
          .map((l) => l.split('\t').slice(0, 2).join('\t'))
          .join('\n'),
      ).toBe(
        'ts\tInt64\nseq\tUInt64\nworkspace_id\tNullable(String)\napplication\tNullable(String)\nquantity\tNullable(Float64)',
      );
      const again = await run(['--input', file('events.ndjson'), ...urls(table)]);
      expect(again.code).toBe(0);
      expect(await select(`SELECT count(), max(seq) FROM ${table}`)).toBe('6\t5');
    });

    it(`takes kinds from --schema and skips malformed rows when asked (${server.name})`, async () => {
      const table = freshTable('cli');
      created.push([server, table]);
      const { code, err } = await run([
        '--input',
        file('events.csv'),
        ...urls(table),
        '--create',
        '--schema',
        '{"quantity":"number","workspace_id":"string"}',
        '--skip-invalid',
      ]);
      expect(code).toBe(0);
      expect(err).toMatch(/^loaded 1 rows into .* in \d+\.\d s, skipped 1 malformed\n$/);
      expect(await select(`SELECT workspace_id, quantity FROM ${table}`)).toBe('007\t1');
    });

    it(`reports a bad file and a refusing server (${server.name})`, async () => {
      const table = freshTable('cli');
      created.push([server, table]);
      const bad = await run(['--input', file('bad.ndjson'), ...urls(table), '--create']);
      expect(bad.code).toBe(3);
      expect(bad.err).toContain('bad.ndjson');
      expect(bad.err).toContain('bad time in column "ts": "yesterday"');
      const missing = await run(['--input', file('nope.ndjson'), ...urls(table), '--create']);
      expect(missing).toEqual({ code: 3, out: '', err: `load: --input ${file('nope.ndjson')}: cannot read (ENOENT)\n` });
      // Appending to a table that does not exist: the server's own error.
      const absent = await run(['--input', file('events.ndjson'), ...urls(freshTable('absent'))]);
      expect(absent.code).toBe(1);
      expect(absent.err).toMatch(/^load: .*doesn't exist/);
    });
  }
});
