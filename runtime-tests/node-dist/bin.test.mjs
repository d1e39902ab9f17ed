// The package's bin is a bundle (scripts/bundle.ts): the command line in dist/bin/, and the worker
// files threads load replaced by self-contained bundles of themselves. On plain Node, the bundle
// must find the package's version, start its early threads on those worker files and give the
// rows of a query worked out here, the same as the compiled modules give; so on Bun and Deno,
// which run the installed command when asked to (`bunx --bun`, `deno run npm:…`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { isBuiltin } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const BIN = join(ROOT, pkg.bin['usage-aggregator']);
const COMPILED = join(ROOT, 'dist/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'usage-aggregator-bin-'));
after(() => rmSync(work, { recursive: true, force: true }));

const BINS = join(ROOT, 'node_modules/.bin');
const RUNTIMES = { node: [process.execPath], bun: [join(BINS, 'bun')], deno: [join(BINS, 'deno'), 'run', '-A'] };
const cli = (main, args, runtime = 'node') => {
  const [file, ...pre] = RUNTIMES[runtime];
  return spawnSync(file, [...pre, main, ...args], { encoding: 'utf8', cwd: work });
};

test('the bin is the bundle, and reads the version from the package', () => {
  assert.match(pkg.bin['usage-aggregator'], /^\.\/dist\/bin\//);
  assert.ok(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n'));
  const r = cli(BIN, ['--version']);
  assert.deepEqual([r.status, r.stdout, r.stderr], [0, `${pkg.version}\n`, '']);
  assert.match(cli(BIN, ['--help']).stdout, /^usage: usage-aggregator <command>/);
});

test("the worker files import nothing but piscina and Node's own modules", () => {
  for (const file of ['io/scan/worker.js', 'engine/parallel/worker.js', 'engine/store/worker.js']) {
    const text = readFileSync(join(ROOT, 'dist', file), 'utf8');
    const specifiers = [...text.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    assert.deepEqual(
      specifiers.filter((s) => !isBuiltin(s) && s !== 'piscina'),
      [],
      `${file} imports ${specifiers.join(', ')}`,
    );
  }
});

test('recompute on a file large enough for the early threads gives the rows worked out here', () => {
  // 80,000 events (about 6 MB, past the size at which the threads start before the modules load):
  // event i at 2026-03-01 + i × 30 s, app a/b/c by i mod 3, quantity i mod 7.
  const start = Date.UTC(2026, 2, 1);
  const lines = [];
  const expected = new Map();
  for (let i = 0; i < 80_000; i++) {
    const ts = start + i * 30_000;
    const app = 'abc'[i % 3];
    lines.push(JSON.stringify({ ts: new Date(ts).toISOString(), app, quantity: i % 7, note: 'x'.repeat(20) }));
    const key = `${ts - (ts % 86_400_000)} ${app}`;
    expected.set(key, (expected.get(key) ?? 0) + (i % 7));
  }
  const input = join(work, 'events.ndjson');
  writeFileSync(input, `${lines.join('\n')}\n`);
  const query = join(work, 'query.json');
  writeFileSync(
    query,
    JSON.stringify({ time: 'ts', window: 'day', groupBy: ['app'], measures: { q: { op: 'sum', column: 'quantity' } } }),
  );
  const rows = (main, workers, runtime) => {
    const r = cli(main, ['recompute', '--input', input, '--query', query, '--output', 'ndjson', '--workers', workers], runtime);
    assert.equal(r.status, 0, `${runtime ?? 'node'}: ${r.stderr}`);
    // A worker file that failed to load would make the engine warn and run inline.
    assert.doesNotMatch(r.stderr, /could not start|warn/i);
    return r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  };
  const bundled = rows(BIN, '2');
  assert.deepEqual(new Map(bundled.map((r) => [`${r.window_start} ${r.app}`, r.q])), expected);
  assert.deepEqual(rows(COMPILED, '2'), bundled);
  assert.deepEqual(rows(BIN, '0'), bundled);
  assert.deepEqual(rows(BIN, '2', 'bun'), bundled);
  assert.deepEqual(rows(BIN, '2', 'deno'), bundled);
});
