import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServe } from '../../src/cli/serve.ts';
import { parseServeArgs, SERVE_USAGE, type ServeArgs } from '../../src/cli/serve-args.ts';
import type { RunningServer } from '../../src/http/serve/index.ts';

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serve-test-'));
  const boltz = [
    { ts: '2026-04-01T00:10:00Z', workspace_id: 'ws_a', application: 'adme', quantity: 1 },
    { ts: '2026-04-01T12:00:00Z', workspace_id: 'ws_b', application: 'adme', quantity: 2.5 },
  ];
  await writeFile(file('boltz.ndjson'), boltz.map((e) => JSON.stringify(e)).join('\n') + '\n');
  await writeFile(
    file('boltz.csv'),
    'ts,workspace_id,application,quantity\n2026-04-01T00:10:00Z,ws_a,adme,1\n2026-04-01T12:00:00Z,ws_b,adme,2.5\n',
  );
  // Written without nulls: the metrics and ids no row has are absent from the file altogether.
  const miosa = [
    { ts: '2026-11-18T10:00:00Z', workspace_id: 'w', external_user_id: 'u2', sandbox_seconds: 5 },
    { ts: '2026-11-19T10:00:00Z', workspace_id: 'w', external_user_id: 'u1', sandbox_seconds: 100 },
    { ts: '2026-11-19T11:00:00Z', workspace_id: 'w', external_user_id: 'u1', sandbox_seconds: 20 },
  ];
  await writeFile(file('miosa-sparse.ndjson'), miosa.map((e) => JSON.stringify(e)).join('\n') + '\n');
  // Scenario without discount, usage, model, job, asset and collection columns.
  await writeFile(
    file('scenario-sparse.csv'),
    [
      'ts,project_id,user_id,action,is_api_key,creative_units',
      '2026-11-18T09:00:00Z,p,u1,txt2img,false,2.5',
      '2026-11-18T10:00:00Z,p,u2,upscale,true,1',
      '2026-11-18T11:00:00Z,p,u1,txt2img,false,5',
    ].join('\n') + '\n',
  );
  await writeFile(file('other.ndjson'), '{"ts":"2026-04-01T00:00:00Z","x":1}\n');
  await writeFile(file('keys.json'), JSON.stringify({ boltz: { apiKeys: ['bk_cli'] } }));
  await writeFile(file('bad-keys.json'), JSON.stringify({ boltz: { apiKeys: [''] } }));
  await writeFile(file('not-json.json'), '{ nope');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const SUMMARY = /^read .+: [\d,]+ rows, [\d,]+ skipped, [\d.]+ MB in [\d.]+ s/;

/** Runs `serve` until `use` is done with the server; resolves to the exit code and the log. */
async function withServe(argv: string[], use: (server: RunningServer) => Promise<void> = async () => {}) {
  const log: string[] = [];
  const out: string[] = [];
  const stop = new AbortController();
  let failure: unknown;
  const code = await runServe(argv, {
    signal: stop.signal,
    stderr: { write: (text: string) => log.push(text.replace(/\n$/, '')) },
    stdout: { write: (text: string) => out.push(text.replace(/\n$/, '')) },
    onListening: (server) => {
      use(server)
        .catch((e) => (failure = e))
        .finally(() => stop.abort());
    },
  });
  if (failure) throw failure;
  // The summary line of the read (rows, skipped, MB, seconds) is returned apart: its figures vary.
  const summary = log.filter((l) => SUMMARY.test(l));
  const rest = log.filter((l) => !SUMMARY.test(l));
  return { code, log: rest, ...(out.length ? { out } : {}), ...(summary.length ? { summary } : {}) };
}

const DAY_QUERY = '/compute/v1/admin/usage?starting_at=2026-04-01T00:00:00Z&ending_at=2026-04-02T00:00:00Z&window_size=DAY';
const DAY_BODY = {
  // 1 + 2.5 = 3.5, an integer in Boltz's schema: rounded half away from zero.
  data: [{ start_time: '2026-04-01T00:00:00.000Z', end_time: '2026-04-02T00:00:00.000Z', quantity: 4 }],
  has_more: false,
  next_page: null,
};

