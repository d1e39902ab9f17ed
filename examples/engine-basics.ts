/**
 * The engine on its own: events as plain records, one query, rows out.
 *
 * Daily sums in New York time across the 2026 spring-forward change (March 8): that day is 23
 * hours long, and an event at 04:30 UTC still belongs to March 7 locally.
 *
 * Runs with `node --conditions=source --import tsx examples/engine-basics.ts`, `deno run -A …` and
 * `bun --conditions=source …` (the `source` condition: the package from its TypeScript source).
 */
import { createEngine } from 'usage-aggregator';

const events = [
  { ts: '2026-03-07T15:00:00Z', app: 'adme', quantity: 3 },
  { ts: '2026-03-08T04:30:00Z', app: 'adme', quantity: 2 }, // 23:30 on March 7 in New York
  { ts: '2026-03-08T06:30:00Z', app: 'adme', quantity: 5 },
  { ts: '2026-03-08T06:45:00Z', app: 'protein_design', quantity: 1 },
  { ts: '2026-03-09T12:00:00Z', app: 'adme', quantity: 4 },
];

const engine = createEngine({ workers: 0 });
const table = await engine.aggregate(events, {
  time: 'ts',
  window: 'day',
  timeZone: 'America/New_York',
  groupBy: ['app'],
  measures: { quantity: { op: 'sum', column: 'quantity' }, events: { op: 'count' } },
});
await engine.close();

for (const row of table.objects() as Record<string, number | string>[]) {
  const start = new Date(row.window_start).toISOString();
  const hours = (Number(row.window_end) - Number(row.window_start)) / 3_600_000;
  console.log(`${start} (${hours} h)  ${String(row.app).padEnd(15)} quantity=${row.quantity} events=${row.events}`);
}
