/**
 * The CLI's output formats written the plain way, one row object and one write call at a time:
 * the renderer as it was before it was made faster (src/cli/format-rows.ts, table.ts), kept so
 * the property tests can check the fast one gives the same bytes. Slow on purpose; do not
 * optimise.
 */
import { isoInZone, sparkline } from '../../src/sparkline.ts';

type Row = Record<string, unknown>;

export interface RefShape {
  times: string[];
  window?: string;
  groups: string[];
  measures: string[];
  timeZone: string;
}

function columnsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const WINDOW_NAMES = ['window_start', 'start_time', 'startDate', 'start_date', 'period_start', 'time', 'date', 'day', 'month'];
const isNumeric = (v: unknown) =>
  typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
const isTimeName = (name: string) => /(^|_)(start|end|time|date|day|month|at)$|Date$|Time$/.test(name);

export function refInferShape(rows: readonly Row[], timeZone = 'UTC'): RefShape {
  const names = columnsOf(rows);
  const window = WINDOW_NAMES.find((n) => names.includes(n));
  const measures = names.filter(
    (n) => n !== window && !isTimeName(n) && rows.every((r) => r[n] === null || r[n] === undefined || isNumeric(r[n])),
  );
  const groups = names.filter((n) => n !== window && !isTimeName(n) && !measures.includes(n));
  return { times: [], window, groups, measures, timeZone };
}

function cellText(value: unknown, isTime: boolean, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (isTime && typeof value === 'number') return isoInZone(value, timeZone);
  if (typeof value === 'number') return String(Number.isInteger(value) ? value : Number(value.toPrecision(12)));
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function aligned(header: string[], body: string[][], right: boolean[]): string[] {
  const widths = header.map((h, i) => {
    let width = [...h].length;
    for (const r of body) width = Math.max(width, [...r[i]].length);
    return width;
  });
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd() + '\n';
  return [line(header), ...body.map(line)];
}

function tableLines(rows: readonly Row[], shape: RefShape): string[] {
  if (rows.length === 0) return ['(no rows)\n'];
  const names = columnsOf(rows);
  const times = new Set(shape.times);
  const right = names.map((n) => !times.has(n) && rows.some((r) => typeof r[n] === 'number'));
  const out = aligned(
    names,
    rows.map((r) => names.map((n) => cellText(r[n], times.has(n), shape.timeZone))),
    right,
  );
  const { window } = shape;
  if (!window || shape.measures.length === 0) return out;
  const key = (v: unknown) => (typeof v === 'number' ? v : String(v));
  const windows = [...new Set(rows.map((r) => key(r[window])))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = new Map(windows.map((w, i) => [w, i]));
  const series = new Map<string, { keys: unknown[]; values: (number | null)[][] }>();
  for (const r of rows) {
    const keys = shape.groups.map((g) => r[g]);
    const id = JSON.stringify(keys);
    let s = series.get(id);
    if (!s) series.set(id, (s = { keys, values: shape.measures.map(() => new Array(windows.length).fill(null)) }));
    const i = at.get(key(r[window]))!;
    shape.measures.forEach((m, j) => {
      const v = r[m];
      if (v !== null && v !== undefined && isNumeric(v)) s.values[j][i] = (s.values[j][i] ?? 0) + Number(v);
    });
  }
  const first = cellText(windows[0], times.has(window), shape.timeZone);
  const last = cellText(windows[windows.length - 1], times.has(window), shape.timeZone);
  out.push(`\nper group, ${windows.length} windows from ${first} to ${last}:\n`);
  const header = [...(shape.groups.length ? shape.groups : ['(all)']), ...shape.measures.flatMap((m) => [m, `${m} max`])];
  const body = [...series.values()].map((s) => [
    ...(shape.groups.length ? s.keys.map((k) => cellText(k, false, shape.timeZone)) : ['']),
    ...s.values.flatMap((v) => {
      const present = v.filter((x): x is number => x !== null);
      let max = -Infinity;
      for (const x of present) max = Math.max(max, x);
      return [sparkline(v), present.length ? cellText(max, false, shape.timeZone) : ''];
    }),
  ]);
  out.push(
    ...aligned(
      header,
      body,
      header.map((_, i) => i >= (shape.groups.length || 1) && (i - (shape.groups.length || 1)) % 2 === 1),
    ),
  );
  return out;
}

/**
 * The output text of `format`, as the pieces the command wrote one by one.
 *
 * @example
 * refRender('ndjson', rows, rows).join('');
 */
export function refRender(format: string, value: unknown, rows: readonly Row[], shape?: RefShape): string[] {
  if (format === 'json') return [JSON.stringify(value, null, 2) + '\n'];
  if (format === 'ndjson') return rows.map((row) => JSON.stringify(row) + '\n');
  if (format === 'csv') {
    const names = columnsOf(rows);
    return [names.map(csvField).join(',') + '\n', ...rows.map((row) => names.map((n) => csvField(row[n])).join(',') + '\n')];
  }
  return tableLines(rows, shape ?? refInferShape(rows));
}
