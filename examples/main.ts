/**
 * `npm start`: the committed sample (examples/data/) through all four vendor façades, with the
 * clock pinned to the sample's end, printed as a short report.
 *
 * Runs with `node --conditions=source --import tsx examples/main.ts`, `deno run -A examples/main.ts`
 * and `bun --conditions=source examples/main.ts` (the `source` condition: the package from its
 * TypeScript source).
 */
import { createAdverity, createBoltz, createEngine, createMiosa, createScenario, sparkline } from 'usage-aggregator';
import { loadSample, SAMPLE_NOW, sampleNow as now } from './sample.ts';

type Row = Record<string, unknown>;

/** Left-aligned text, right-aligned numbers, one space-padded column each. */
function print(title: string, rows: Row[], columns: string[]): void {
  console.log(`\n${title}`);
  const cells = [columns, ...rows.map((r) => columns.map((c) => format(r[c])))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  for (const [k, row] of cells.entries()) {
    console.log(
      '  ' +
        row
          .map((cell, i) => (typeof rows[k - 1]?.[columns[i]] === 'number' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
          .join('  '),
    );
  }
}
const format = (v: unknown) =>
  v === null || v === undefined
    ? '–'
    : typeof v === 'number'
      ? v.toLocaleString('en-US', { maximumFractionDigits: 2 })
      : String(v);
const sum = (rows: Row[], key: string) => rows.reduce((t, r) => t + Number(r[key] ?? 0), 0);

const started = performance.now();
const engine = createEngine({ workers: 0 });
const {
  boltz: boltzEvents,
  miosa: miosaEvents,
  scenario: scenarioEvents,
  adverity: adverityEvents,
  catalogs,
  workspaces,
} = await loadSample();
console.log(
  `Sample events up to ${SAMPLE_NOW}: Boltz ${boltzEvents.rows}, MIOSA ${miosaEvents.rows}, ` +
    `Scenario ${scenarioEvents.rows}, Adverity ${adverityEvents.rows}`,
);

// Boltz: daily quantity by application over the last seven whole days.
const boltz = createBoltz({ events: boltzEvents.table, engine, now });
const week = await boltz.admin.usage.list({
  window_size: 'DAY',
  starting_at: '2026-11-13T00:00:00Z',
  ending_at: '2026-11-20T00:00:00Z',
  group_by: 'application',
  limit: 1000,
});
const apps = [...new Set(week.data.map((r) => r.application as string))].sort();
const days = [...new Set(week.data.map((r) => r.start_time.slice(0, 10)))];
print(
  'Boltz admin.usage.list · DAY × application, 2026-11-13 … 2026-11-19',
  days.map((day) =>
    Object.fromEntries([
      ['day', day],
      ...apps.map((a) => [a, week.data.find((r) => r.application === a && r.start_time.startsWith(day))?.quantity ?? 0]),
    ]),
  ),
  ['day', ...apps],
);

// Boltz: the last 30 days as a sparkline per application (one character per day, ▁ = 0).
const month = await boltz.admin.usage.list({
  window_size: 'DAY',
  starting_at: '2026-10-21T00:00:00Z',
  ending_at: '2026-11-20T00:00:00Z',
  group_by: 'application',
  limit: 1000,
});
const monthDays = [...new Set(month.data.map((r) => r.start_time))].sort();
console.log(
  `\nBoltz daily quantity by application, ${monthDays[0].slice(0, 10)} … ${monthDays.at(-1)!.slice(0, 10)} (a character per day)`,
);
const width = Math.max(...apps.map((a) => a.length));
for (const app of apps) {
  const series = monthDays.map((day) => month.data.find((r) => r.application === app && r.start_time === day)?.quantity ?? 0);
  console.log(`  ${app.padEnd(width)}  ${sparkline(series)}  ${format(series.reduce((t, v) => t + v, 0)).padStart(9)}`);
}

// MIOSA: the default 30-day rollup by external user; the five biggest spenders.
const miosa = await createMiosa({ events: miosaEvents.table, engine, now }).usage.get({
  group_by: 'external_user_id',
  period: '30d',
});
const results = miosa.results as Row[];
print(
  `MIOSA usage · 30d by external_user_id, ${miosa.period_start} … ${miosa.period_end} (top 5 of ${results.length})`,
  results.slice(0, 5),
  ['external_user_id', 'sandbox_seconds', 'computer_seconds', 'storage_gb_hours', 'credit_cents'],
);
console.log(`  all users: ${format(sum(results, 'credit_cents'))} credit cents`);

// Scenario: last 31 days, usages and consumption.
const scenario = createScenario({ events: scenarioEvents.table, catalogs, engine, now });
const usage = await scenario.usages.list({ timeRange: 'last-thirty-one-days', type: 'usages,consumption' });
const usages = (usage.usages ?? [])
  .map((s) => ({
    usageName: s.usageName,
    granularity: s.granularity,
    points: s.points.length,
    value: s.points.reduce((t, p) => t + Number(p.value), 0),
    apiKey: s.points.reduce((t, p) => t + Number(p.apiKey), 0),
  }))
  .filter((s) => s.value > 0);
print('Scenario usages.list · last-thirty-one-days, usages with a value', usages, [
  'usageName',
  'granularity',
  'points',
  'value',
  'apiKey',
]);
print('Scenario consumption (creative units)', (usage.consumption ?? []) as unknown as Row[], [
  'userId',
  'value',
  'discount',
  'total',
]);

// Adverity: monthly rows per workspace, as the group's root workspace sees them.
const root = (workspaces as { id: string; parent_id: string | null }[]).find((w) => w.parent_id === null)!;
const adverity = createAdverity({ events: adverityEvents.table, workspaces, engine, now });
const monthly = await adverity.usage.list(
  { granularity: 'monthly', date_from: '2026-10-01', page_size: '100' },
  { scope: root.id },
);
const byWorkspace = new Map<string, Row>();
for (const item of monthly.items as unknown as Row[]) {
  const key = `${item.date} ${item.workspace_name}`;
  const row = byWorkspace.get(key) ?? {
    date: item.date,
    workspace_name: item.workspace_name,
    items: 0,
    unique_rows: 0,
    total_rows: 0,
  };
  row.items = (row.items as number) + 1;
  row.unique_rows = (row.unique_rows as number) + (item.unique_rows as number);
  row.total_rows = (row.total_rows as number) + (item.total_rows as number);
  byWorkspace.set(key, row);
}
print(
  `Adverity usage.list · monthly from 2026-10-01 (to yesterday), scope ${root.id.slice(0, 8)}…, ${monthly.count} items`,
  [...byWorkspace.values()],
  ['date', 'workspace_name', 'items', 'unique_rows', 'total_rows'],
);

await engine.close();
console.log(`\nDone in ${Math.round(performance.now() - started)} ms.`);