describe('runServe', () => {
  it('serves the façades the file fits, with the keys file, until stopped', async () => {
    const { code, log, summary } = await withServe(
      ['--input', file('boltz.ndjson'), '--port', '0', '--keys', file('keys.json'), '--workers', '0'],
      async (server) => {
        const ok = await fetch(server.url + DAY_QUERY, { headers: { 'x-api-key': 'bk_cli' } });
        expect(ok.status).toBe(200);
        expect(await ok.json()).toEqual(DAY_BODY);
        const denied = await fetch(server.url + DAY_QUERY);
        expect(denied.status).toBe(401);
        await denied.body?.cancel();
        const miosa = await fetch(`${server.url}/api/v1/usage`);
        expect(miosa.status).toBe(404);
        await miosa.body?.cancel();
      },
    );
    expect(code).toBe(0);
    expect(summary).toHaveLength(1);
    expect(summary![0]).toMatch(/^read .*boltz\.ndjson: 2 rows, 0 skipped, /);
    expect(log[0]).toMatch(/^serving 2 events from .*boltz\.ndjson on http:\/\/127\.0\.0\.1:\d+$/);
    expect(log.slice(1)).toEqual(['  boltz     GET /compute/v1/admin/usage']);
  });

  it('reads CSV with the vendor column types (quantity summed as numbers)', async () => {
    const { code } = await withServe(['--input', file('boltz.csv'), '--port', '0', '--workers', '0'], async (server) => {
      const res = await fetch(server.url + DAY_QUERY);
      expect(await res.json()).toEqual(DAY_BODY);
    });
    expect(code).toBe(0);
  });

  it('serves only the façades asked for with --facade', async () => {
    const { code, log } = await withServe(
      ['--input', file('boltz.ndjson'), '--port', '0', '--workers', '0', '--facade', 'miosa'],
      async (server) => {
        const res = await fetch(server.url + DAY_QUERY);
        expect(res.status).toBe(404);
        await res.body?.cancel();
      },
    );
    expect(code).toBe(0);
    expect(log.slice(1)).toEqual(['  miosa     GET /api/v1/usage']);
  });

  it('reads vendor columns a file leaves out as null (metrics 0, a missing group column one null group)', async () => {
    const { code, log } = await withServe(
      ['--input', file('miosa-sparse.ndjson'), '--port', '0', '--workers', '0'],
      async (server) => {
        const range = 'period=custom&start=2026-11-01T00:00:00Z&end=2026-11-30T00:00:00Z';
        const byUser = await fetch(`${server.url}/api/v1/usage?${range}&group_by=external_user_id`);
        expect(byUser.status).toBe(200);
        // credit_cents all 0, so ordered by user id.
        expect(await byUser.json()).toEqual({
          period_start: '2026-11-01T00:00:00Z',
          period_end: '2026-11-30T00:00:00Z',
          results: [
            { external_user_id: 'u1', sandbox_seconds: 120, computer_seconds: 0, storage_gb_hours: 0, credit_cents: 0 },
            { external_user_id: 'u2', sandbox_seconds: 5, computer_seconds: 0, storage_gb_hours: 0, credit_cents: 0 },
          ],
        });
        const byProject = await fetch(`${server.url}/api/v1/usage?${range}&group_by=external_project_id`);
        expect(await byProject.json()).toEqual({
          period_start: '2026-11-01T00:00:00Z',
          period_end: '2026-11-30T00:00:00Z',
          results: [
            { external_project_id: null, sandbox_seconds: 125, computer_seconds: 0, storage_gb_hours: 0, credit_cents: 0 },
          ],
        });
      },
    );
    expect(code).toBe(0);
    expect(log.slice(1)).toEqual(['  miosa     GET /api/v1/usage']);
  });

  it('serves Scenario consumption from a file without a discount column (discount 0)', async () => {
    const { code } = await withServe(
      ['--input', file('scenario-sparse.csv'), '--port', '0', '--workers', '0'],
      async (server) => {
        const res = await fetch(
          `${server.url}/usages?startDate=2026-11-18T00:00:00Z&endDate=2026-11-19T00:00:00Z&type=consumption`,
        );
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({
          consumption: [
            { userId: 'u1', value: 7.5, discount: 0, total: 7.5 },
            { userId: 'u2', value: 1, discount: 0, total: 1 },
          ],
        });
      },
    );
    expect(code).toBe(0);
  });

  it('exits 3 when no façade fits the file', async () => {
    const { code, log } = await withServe(['--input', file('other.ndjson'), '--workers', '0']);
    expect(code).toBe(3);
    expect(log).toEqual([`serve: no façade fits the columns of ${file('other.ndjson')} (ts, x); pass --facade`]);
  });

  it('exits 2 when adverity is asked for without --workspaces', async () => {
    const { code, log } = await withServe(['--input', file('boltz.ndjson'), '--facade', 'adverity', '--workers', '0']);
    expect(code).toBe(2);
    expect(log).toEqual([`serve: --facade adverity needs --workspaces FILE\n${SERVE_USAGE}`]);
  });

  it('exits 3 for a bad keys file, a missing one, or one that is not JSON', async () => {
    const run = (keys: string) => withServe(['--input', file('boltz.ndjson'), '--keys', keys, '--workers', '0']);
    expect(await run(file('bad-keys.json'))).toEqual({
      code: 3,
      log: [`serve: --keys ${file('bad-keys.json')}: auth.boltz.apiKeys.0: must not be empty`],
    });
    expect(await run(file('missing.json'))).toEqual({
      code: 3,
      log: [`serve: --keys ${file('missing.json')}: cannot read (ENOENT)`],
    });
    expect(await run(file('not-json.json'))).toEqual({
      code: 3,
      log: [`serve: --keys ${file('not-json.json')}: not valid JSON`],
    });
  });

  it('off loopback, refuses façades without credentials unless --insecure, and says why', async () => {
    const refused = await withServe(['--input', file('boltz.ndjson'), '--host', '0.0.0.0', '--port', '0', '--workers', '0']);
    expect(refused.code).toBe(2);
    expect(refused.log[0]).toBe(
      'serve: refusing to serve boltz without credentials on 0.0.0.0, which is not a loopback address: anyone who can ' +
        `reach it could read the usage data. Give their keys in --keys, listen on 127.0.0.1, or pass --insecure\n${SERVE_USAGE}`,
    );
    const keyed = await withServe([
      '--input',
      file('boltz.ndjson'),
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--keys',
      file('keys.json'),
      '--workers',
      '0',
    ]);
    expect(keyed.code).toBe(0);
    const insecure = await withServe([
      '--input',
      file('boltz.ndjson'),
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--insecure',
      '--workers',
      '0',
    ]);
    expect(insecure.code).toBe(0);
    expect(insecure.log[0]).toBe('serve: --insecure: boltz served without credentials on 0.0.0.0');
  });

  it('knows loopback hosts', async () => {
    const { isLoopbackHost } = await import('../../src/http/serve/index.ts');
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.2', '10.0.0.1', 'example.com', '128.0.0.1', '127.0.0.1.example.com'])
      expect(isLoopbackHost(h)).toBe(false);
  });

  it('exits 2 with the usage for a bad command line, 0 for --help', async () => {
    expect(await withServe(['--port', '1'])).toEqual({ code: 2, log: [`serve: --input FILE is required\n${SERVE_USAGE}`] });
    expect(await withServe(['--help'])).toEqual({ code: 0, log: [], out: [SERVE_USAGE] });
  });
});

