/**
 * `npm run bench [-- --n 10000000 --runs 5 --only Q1,Q5,LOAD --skip-arquero]`: the engine beside DuckDB and plain arquero on the
 * same seeded events, in the same process. Prints a table of medians and writes
 * bench/results/latest.json, with SVG charts beside it (chart.svg and one per workload, see
 * ./chart.ts). Figures, not tests: the machine is noisy, read medians.
 * LOAD (./load.ts) times `engine.load` of in-memory records against DuckDB's appender of the
 * same records, and reports the store's bytes per event.
 */
import * as aq from 'arquero';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createEngine } from '../src/index.ts';
import { generate, type BenchEvents } from './data.ts';
import { loadWorkload, type LoadFigures } from './load.ts';
import { arqueroQuery } from './peers/arquero.ts';
import { startDuck } from './peers/duckdb.ts';
import { median, medianOf, time } from './stats.ts';
import { machineName, writeCharts } from './chart.ts';
import { q5, WORKLOADS } from './workloads.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '5' },
    'arquero-runs': { type: 'string' },
    'skip-duckdb': { type: 'boolean', default: false },
    'skip-arquero': { type: 'boolean', default: false },
    workers: { type: 'string', default: 'auto' },
    only: { type: 'string' },
  },
});
const n = Number(args.n),
  runs = Number(args.runs);
const arqueroRuns = Number(args['arquero-runs'] ?? (n >= 2_000_000 ? 1 : 3));
const workers = args.workers === 'auto' ? 'auto' : Number(args.workers);
const only = args.only ? new Set(args.only.split(',').map((s) => s.trim().toUpperCase())) : null;
// Q5's queries take milliseconds, so more of them cost nothing and steady its median.
const q5Runs = Math.max(15, 3 * runs);

function toTable(ev: BenchEvents) {
  return aq.table({ ts: ev.ts, workspace: ev.workspace, application: ev.application, quantity: ev.quantity, row_id: ev.rowId });
}

const log = (s: string) => process.stderr.write(`${s}\n`);
log(`generating ${n.toLocaleString()} events over 31 days and over a year…`);
const month = generate(n, 31, 42);
const year = generate(n, 365, 7);
const monthTable = toTable(month),
  yearTable = toTable(year);
const engine = createEngine({ workers });

interface Row {
  id: string;
  title: string;
  engineFirst?: number;
  engine: number;
  rows: number;
  events: number;
  duck?: number;
  duckRead?: number;
  arquero?: number;
}
const rows: Row[] = [];

// First, while the heap is young: the load workload builds its own records.
let load: LoadFigures | undefined;
if (!only || only.has('LOAD')) load = await loadWorkload(engine, month, Math.min(runs, 3), log);

const skipDuck = args['skip-duckdb'] || (only && ![...only].some((id) => /^Q[1-4]$/.test(id)));
if (!skipDuck) log('loading DuckDB…');
const duck = skipDuck ? null : await startDuck(month);
if (duck) log(`DuckDB load: ${Math.round(duck.loadMs)} ms`);

for (const w of WORKLOADS.filter((x) => !only || only.has(x.id))) {
  log(`${w.id}: engine…`);
  const q = w.query({ start: month.start, end: month.end });
  const first = rows.length === 0 ? (await time(() => engine.aggregate(monthTable, q))).ms : undefined;
  const result = await engine.aggregate(monthTable, q);
  const engineMs = await medianOf(runs, () => engine.aggregate(monthTable, q));
  const row: Row = { id: w.id, title: w.title, engineFirst: first, engine: engineMs, rows: result.numRows(), events: n };
  if (duck) {
    log(`${w.id}: DuckDB…`);
    row.duck = await medianOf(runs, () => duck.query(w.id));
    if (w.id !== 'Q1' || n <= 2_000_000) row.duckRead = (await time(() => duck.readBack(w.id))).ms;
  }
  if (!args['skip-arquero']) {
    log(`${w.id}: plain arquero (${arqueroRuns} run${arqueroRuns > 1 ? 's' : ''})…`);
    const ms: number[] = [];
    for (let i = 0; i < arqueroRuns; i++) ms.push((await time(() => arqueroQuery(monthTable, w.id).numRows())).ms);
    row.arquero = median(ms);
  }
  rows.push(row);
}

