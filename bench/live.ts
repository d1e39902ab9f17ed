/**
 * `npm run bench:live [-- --n 10000000 --batches 1000 --batch 1000 --runs 3]`: appends to loaded
 * events. Loads a seeded table, appends `batches` batches of `batch` events (arquero tables, as
 * an ingest endpoint would hand them over) and reports each append's cost (p50, p99); then
 * Q1–Q4 on the appended events beside the same queries on all of them loaded at once (the first
 * query after the appends merges them in, reported apart); then bytes per event with and
 * without `dedupBy` on a unique event id. Figures, not tests: read medians.
 */
import * as aq from 'arquero';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createEngine } from '../src/index.ts';
import { generate, type BenchEvents } from './data.ts';
import { median, medianOf, time } from './stats.ts';
import { WORKLOADS } from './workloads.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '10000000' },
    batches: { type: 'string', default: '1000' },
    batch: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
  },
});
const n = Number(args.n), batches = Number(args.batches), batchSize = Number(args.batch), runs = Number(args.runs);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const log = (s: string) => process.stderr.write(`${s}\n`);

function tableOf(ev: BenchEvents, from = 0, to = ev.n, idBase = 0) {
  return aq.table({
    ts: ev.ts.subarray(from, to), workspace: ev.workspace.slice(from, to), application: ev.application.slice(from, to),
    quantity: ev.quantity.subarray(from, to), row_id: ev.rowId.subarray(from, to),
    event_id: Float64Array.from({ length: to - from }, (_, i) => idBase + from + i),
  });
}

const engine = createEngine({ workers: 'auto' });
log(`generating ${n.toLocaleString()} events and ${(batches * batchSize).toLocaleString()} more…`);
const base = generate(n, 31, 42);
const more = generate(batches * batchSize, 31, 7);
const moreTables = Array.from({ length: batches }, (_, b) => tableOf(more, b * batchSize, (b + 1) * batchSize, n));

log('loading…');
const live = await engine.load(tableOf(base));
log(`appending ${batches} batches of ${batchSize}…`);
const appendMs: number[] = [];
for (const t of moreTables) appendMs.push((await time(() => live.append(t))).ms);
const sorted = [...appendMs].sort((a, b) => a - b);
const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

log('the same events loaded at once…');
const cat = (a: Float64Array, b: Float64Array) => { const out = new Float64Array(a.length + b.length); out.set(a); out.set(b, a.length); return out; };
const all = aq.table({
  ts: cat(base.ts, more.ts), workspace: base.workspace.concat(more.workspace), application: base.application.concat(more.application),
  quantity: cat(base.quantity, more.quantity), row_id: cat(base.rowId, more.rowId),
  event_id: Float64Array.from({ length: n + more.n }, (_, i) => i),
});
const once = await engine.load(all);

const rows: { id: string; firstAfterAppends?: number; appended: number; once: number }[] = [];
for (const w of WORKLOADS) {
  log(`${w.id}…`);
  const q = w.query({ start: base.start, end: base.end });
  const firstAfterAppends = rows.length === 0 ? (await time(() => engine.aggregate(live, q))).ms : undefined;
  rows.push({ id: w.id, firstAfterAppends, appended: await medianOf(runs, () => engine.aggregate(live, q)), once: await medianOf(runs, () => engine.aggregate(once, q)) });
}

log('memory: with and without dedupBy…');
async function bytesPerEvent(dedup: boolean): Promise<number> {
  const input = tableOf(base);
  gc();
  const before = process.memoryUsage();
  const events = await engine.load(input, dedup ? { dedupBy: ['event_id'] } : {});
  gc();
  const after = process.memoryUsage();
  void events.numRows();
  return (after.rss - before.rss) / n;
}
const plain = await bytesPerEvent(false);
const deduped = await bytesPerEvent(true);
await engine.close();

const fmt = (x?: number) => (x === undefined ? '–' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
console.log(`\n${n.toLocaleString('en-US')} events loaded, then ${batches} appends of ${batchSize} events (arquero tables); ms\n`);
console.log(`| append p50 | append p99 | append median of all |\n|---|---|---|\n| ${fmt(p(0.5))} | ${fmt(p(0.99))} | ${fmt(median(appendMs))} |\n`);
console.log('| workload | appended events (median) | loaded at once (median) | appended ÷ at once | first query after the appends (merges them) |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.id} | ${fmt(r.appended)} | ${fmt(r.once)} | ${(r.appended / r.once).toFixed(2)} | ${fmt(r.firstAfterAppends)} |`);
console.log(`\nRSS growth per event for a load of ${n.toLocaleString('en-US')} events (6 columns): ${plain.toFixed(1)} B without dedup, ${deduped.toFixed(1)} B with dedupBy ['event_id'] (the key set: ${(deduped - plain).toFixed(1)} B/event).`);
