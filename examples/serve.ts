/**
 * Serving the HTTP handler: the four façades over the committed sample behind one fetch handler
 * with each vendor's own authentication, served on loopback, then one request per vendor path
 * with `fetch`, as a vendor's client would send it.
 *
 *   node --conditions=source --import tsx examples/serve.ts [--keep] [--port N]
 *   deno run -A examples/serve.ts …      bun --conditions=source examples/serve.ts …
 *
 * Without `--keep` it stops the server after the four requests and exits (1 if any request did
 * not answer 200). With `--keep` it goes on serving until Ctrl-C and prints curl commands to try.
 * The port defaults to 0: any free one.
 */
import { parseArgs } from 'node:util';
import {
  createAdverity,
  createBoltz,
  createEngine,
  createFetchHandler,
  createMiosa,
  createScenario,
  serve,
  type AuthConfig,
} from 'usage-aggregator';
import { loadSample, sampleNow as now } from './sample.ts';

const { values: flags } = parseArgs({
  args: process.argv.slice(2),
  options: { keep: { type: 'boolean', default: false }, port: { type: 'string', default: '0' } },
});

const engine = createEngine({ workers: 0 });
const sample = await loadSample();
const root = sample.workspaces.find((w) => w.parent_id === null)!;

// The credentials each vendor's clients send. A real deployment would read them from its secrets.
const auth: AuthConfig = {
  boltz: { apiKeys: ['bk_example'] }, // x-api-key: bk_example
  miosa: { apiKeys: ['msk_example'] }, // Authorization: Bearer msk_example
  scenario: { credentials: [{ key: 'example', secret: 'example-secret' }] }, // HTTP Basic
  adverity: { tokens: { tok_example: root.id } }, // Authorization: Token tok_example
};

// One events object per façade, kept for the server's life: the engine's encodings are cached on it.
const handler = createFetchHandler({
  boltz: createBoltz({ events: sample.boltz.table, engine, now }),
  miosa: createMiosa({ events: sample.miosa.table, engine, now }),
  scenario: createScenario({ events: sample.scenario.table, catalogs: sample.catalogs, engine, now }),
  adverity: createAdverity({ events: sample.adverity.table, workspaces: sample.workspaces, engine, now }),
  auth,
  onError: (error) => console.error(error),
});

const server = await serve(handler, { port: Number(flags.port) });
console.log(`Serving the sample on ${server.url}`);

type Json = Record<string, unknown>;
type Row = Record<string, number | string | null>;
const n = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
const total = (rows: Row[], key: string) => rows.reduce((t, r) => t + Number(r[key] ?? 0), 0);

interface Call {
  vendor: string;
  path: string;
  headers: Record<string, string>;
  /** One line about a 200 response. */
  describe: (body: Json) => string;
}

const calls: Call[] = [
  {
    vendor: 'boltz',
    path: '/compute/v1/admin/usage?starting_at=2026-11-13T00:00:00Z&ending_at=2026-11-20T00:00:00Z&window_size=DAY&limit=31',
    headers: { 'x-api-key': 'bk_example' },
    describe: (body) => {
      const data = body.data as Row[];
      return `${data.length} daily buckets from ${data[0]?.start_time}, quantity ${n(total(data, 'quantity'))}`;
    },
  },
  {
    vendor: 'miosa',
    path: '/api/v1/usage?period=30d&group_by=external_user_id',
    headers: { authorization: 'Bearer msk_example' },
    describe: (body) => {
      const results = body.results as Row[];
      return `${results.length} users, ${body.period_start} … ${body.period_end}, ${n(total(results, 'credit_cents'))} credit cents`;
    },
  },
  {
    vendor: 'scenario',
    path: '/usages?timeRange=last-seven-days&type=consumption',
    headers: { authorization: `Basic ${btoa('example:example-secret')}` },
    describe: (body) => {
      const consumption = body.consumption as Row[];
      return `${consumption.length} consumers, ${n(total(consumption, 'total'))} creative units after discounts`;
    },
  },
  {
    vendor: 'adverity',
    path: '/api/v1/usage/?granularity=monthly&date_from=2026-10-01&page_size=100',
    headers: { authorization: 'Token tok_example' },
    describe: (body) => {
      const items = body.items as Row[];
      return `${body.count} monthly items, ${n(total(items, 'total_rows'))} rows written`;
    },
  },
];

for (const call of calls) {
  const response = await fetch(server.url + call.path, { headers: call.headers });
  const body = (await response.json()) as Json;
  if (response.status === 200) {
    console.log(`${call.vendor.padEnd(9)} ${response.status}  ${call.describe(body)}`);
  } else {
    console.log(`${call.vendor.padEnd(9)} ${response.status}  ${JSON.stringify(body)}`);
    process.exitCode = 1;
  }
}

if (flags.keep) {
  const [boltz, miosa, scenario, adverity] = calls.map((c) => `${server.url}${c.path}`);
  console.log(`\nServing until Ctrl-C. Try:
  curl -s -H 'x-api-key: bk_example' '${boltz}'
  curl -s -H 'Authorization: Bearer msk_example' '${miosa}'
  curl -s -u example:example-secret '${scenario}'
  curl -s -H 'Authorization: Token tok_example' '${adverity}'`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

await server.close();
await engine.close();