describe('parseServeArgs', () => {
  it('applies the defaults', () => {
    expect(parseServeArgs(['--input', 'e.ndjson'])).toEqual({
      input: 'e.ndjson',
      format: undefined,
      port: 8080,
      host: '127.0.0.1',
      facades: undefined,
      keys: undefined,
      catalogs: undefined,
      workspaces: undefined,
      workers: 'auto',
      insecure: false,
      watch: false,
    });
  });

  it('takes --facade repeated or comma-separated, in the vendors order', () => {
    expect((parseServeArgs(['--input', 'e', '--facade', 'scenario,boltz', '--facade', 'boltz']) as ServeArgs).facades).toEqual([
      'boltz',
      'scenario',
    ]);
  });

  it.each([
    [['--input', 'e', '--port', '65536'], '--port must be an integer from 0 to 65535, got "65536"'],
    [['--input', 'e', '--port', '8o'], '--port must be an integer from 0 to 65535, got "8o"'],
    [['--input', 'e', '--workers', 'two'], '--workers must be a non-negative integer or auto, got "two"'],
    [['--input', 'e', '--format', 'xml'], '--format must be one of ndjson, csv, arrow, parquet, got "xml"'],
    [['--input', 'e', '--facade', 'stripe'], "unknown façade 'stripe' (known: boltz, miosa, scenario, adverity)"],
    [['--input', 'e', '--facade', ','], '--facade needs at least one name'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseServeArgs(argv)).toThrow(message);
  });

  it('rejects unknown flags (suggesting the closest) and stray arguments', () => {
    expect(() => parseServeArgs(['--input', 'e', '--bogus'])).toThrow(/^unknown flag --bogus$/);
    expect(() => parseServeArgs(['--input', 'e', '--prot', '1'])).toThrow('unknown flag --prot (did you mean --port?)');
    expect(() => parseServeArgs(['--input', 'e', 'extra'])).toThrow('unexpected argument extra; flags start with --');
  });
});

