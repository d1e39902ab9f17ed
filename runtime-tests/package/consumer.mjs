// A consumer's plain ESM script, run from a fresh project where the packed tarball is installed:
// every subpath imports, and a query on two worker threads gives rows worked out by hand.
// The same file runs under Node, Deno and Bun; it prints one JSON line.
import assert from 'node:assert/strict';
import * as root from 'usage-aggregator';
import * as boltz from 'usage-aggregator/facades/boltz';
import * as miosa from 'usage-aggregator/facades/miosa';
import * as scenario from 'usage-aggregator/facades/scenario';
import * as adverity from 'usage-aggregator/facades/adverity';
import * as io from 'usage-aggregator/io';
import * as sample from 'usage-aggregator/sample';
import * as clickhouse from 'usage-aggregator/clickhouse';

const functions = {
  root: [root, ['createEngine', 'createBoltz', 'createMiosa', 'createScenario', 'createAdverity', 'createFetchHandler', 'serve']],
  boltz: [boltz, ['createBoltz']],
  miosa: [miosa, ['createMiosa']],
  scenario: [scenario, ['createScenario']],
  adverity: [adverity, ['createAdverity']],
  io: [io, ['readEvents', 'readEventChunks']],
  sample: [sample, ['generateSample']],
  clickhouse: [clickhouse, ['clickhouseSource', 'loadEvents', 'connectClickHouse']],
};
for (const [name, [mod, names]] of Object.entries(functions)) {
  for (const fn of names) assert.equal(typeof mod[fn], 'function', `${name}.${fn}`);
}

// 100 hourly events from 2026-01-01T00:00Z, alternating a/b, quantity 1, 2, 3, 1, 2, 3, …
const events = Array.from({ length: 100 }, (_, i) => ({
  ts: Date.UTC(2026, 0, 1) + i * 3_600_000,
  app: i % 2 ? 'b' : 'a',
  quantity: (i % 3) + 1,
}));
const engine = root.createEngine({ workers: 2, inlineThreshold: 0 });
const rows = (
  await engine.aggregate(events, {
    time: 'ts',
    window: 'day',
    groupBy: ['app'],
    measures: { q: { op: 'sum', column: 'quantity' }, n: { op: 'count' } },
  })
).objects();
await engine.close();

// Without the optional peer @clickhouse/client, connecting says how to install it.
let clickhouseError;
try {
  await clickhouse.connectClickHouse({ url: 'http://127.0.0.1:1' });
} catch (error) {
  clickhouseError = error.name;
}
console.log(JSON.stringify({ rows, clickhouseError }));
