/**
 * `npm run bench:live [-- --n 10000000 --appends 1000 --batch 1000 --runs 5 --spread]`: live
 * events. Loads N events (the benchmark's seeded table plus a string `event_id`), then appends
 * `appends` batches of `batch` events one after another and reports the p50 / p99 cost of an
 * append; then Q1–Q4 on the appended-to events beside the same queries on all the events
 * loaded at once (same engine, same run; the rows must be identical); then the memory per
 * event with and without `dedupBy: ['event_id']`, with the dedup key set's share.
 *
 * Appended events are live by default: each batch covers the minute after the previous one
 * (plus 1% re-sent events, which dedup drops); `--spread` scatters them over the whole table's
 * time span instead, the worst case for reading parts in time order.
 *
 * Memory is read after a full GC (run with `node --expose-gc`, as the npm script does).
 */
import * as aq from 'arquero';
import { createEngine, type LoadedEvents } from '../src/index.ts';
import { generate, prng } from './data.ts';
import { median, time } from './stats.ts';
import { WORKLOADS } from './workloads.ts';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const N = flag('n', 10_000_000),
  APPENDS = flag('appends', 1000),
  BATCH = flag('batch', 1000),
  RUNS = flag('runs', 5);
const SPREAD = args.includes('--spread');

const gc = (globalThis as { gc?: () => void }).gc;
function memory(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const base = generate(N, 365);
const rand = prng(7);
type Row = { ts: number; workspace: string; application: string; quantity: number; event_id: string };
// Batches: live (the minute after the previous batch) or spread over the table's span.
const batches: Row[][] = [];
const extra = generate(APPENDS * BATCH, 365, 99);
for (let k = 0, i = 0; k < APPENDS; k++) {
  const rows: Row[] = [];
  for (let j = 0; j < BATCH; j++, i++) {
    const resend = rand() < 0.01 && i > 0;
    const id = resend ? `e${Math.floor(rand() * (N + i))}` : `e${N + i}`;
    const ts = SPREAD ? extra.ts[i] : base.end + k * 60_000 + Math.floor(rand() * 60_000);
    rows.push({
      ts,
      workspace: extra.workspace[i],
      application: extra.application[i],
      quantity: extra.quantity[i],
      event_id: id,
    });
  }
  batches.push(rows);
}
const baseTable = () =>
  aq.table({
    ts: base.ts,
    workspace: base.workspace,
    application: base.application,
    quantity: base.quantity,
    row_id: base.rowId,
    event_id: Array.from({ length: N }, (_, i) => `e${i}`),
  });

const engine = createEngine({ workers: 'auto' });
console.log(
  `bench:live — ${N.toLocaleString()} events, ${APPENDS} appends of ${BATCH} (${SPREAD ? 'spread over the span' : 'live: the next minute each'}), ${RUNS} runs`,
);

async function appendAll(events: LoadedEvents): Promise<{ ms: number[]; duplicates: number }> {
  const ms: number[] = [];
  let duplicates = 0;
  for (const batch of batches) {
    const t0 = performance.now();
    const r = await events.append(batch.map((row) => ({ ...row, row_id: row.quantity })));
    ms.push(performance.now() - t0);
    duplicates += r.duplicates;
  }
  // Let the background merges the appends left pending run: queries are timed in the steady state.
  await new Promise((r) => setTimeout(r, 2000));
  return { ms, duplicates };
}

/** Same columns, same values bit for bit (results of millions of rows: no JSON). */
function sameTable(a: aq.ColumnTable, b: aq.ColumnTable): boolean {
  if (a.numRows() !== b.numRows() || a.columnNames().join() !== b.columnNames().join()) return false;
  return a.columnNames().every((c) => {
    const x = a.array(c) as ArrayLike<unknown>,
      y = b.array(c) as ArrayLike<unknown>;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function noDedup(): Promise<void> {
  const m0 = memory();
  const live = await engine.load(baseTable(), { time: 'ts' });
  const m1 = memory();
  const plain = await appendAll(live);
  const m2 = memory();
  const rows = live.numRows();
  console.log(
    `\nappend (no dedup): p50 ${pct(plain.ms, 0.5).toFixed(2)} ms, p99 ${pct(plain.ms, 0.99).toFixed(2)} ms, max ${Math.max(...plain.ms).toFixed(1)} ms; parts after: ${(live as unknown as { partCount(): number }).partCount()}`,
  );
  console.log(
    `memory, no dedup: ${((m2 - m0) / rows).toFixed(1)} B/event resident (heap + array buffers; store arrays ${(live.storeBytes() / rows).toFixed(1)} B/event; after the load alone ${((m1 - m0) / N).toFixed(1)} B/event)`,
  );

  // The same events loaded at once (no dedup: the re-sent ones are events too).
  const allRows = batches.flat();
  const once = await engine.load(
    aq.table({
      ts: Float64Array.from([...base.ts, ...allRows.map((r) => r.ts)]),
      workspace: [...base.workspace, ...allRows.map((r) => r.workspace)],
      application: [...base.application, ...allRows.map((r) => r.application)],
      quantity: Float64Array.from([...base.quantity, ...allRows.map((r) => r.quantity)]),
      row_id: Float64Array.from([...base.rowId, ...allRows.map((r) => r.quantity)]),
      event_id: [...Array.from({ length: N }, (_, i) => `e${i}`), ...allRows.map((r) => r.event_id)],
    }),
    { time: 'ts' },
  );

  console.log('\n| query | appended-to (ms) | loaded at once (ms) | ratio | same rows |');
  console.log('|---|---|---|---|---|');
  for (const w of WORKLOADS) {
    const q = w.query({ start: base.start, end: base.end });
    const same = sameTable(await engine.aggregate(live, q), await engine.aggregate(once, q));
    // Interleaved, so noise hits both alike.
    const tl: number[] = [],
      to: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      tl.push((await time(() => engine.aggregate(live, q))).ms);
      to.push((await time(() => engine.aggregate(once, q))).ms);
    }
    console.log(
      `| ${w.id} ${w.title} | ${median(tl).toFixed(0)} | ${median(to).toFixed(0)} | ${(median(tl) / median(to)).toFixed(2)}× | ${same ? 'yes' : 'NO'} |`,
    );
  }
}

async function withDedup(): Promise<void> {
  const d0 = memory();
  const deduped = await engine.load(baseTable(), { time: 'ts', dedupBy: ['event_id'] });
  const d1 = memory();
  const withKeys = await appendAll(deduped);
  const d2 = memory();
  const rows = deduped.numRows();
  console.log(
    `\nappend (dedup by event_id): p50 ${pct(withKeys.ms, 0.5).toFixed(2)} ms, p99 ${pct(withKeys.ms, 0.99).toFixed(2)} ms; ${withKeys.duplicates} duplicates dropped`,
  );
  console.log(
    `memory, dedup: ${((d2 - d0) / rows).toFixed(1)} B/event resident (after the load alone ${((d1 - d0) / N).toFixed(1)} B/event)`,
  );
}

await noDedup();
await withDedup();
await engine.close();
