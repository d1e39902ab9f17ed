/**
 * Every example in examples/ run as a user runs it — `node --import tsx`, `deno run` and `bun` —
 * checked for exit code 0 and for lines whose numbers are worked out here from the committed
 * sample by plain row-at-a-time sums, or by hand.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const DATA = join(EXAMPLES, 'data');
/** Modules the examples import, not examples themselves. */
const HELPERS = new Set(['sample.ts']);

const RUNTIMES: [string, string[]][] = [
  // The examples import the package by its name: the `source` condition (deno.json's import map
  // for Deno) resolves it to src/, so they run without a build.
  ['node --import tsx', [process.execPath, '--conditions=source', '--import', 'tsx']],
  ['deno run', [join(ROOT, 'node_modules/.bin/deno'), 'run', '-A', '--no-check']],
  ['bun', [join(ROOT, 'node_modules/.bin/bun'), '--conditions=source']],
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string[], script: string, args: string[]): Promise<Run> {
  const [file, ...pre] = command;
  return new Promise((resolve) => {
    execFile(
      file,
      [...pre, join(EXAMPLES, script), ...args],
      { cwd: ROOT, timeout: 90_000, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

// ---- What the sample says, summed row by row ----------------------------------------------

type Event = Record<string, string | number | boolean | null> & { ts: string };
const events = (vendor: string): Event[] =>
  readFileSync(join(DATA, `${vendor}.ndjson`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Event);
const between = (list: Event[], from: string, to: string) =>
  list.filter((e) => Date.parse(e.ts) >= Date.parse(from) && Date.parse(e.ts) < Date.parse(to));
const sum = (list: Event[], key: string) => list.reduce((t, e) => t + Number(e[key] ?? 0), 0);
const distinct = (list: Event[], key: (e: Event) => unknown) => new Set(list.map((e) => JSON.stringify(key(e)))).size;
const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
/** MIOSA rounds credit cents half away from zero after summing (docs/facades.md). */
const roundCents = (v: number) => Math.sign(v) * Math.round(Math.abs(Number(v.toPrecision(15))));

const boltz = events('boltz');
const miosa = events('miosa');
const scenario = events('scenario');
const adverity = events('adverity');

// Boltz, the week 2026-11-13 … 2026-11-19 (UTC days).
const boltzWeek = between(boltz, '2026-11-13T00:00:00Z', '2026-11-20T00:00:00Z');
// MIOSA 30d from the sample's end (11-20T12:00Z): [10-22, 11-21), the window the response prints.
const miosaMonth = between(miosa, '2026-10-22T00:00:00Z', '2026-11-21T00:00:00Z');
const miosaUsers = new Map<unknown, Event[]>();
for (const e of miosaMonth)
  miosaUsers.set(e.external_user_id ?? null, [...(miosaUsers.get(e.external_user_id ?? null) ?? []), e]);
const miosaCents = [...miosaUsers.values()].reduce((t, list) => t + roundCents(sum(list, 'credit_cents')), 0);
// Scenario last-seven-days: 7 × 24 h back from the sample's end, hourly grid (already aligned).
const scenarioWeek = between(scenario, '2026-11-13T12:00:00Z', '2026-11-20T12:00:00Z');
// Adverity monthly from 2026-10-01 to yesterday (11-19) inclusive; the root workspace sees all.
const adverityRows = between(adverity, '2026-10-01T00:00:00Z', '2026-11-20T00:00:00Z');
const adverityItems = distinct(adverityRows, (e) => [e.ts.slice(0, 7), e.workspace_id, e.datastream_id]);

/** The Boltz table of main.ts: a row per day, quantity per application in name order. */
function boltzTableRows(): RegExp[] {
  const apps = [...new Set(boltzWeek.map((e) => e.application as string))].sort();
  return ['13', '14', '15', '16', '17', '18', '19'].map((d) => {
    const day = between(boltzWeek, `2026-11-${d}T00:00:00Z`, `2026-11-${Number(d) + 1}T00:00:00Z`);
    const cells = apps.map((a) =>
      fmt(
        sum(
          day.filter((e) => e.application === a),
          'quantity',
        ),
      ),
    );
    return new RegExp(`^ +2026-11-${d} +${cells.join(' +')}$`, 'm');
  });
}

// ---- One check per example ----------------------------------------------------------------

interface Example {
  args?: (dir: string) => string[];
  check: (r: Run, dir: string) => void;
}

const CHECKS: Record<string, Example> = {
  'engine-basics.ts': {
    // By hand: New York's March 7 runs 05:00Z → March 8 05:00Z (24 h) and holds 15:00Z (3) and
    // 04:30Z (2); March 8 springs forward, 05:00Z → March 9 04:00Z (23 h); March 9 is EDT again.
    check: (r) =>
      expect(r.stdout).toBe(
        [
          '2026-03-07T05:00:00.000Z (24 h)  adme            quantity=5 events=2',
          '2026-03-08T05:00:00.000Z (23 h)  adme            quantity=5 events=1',
          '2026-03-08T05:00:00.000Z (23 h)  protein_design  quantity=1 events=1',
          '2026-03-09T04:00:00.000Z (24 h)  adme            quantity=4 events=1',
          '',
        ].join('\n'),
      ),
  },
  'main.ts': {
    check: (r) => {
      expect(r.stdout).toContain(
        `Sample events up to 2026-11-20T12:00:00.000Z: Boltz ${boltz.length}, MIOSA ${miosa.length}, ` +
          `Scenario ${scenario.length}, Adverity ${adverity.length}\n`,
      );
      for (const row of boltzTableRows()) expect(r.stdout).toMatch(row);
      // The 30-day sparklines: a line per application, 30 characters, its total summed from the events.
      const month = between(boltz, '2026-10-21T00:00:00Z', '2026-11-20T00:00:00Z');
      for (const app of new Set(boltz.map((e) => e.application as string))) {
        const total = fmt(
          sum(
            month.filter((e) => e.application === app),
            'quantity',
          ),
        );
        expect(r.stdout).toMatch(new RegExp(`\\n  ${app} +[▁▂▃▄▅▆▇█]{30} +${total.replace(/,/g, ',')}\\n`));
      }
      expect(r.stdout).toContain(`(top 5 of ${miosaUsers.size})`);
      expect(r.stdout).toContain(`  all users: ${fmt(miosaCents)} credit cents\n`);
      expect(r.stdout).toContain('Scenario usages.list · last-thirty-one-days');
      expect(r.stdout).toContain(`, ${adverityItems} items\n`);
      expect(r.stdout).toMatch(/\nDone in \d+ ms\.\n$/);
    },
  },
  'recompute.ts': {
    args: (dir) => [join(DATA, 'boltz.ndjson'), join(dir, 'out', 'hourly.ndjson')],
    check: (r, dir) => {
      const cells = distinct(boltz, (e) => [e.ts.slice(0, 13), e.workspace_id, e.application]);
      const out = join(dir, 'out', 'hourly.ndjson');
      // 1000-row chunks: 2500 events are 3 chunks.
      expect(r.stderr).toBe(
        `${cells} hourly rows from ${Math.ceil(boltz.length / 1000)} chunks of ${join(DATA, 'boltz.ndjson')} → ${out}\n`,
      );
      expect(r.stdout).toBe('');
      const rows = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Event);
      expect(rows).toHaveLength(cells);
      expect(sum(rows, 'quantity')).toBe(sum(boltz, 'quantity'));
      expect(sum(rows, 'events')).toBe(boltz.length);
      const hours = rows.map((row) => row.hour as string);
      expect(hours).toEqual([...hours].sort());
    },
  },
  'serve.ts': {
    check: (r) => {
      const lines = r.stdout.split('\n');
      expect(lines[0]).toMatch(/^Serving the sample on http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines.slice(1)).toEqual([
        `boltz     200  7 daily buckets from 2026-11-13T00:00:00.000Z, quantity ${fmt(sum(boltzWeek, 'quantity'))}`,
        `miosa     200  ${miosaUsers.size} users, 2026-10-22T00:00:00Z … 2026-11-21T00:00:00Z, ${fmt(miosaCents)} credit cents`,
        `scenario  200  ${distinct(scenarioWeek, (e) => e.user_id)} consumers, ` +
          `${fmt(sum(scenarioWeek, 'creative_units') + sum(scenarioWeek, 'discount'))} creative units after discounts`,
        `adverity  200  ${adverityItems} monthly items, ${fmt(adverityRows.length)} rows written`,
        '',
      ]);
    },
  },
};

const scripts = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.ts') && !HELPERS.has(f))
  .sort();
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

it('has a check for every example', () => {
  expect(scripts.filter((s) => !(s in CHECKS))).toEqual([]);
});

describe.each(RUNTIMES)('examples under %s', (_, command) => {
  it.each(scripts.filter((s) => s in CHECKS))(
    '%s',
    async (script) => {
      const dir = mkdtempSync(join(tmpdir(), 'ua-example-'));
      dirs.push(dir);
      const { args, check } = CHECKS[script];
      const result = await run(command, script, args?.(dir) ?? []);
      expect(result.code, result.stderr).toBe(0);
      check(result, dir);
    },
    120_000,
  );
});