let wholeYear: number | undefined;
if (!only || only.has('Q5')) {
  log('Q5: one day of a year-long table vs the whole year…');
  const yearRange = { start: year.start, end: year.end };
  const dayRange = { start: year.start + 180 * 86_400_000, end: year.start + 181 * 86_400_000 };
  const yearFirst = (await time(() => engine.aggregate(yearTable, q5(yearRange)))).ms;
  wholeYear = await medianOf(q5Runs, () => engine.aggregate(yearTable, q5(yearRange)));
  const oneDay = await medianOf(q5Runs, () => engine.aggregate(yearTable, q5(dayRange)));
  // The day's events are what the query reads, so its events/s counts those, not the year's.
  const dayEvents = year.ts.reduce((k, t) => k + (t >= dayRange.start && t < dayRange.end ? 1 : 0), 0);
  const q5Row: Row = {
    id: 'Q5',
    title: 'sum by day × workspace, one day of a year',
    engineFirst: yearFirst,
    engine: oneDay,
    rows: (await engine.aggregate(yearTable, q5(dayRange))).numRows(),
    events: dayEvents,
  };
  if (!args['skip-arquero']) {
    const ms: number[] = [];
    for (let i = 0; i < arqueroRuns; i++) ms.push((await time(() => arqueroQuery(yearTable, 'Q5', dayRange).numRows())).ms);
    q5Row.arquero = median(ms);
  }
  rows.push(q5Row);
}
await engine.close();
duck?.close();

const fmt = (x?: number) => (x === undefined ? '–' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
const rate = (events: number, ms: number) => `${(((events / ms) * 1000) / 1e6).toFixed(1)}M`;
console.log(
  `\nN = ${n.toLocaleString('en-US')} events, workers ${workers}, median of ${runs} (Q5: ${q5Runs}; plain arquero: ${arqueroRuns}); times in ms\n`,
);
console.log(
  '| workload | engine first | engine | events/s | DuckDB | DuckDB + read into JS | plain arquero | engine ÷ DuckDB | arquero ÷ engine | result rows |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.id} ${r.title} | ${fmt(r.engineFirst)} | ${fmt(r.engine)} | ${rate(r.events, r.engine)} | ${fmt(r.duck)} | ${fmt(r.duckRead)} | ${fmt(r.arquero)} | ${r.duck ? (r.engine / r.duck).toFixed(2) : '–'} | ${r.arquero ? (r.arquero / r.engine).toFixed(0) + '×' : '–'} | ${r.rows.toLocaleString('en-US')} |`,
  );
}
const q5Row = rows.find((r) => r.id === 'Q5');
if (q5Row && wholeYear)
  console.log(`\nQ5 whole year: ${fmt(wholeYear)} ms; one day is ${((q5Row.engine / wholeYear) * 100).toFixed(1)}% of it.`);
if (duck) console.log(`DuckDB load (appender): ${fmt(duck.loadMs)} ms, reported apart.`);
if (load) {
  console.log(
    `\nLOAD: ${load.n.toLocaleString('en-US')} Boltz records (ts ISO string, workspace_id, application, quantity), median of ${load.runs}; ms\n`,
  );
  console.log(
    '| engine.load(records) | engine.load(arquero table) | DuckDB appender, same records | records ÷ DuckDB | store bytes/event | buffer growth bytes/event | RSS growth bytes/event |',
  );
  console.log('|---|---|---|---|---|---|---|');
  console.log(
    `| ${fmt(load.records)} | ${fmt(load.table)} | ${fmt(load.duck)} | ${(load.records / load.duck).toFixed(2)} | ${load.storeBytesPerEvent.toFixed(1)} | ${load.bufferBytesPerEvent.toFixed(1)} | ${load.rssBytesPerEvent.toFixed(1)} |`,
  );
}

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const machine = await machineName();
const date = new Date().toISOString();
// The pictures: every workload in chart.svg, and one SVG per workload (log scale, ms).
for (const path of writeCharts(new URL('./results/', import.meta.url).pathname, rows, { n, machine, date })) log(`wrote ${path}`);
writeFileSync(
  new URL('./results/latest.json', import.meta.url),
  JSON.stringify(
    {
      n,
      runs,
      arqueroRuns,
      workers,
      machine,
      date,
      duckLoadMs: duck?.loadMs,
      q5WholeYearMs: wholeYear,
      rows,
      load,
    },
    null,
    2,
  ),
);
