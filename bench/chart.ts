/**
 * Benchmark pictures: SVG bar charts of median milliseconds, engine against DuckDB against plain
 * arquero, on a log scale (the peers differ by orders of magnitude). `barChart` draws one or
 * more workloads; `node --import tsx bench/chart.ts [results.json] [out-dir]` redraws the charts
 * of a saved run (bench/results/latest.json by default).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ChartRow {
  id: string;
  title: string;
  engine: number;
  duck?: number;
  arquero?: number;
}

export interface ChartMeta {
  /** Events per workload. */
  n: number;
  /** Where the figures were measured, e.g. "2-core AMD EPYC VM, Node 20". */
  machine: string;
  date?: string;
}

const PEERS = [
  { key: 'engine', label: 'usage-aggregator', color: '#2563eb' },
  { key: 'duck', label: 'DuckDB', color: '#f59e0b' },
  { key: 'arquero', label: 'plain arquero', color: '#6b7280' },
] as const;

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (ms: number) => (ms >= 100 ? `${Math.round(ms).toLocaleString('en-US')} ms` : `${ms.toFixed(1)} ms`);

/**
 * An SVG of horizontal bars, a group per workload, a bar per system; the x axis is log10 ms.
 *
 * @example
 * writeFileSync('q1.svg', barChart([{ id: 'Q1', title: 'sum by hour', engine: 347, duck: 120, arquero: 14410 }], { n: 1e7, machine: '2 cores' }));
 */
export function barChart(rows: readonly ChartRow[], meta: ChartMeta): string {
  const values = rows.flatMap((r) => PEERS.map((p) => r[p.key]).filter((v): v is number => v !== undefined && v > 0));
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const left = 290,
    right = 90,
    width = 860,
    bar = 16,
    gap = 4,
    groupGap = 22,
    top = 62;
  const plot = width - left - right;
  const x = (ms: number) => left + (Math.log10(ms / lo) / Math.log10(hi / lo)) * plot;
  const groupHeight = PEERS.length * (bar + gap) + groupGap;
  const height = top + rows.length * groupHeight + 40;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="16" y="22" font-size="15" font-weight="600">Median query time, log scale (shorter is faster)</text>`);
  out.push(
    `<text x="16" y="40" fill="#4b5563">${xml(`${meta.n.toLocaleString('en-US')} events · ${meta.machine}${meta.date ? ` · ${meta.date.slice(0, 10)}` : ''}`)}</text>`,
  );
  PEERS.forEach((p, i) => {
    const lx = left + i * 150;
    out.push(`<rect x="${lx}" y="48" width="10" height="10" fill="${p.color}"/><text x="${lx + 14}" y="57">${p.label}</text>`);
  });
  // Decade grid lines.
  for (let v = lo; v <= hi * 1.0001; v *= 10) {
    const gx = x(v).toFixed(1);
    out.push(`<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${height - 32}" stroke="#e5e7eb"/>`);
    out.push(
      `<text x="${gx}" y="${height - 16}" text-anchor="middle" fill="#6b7280">${v >= 1000 ? `${v / 1000} s` : `${v} ms`}</text>`,
    );
  }
  rows.forEach((r, g) => {
    const gy = top + g * groupHeight;
    out.push(`<text x="${left - 10}" y="${gy + bar + 4}" text-anchor="end" font-weight="600">${xml(r.id)}</text>`);
    out.push(
      `<text x="${left - 10}" y="${gy + 2 * bar + 8}" text-anchor="end" fill="#4b5563" font-size="11">${xml(r.title.length > 44 ? `${r.title.slice(0, 43)}…` : r.title)}</text>`,
    );
    PEERS.forEach((p, i) => {
      const v = r[p.key];
      const y = gy + i * (bar + gap);
      if (v === undefined || !(v > 0)) {
        out.push(`<text x="${left + 4}" y="${y + bar - 4}" fill="#9ca3af">${p.label}: not measured</text>`);
        return;
      }
      const w = Math.max(1, x(v) - left);
      out.push(
        `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${p.color}"><title>${p.label}: ${fmt(v)}</title></rect>`,
      );
      out.push(`<text x="${(left + w + 4).toFixed(1)}" y="${y + bar - 4}">${fmt(v)}</text>`);
    });
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** Writes `chart.svg` (every workload) and `<id>.svg` per workload into `dir`; returns the paths. */
export function writeCharts(dir: string, rows: readonly ChartRow[], meta: ChartMeta): string[] {
  mkdirSync(dir, { recursive: true });
  const paths = [join(dir, 'chart.svg')];
  writeFileSync(paths[0], barChart(rows, meta));
  for (const r of rows) {
    const path = join(dir, `${r.id}.svg`);
    writeFileSync(path, barChart([r], meta));
    paths.push(path);
  }
  return paths;
}

/** The machine, in words, for a chart's caption. */
export async function machineName(): Promise<string> {
  const os = await import('node:os');
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const input = process.argv[2] ?? new URL('./results/latest.json', import.meta.url).pathname;
  const outDir = process.argv[3] ?? new URL('./results/', import.meta.url).pathname;
  const saved = JSON.parse(readFileSync(input, 'utf8')) as { n: number; date?: string; machine?: string; rows: ChartRow[] };
  const paths = writeCharts(outDir, saved.rows, {
    n: saved.n,
    date: saved.date,
    machine: saved.machine ?? (await machineName()),
  });
  for (const p of paths) console.log(`wrote ${p}`);
}