describe('serve --watch', () => {
  it('appends lines written to the file after it started (a half-written line waits for its newline)', async () => {
    const path = file('growing.ndjson');
    await writeFile(
      path,
      JSON.stringify({ ts: '2026-04-01T00:10:00Z', workspace_id: 'ws_a', application: 'adme', quantity: 1 }) + '\n',
    );
    const total = async (server: RunningServer) => {
      const body = (await (await fetch(`${server.url}${DAY_QUERY}`)).json()) as { data: { quantity: number }[] };
      return body.data.reduce((s, r) => s + r.quantity, 0);
    };
    const { code } = await withServe(
      ['--input', path, '--port', '0', '--facade', 'boltz', '--watch', '--workers', '0'],
      async (server) => {
        expect(await total(server)).toBe(1);
        const { appendFile } = await import('node:fs/promises');
        await appendFile(
          path,
          JSON.stringify({ ts: '2026-04-01T01:00:00Z', workspace_id: 'ws_a', application: 'adme', quantity: 2 }) +
            '\n{"ts":"2026-04-01T02:00:00Z","workspace_id":"ws_b",',
        );
        // Within a second (the file is looked at every 250 ms); the half line is not read yet.
        let seen = 0;
        for (let i = 0; i < 40 && seen !== 3; i++) {
          await new Promise((r) => setTimeout(r, 50));
          seen = await total(server);
        }
        expect(seen).toBe(3);
        await appendFile(path, '"application":"adme","quantity":4}\n');
        for (let i = 0; i < 40 && seen !== 7; i++) {
          await new Promise((r) => setTimeout(r, 50));
          seen = await total(server);
        }
        expect(seen).toBe(7);
      },
    );
    expect(code).toBe(0);
  });

  it('refuses to follow what is not an NDJSON file', async () => {
    const { code, log } = await withServe(['--input', file('boltz.csv'), '--port', '0', '--watch']);
    expect(code).toBe(2);
    expect(log.join('\n')).toContain('--watch follows an NDJSON file');
  });
});
