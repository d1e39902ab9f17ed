/**
 * `npm run bench:ingest [-- --n 5000000,20000000 --formats ndjson,csv,parquet,arrow --runs 1 --no-build]`:
 * event files in, a rollup out, end to end as processes. For each size and format it runs the
 * built CLI's `recompute --query` (sum by UTC day × workspace_id) beside DuckDB reading the same
 * file with `read_json` / `read_csv` / `read_parquet` plus the same GROUP BY (Arrow's row beside
 * DuckDB on the Parquet file), each under /usr/bin/time for wall time and peak RSS, checks that
 * both give the same rows, prints a table of medians and writes bench/results/ingest.json.
 * The files are generated once (seeded) and cached in bench/.data/ (gitignored).
 * `--cli dist/cli/main.js` times the compiled command line instead of the package's bin (the
 * bundle); after `npx tsc -p tsconfig.build.json` alone and `--no-build`, with compiled worker
 * files too, which is the build before the bundle step.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestFile, type IngestFormat } from './ingest/files.ts';
import { median } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '5000000' },
    formats: { type: 'string', default: 'ndjson,csv,parquet,arrow' },
    runs: { type: 'string', default: '1' },
    workers: { type: 'string', default: 'auto' },
    'no-build': { type: 'boolean', default: false },
    cli: { type: 'string' },
    'skip-duckdb': { type: 'boolean', default: false },
  },
});
const root = new URL('..', import.meta.url).pathname;
const dataDir = join(root, 'bench/.data');
const sizes = args.n.split(',').map(Number);
const formats = args.formats.split(',') as IngestFormat[];
const runs = Number(args.runs);
const work = join(tmpdir(), `ingest-${process.pid}`);
mkdirSync(work, { recursive: true });

if (!args['no-build']) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('build failed');
}
// The package's bin (the bundled command line), as an installed package runs it.
const bin = join(
  root,
  args.cli ??
    (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['usage-aggregator'],
);
const query = join(work, 'query.json');
writeFileSync(
  query,
  JSON.stringify({
    time: 'ts',
    window: 'day',
    groupBy: ['workspace_id'],
    measures: { quantity: { op: 'sum', column: 'quantity' } },
  }),
);

interface Run {
  wall: number;
  cpu: number;
  rssMb: number;
  rows: string[];
}

/** Runs a command under /usr/bin/time: wall seconds, CPU seconds (user + system) and peak RSS. */
function timed(argv: string[], out: string): Run {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M %U %S', ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stderr
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('TIME '));
  if (r.status !== 0 || !line) throw new Error(`${argv.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const [, wall, kb, user, system] = line.split(' ');
  return {
    wall: Number(wall),
    cpu: Number(user) + Number(system),
    rssMb: Number(kb) / 1024,
    rows: readFileSync(out, 'utf8').trim().split('\n'),
  };
}

function cli(file: string): Run {
  const out = join(work, 'cli.ndjson');
  const run = timed(
    ['node', bin, 'recompute', '--input', file, '--query', query, '--output', 'ndjson', '--out', out, '--workers', args.workers],
    out,
  );
  run.rows = run.rows.map((l) => {
    const r = JSON.parse(l) as { window_start: number; workspace_id: string; quantity: number };
    return JSON.stringify([r.window_start, r.workspace_id, r.quantity]);
  });
  return run;
}

function duck(file: string, format: IngestFormat): Run {
  const out = join(work, 'duck.ndjson');
  return timed(['node', join(root, 'bench/ingest/duckdb.mjs'), file, format, out], out);
}

const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

interface Figures {
  wall: number;
  cpu: number;
  rssMb: number;
}
interface Row {
  n: number;
  format: string;
  mb: number;
  cli: Figures;
  duckdb?: Figures & { file: string };
  sameRows?: boolean;
}
const figures = (rs: Run[]): Figures => ({
  wall: median(rs.map((r) => r.wall)),
  cpu: median(rs.map((r) => r.cpu)),
  rssMb: median(rs.map((r) => r.rssMb)),
});
const results: Row[] = [];
for (const n of sizes) {
  for (const format of formats) {
    const file = await ingestFile(dataDir, n, format);
    const peerFormat = format === 'arrow' ? 'parquet' : format;
    const peerFile = format === 'arrow' ? await ingestFile(dataDir, n, 'parquet') : file;
    const ours: Run[] = [];
    const theirs: Run[] = [];
    for (let k = 0; k < runs; k++) {
      ours.push(cli(file));
      if (!args['skip-duckdb']) theirs.push(duck(peerFile, peerFormat));
    }
    const row: Row = {
      n,
      format,
      mb: statSync(file).size / 1e6,
      cli: figures(ours),
    };
    if (theirs.length) {
      row.duckdb = { file: peerFormat, ...figures(theirs) };
      row.sameRows = same(ours[0].rows, theirs[0].rows);
    }
    results.push(row);
    const d = row.duckdb;
    console.log(
      `${n} ${format} (${row.mb.toFixed(0)} MB): CLI ${row.cli.wall.toFixed(2)} s (cpu ${row.cli.cpu.toFixed(2)} s) ${row.cli.rssMb.toFixed(0)} MB` +
        (d
          ? ` | DuckDB (${d.file}) ${d.wall.toFixed(2)} s (cpu ${d.cpu.toFixed(2)} s) ${d.rssMb.toFixed(0)} MB | ${(row.cli.wall / d.wall).toFixed(2)}× | same rows: ${row.sameRows}`
          : ''),
    );
  }
}

// On a shared machine wall time follows the load; CPU time (user + system) is the steadier figure.
console.log(
  '\n| events | file | size | CLI wall | CLI CPU | CLI peak RSS | DuckDB wall | DuckDB CPU | DuckDB peak RSS | wall ratio | CPU ratio | same rows |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const d = r.duckdb;
  console.log(
    `| ${r.n.toLocaleString('en-US')} | ${r.format} | ${r.mb.toFixed(0)} MB | ${r.cli.wall.toFixed(2)} s | ${r.cli.cpu.toFixed(2)} s | ${r.cli.rssMb.toFixed(0)} MB | ` +
      (d
        ? `${d.wall.toFixed(2)} s (${d.file}) | ${d.cpu.toFixed(2)} s | ${d.rssMb.toFixed(0)} MB | ${(r.cli.wall / d.wall).toFixed(2)}× | ${(r.cli.cpu / d.cpu).toFixed(2)}× | ${r.sameRows ? 'yes' : 'NO'} |`
        : '– | – | – | – | – | – |'),
  );
}
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(
  join(root, 'bench/results/ingest.json'),
  JSON.stringify({ date: new Date().toISOString(), runs, workers: args.workers, results }, null, 2),
);
if (results.some((r) => r.sameRows === false)) process.exitCode = 1;
