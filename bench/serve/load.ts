/**
 * The HTTP half of `bench:serve`: autocannon against the sample server (./server.ts, its own
 * process). Reports req/s and p50/p99 latency for a mixed workload, for cheap requests alone,
 * and for cheap requests while one client loops on each vendor's heaviest legal request
 * (./requests.ts) — the figure the serving targets are stated in (cheap p99 ≤ 100 ms).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { CHEAP, HEADERS, HEAVY, type BenchRequest } from './requests.ts';

export interface LoadRow {
  workload: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Starts the sample server; resolves once it prints its URL. */
export function startServer(workers: string): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('./server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, '--workers', workers], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = /listening (\S+)/.exec(out);
      if (m) resolve({ url: m[1].replace(/\/$/, ''), child });
    });
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before listening`)));
  });
}

const asAutocannon = (list: BenchRequest[]) =>
  list.map((r) => ({ method: 'GET' as const, path: r.path, headers: { ...HEADERS[r.vendor] } }));

function run(url: string, list: BenchRequest[], connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: seconds, requests: asAutocannon(list) });
}

const row = (workload: string, r: autocannon.Result): LoadRow => ({
  workload,
  reqPerSec: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors,
});

/** Every workload in turn, `seconds` each. */
export async function loadWorkloads(url: string, seconds: number): Promise<LoadRow[]> {
  await run(url, [...CHEAP, ...HEAVY], 2, 1); // warm-up
  const rows: LoadRow[] = [];
  rows.push(row('mixed (cheap + heavy, 4 connections)', await run(url, [...CHEAP, ...HEAVY], 4, seconds)));
  rows.push(row('cheap alone (1 connection)', await run(url, CHEAP, 1, seconds)));
  for (const heavy of HEAVY) {
    const [cheap, loop] = await Promise.all([run(url, CHEAP, 1, seconds), run(url, [heavy], 1, seconds)]);
    rows.push(row(`cheap, beside a ${heavy.vendor} heavy loop`, cheap));
    rows.push(row(`  the ${heavy.vendor} heavy loop itself`, loop));
  }
  const [cheap, loops] = await Promise.all([run(url, CHEAP, 1, seconds), run(url, HEAVY, 4, seconds)]);
  rows.push(row('cheap, beside 4 heavy loops (every vendor)', cheap));
  rows.push(row('  the 4 heavy loops themselves', loops));
  return rows;
}
