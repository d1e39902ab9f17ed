// `npm run test:package`: the package as a user gets it. From a copy of the tracked files (no
// dist/, as in a clean checkout) `npm pack` builds and packs; a fresh project installs the
// tarball from the registry's dependencies, imports every subpath and runs a 2-worker query on
// Node, Deno and Bun, runs the bin, type-checks a consumer under nodenext and bundler,
// publint and arethetypeswrong check the tarball, and `deno publish --dry-run` the JSR side.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const BIN = join(ROOT, 'node_modules/.bin');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'usage-aggregator-package-'));
const app = join(work, 'app');
let tarball;

function run(file, args, cwd, env = {}) {
  const r = spawnSync(file, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 << 20 });
  if (r.status !== 0) assert.fail(`${file} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

before(() => {
  // A clean checkout: the files git sees (tracked, and new ones not ignored), with the dev tools of this one.
  const checkout = join(work, 'checkout');
  const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const file of tracked) {
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    try {
      copyFileSync(join(ROOT, file), join(checkout, file));
    } catch (error) {
      if (error.code !== 'ENOENT') throw error; // deleted in the work tree, not yet committed
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'));
  const out = run('npm', ['pack', '--json', '--pack-destination', work], checkout);
  const [info] = JSON.parse(out.slice(out.indexOf('[')));
  tarball = join(work, info.filename);
  assert.ok(
    info.files.some((f) => f.path === 'dist/index.js'),
    'the tarball has dist/index.js',
  );
  assert.ok(
    info.files.some((f) => f.path === 'LICENSE'),
    'the tarball has LICENSE',
  );

  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], app);
  for (const file of ['consumer.mjs', 'consumer.ts', 'tsconfig.nodenext.json', 'tsconfig.bundler.json'])
    copyFileSync(join(HERE, file), join(app, file));
  // The type checker and Node's types for the consumer, from this checkout.
  mkdirSync(join(app, 'node_modules/@types'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules/@types/node'), join(app, 'node_modules/@types/node'));
  symlinkSync(join(ROOT, 'node_modules/undici-types'), join(app, 'node_modules/undici-types'));
});
after(() => rmSync(work, { recursive: true, force: true }));

// Days of 24 hourly events alternate a, b (12 each); quantities cycle 1, 2, 3 from the first
// event, so a's hours 0, 2, 4, … of day d carry (2d·12 + k) mod 3 … worked out below by hand.
// Day 1 (hours 0–23): a at i = 0, 2, …, 22 → (i mod 3) + 1 = 1, 3, 2, 1, 3, 2, … → 4 × 6 = 24;
// b at i = 1, 3, …, 23 → 2, 1, 3, … → 24. Every whole day has the same 24 / 24 (24 ≡ 0 mod 3).
// Day 5 (i = 96–99): a at 96, 98 → 1 + 3 = 4; b at 97, 99 → 2 + 1 = 3.
const day = (d) => Date.UTC(2026, 0, d);
const EXPECTED = [
  ...[1, 2, 3, 4].flatMap((d) => [
    { window_start: day(d), window_end: day(d + 1), app: 'a', q: 24, n: 12 },
    { window_start: day(d), window_end: day(d + 1), app: 'b', q: 24, n: 12 },
  ]),
  { window_start: day(5), window_end: day(6), app: 'a', q: 4, n: 2 },
  { window_start: day(5), window_end: day(6), app: 'b', q: 3, n: 2 },
];

const checkConsumer = (stdout) => {
  const result = JSON.parse(stdout.trim().split('\n').pop());
  assert.deepEqual(result, { rows: EXPECTED, clickhouseError: 'MissingClickHouseClientError' });
};

test('the tarball installs without the optional @clickhouse/client, and runs on plain Node', () => {
  assert.equal(existsSync(join(app, 'node_modules/@clickhouse/client')), false);
  checkConsumer(run(process.execPath, ['consumer.mjs'], app));
});

test('the same import and query under Deno', () => {
  checkConsumer(run(join(BIN, 'deno'), ['run', '-A', 'consumer.mjs'], app));
});

test('the same import and query under Bun', () => {
  checkConsumer(run(join(BIN, 'bun'), ['consumer.mjs'], app));
});

test('npx usage-aggregator --version and --help', () => {
  assert.equal(run('npx', ['--no-install', 'usage-aggregator', '--version'], app), `${pkg.version}\n`);
  assert.match(run('npx', ['--no-install', 'usage-aggregator', '--help'], app), /^usage: usage-aggregator <command>/);
  const load = spawnSync(
    'npx',
    ['--no-install', 'usage-aggregator', 'load', '--input', 'x.ndjson', '--clickhouse', 'http://127.0.0.1:1', '--table', 't'],
    { cwd: app, encoding: 'utf8' },
  );
  assert.equal(load.status, 1);
  assert.match(load.stderr, /needs the @clickhouse\/client package .*npm install @clickhouse\/client/);
});

test('a consumer .ts type-checks under moduleResolution nodenext and bundler', () => {
  for (const config of ['tsconfig.nodenext.json', 'tsconfig.bundler.json'])
    run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config], app);
});

test('deno publish --dry-run passes (JSR: deno.json in step with the exports and imports)', () => {
  // No --allow-slow-types: every exported symbol has an explicit type (the vendor descriptors
  // included), so JSR can read the public API without inferring it.
  run(join(BIN, 'deno'), ['publish', '--dry-run', '--allow-dirty'], ROOT);
});

test('publint and arethetypeswrong find nothing', () => {
  run(join(BIN, 'publint'), ['run', '--strict', tarball], work);
  run(join(BIN, 'attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped'], work);
});
