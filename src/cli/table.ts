/**
 * `--output table`: rows as aligned columns (text left, numbers right), window times as ISO 8601
 * in the query's time zone, then one line per group with a sparkline (▁▂▃▄▅▆▇█) of each measure
 * across the windows.
 */
import { columnsOf } from './format-rows.ts';
import { isoInZone, sparkline } from '../sparkline.ts';

type Row = Record<string, unknown>;

/** Which columns are what; unknown parts are inferred from the rows by {@link inferShape}. */
export interface TableShape {
  /** Columns of epoch-ms instants, written as ISO in `timeZone`. */
  times: string[];
  /** The column that orders windows (a series' x axis); none: no sparklines. */
  window?: string;
  /** The columns that make a group (a series). */
  groups: string[];
  /** The numeric columns drawn as sparklines. */
  measures: string[];
  timeZone: string;
}

const WINDOW_NAMES = ['window_start', 'start_time', 'startDate', 'start_date', 'period_start', 'time', 'date', 'day', 'month'];
const isNumeric = (v: unknown) =>
  typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
const isTimeName = (name: string) => /(^|_)(start|end|time|date|day|month|at)$|Date$|Time$/.test(name);

/**
 * The shape of façade rows: the first column named like a window start is the x axis, numeric
 * columns are measures, the other non-time columns make the groups.
 */
export function inferShape(rows: readonly Row[], timeZone = 'UTC'): TableShape {
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

/**
 * cellText for one table: a time is written once per distinct instant. A result repeats each
 * window's start and end on every group's row, and writing an instant in a zone (Intl) costs
 * about 5 µs: 0.3 s of a 30,000-row table without this.
 */
function cellTexts(times: ReadonlySet<string>, timeZone: string): (name: string, value: unknown) => string {
  const written = new Map<number, string>();
  return (name, value) => {
    if (typeof value !== 'number' || !times.has(name)) return cellText(value, false, timeZone);
    let text = written.get(value);
    if (text === undefined) written.set(value, (text = isoInZone(value, timeZone)));
    return text;
  };
}

/** Characters as the eye counts them: code points ([...text].length, without the array). */
function width(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Lines of an aligned table; `right[i]` right-aligns column i. */
function aligned(header: string[], body: string[][], right: boolean[]): string[] {
  // Loops, not Math.max(...): spreading a column of 150,000 rows overflows the stack.
  const widths = header.map((h, i) => {
    let most = width(h);
    for (const r of body) most = Math.max(most, width(r[i]));
    return most;
  });
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd() + '\n';
  return [line(header), ...body.map(line)];
}

/**
 * The text of `--output table`.
 *
 * @example
 * tableLines(rows, { times: ['window_start', 'window_end'], window: 'window_start', groups: ['app'], measures: ['total'], timeZone: 'UTC' });
 */
export function* tableLines(rows: readonly Row[], shape: TableShape): Generator<string> {
  if (rows.length === 0) {
    yield '(no rows)\n';
    return;
  }
  const names = columnsOf(rows);
  const times = new Set(shape.times);
  const right = names.map((n) => !times.has(n) && rows.some((r) => typeof r[n] === 'number'));
  const text = cellTexts(times, shape.timeZone);
  yield* aligned(
    names,
    rows.map((r) => names.map((n) => text(n, r[n]))),
    right,
  );

  const { window } = shape;
  if (!window || shape.measures.length === 0) return;
  // The x axis: every window any row has, in order; a group without a row there gets a gap.
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
  yield `\nper group, ${windows.length} windows from ${first} to ${last}:\n`;
  const header = [...(shape.groups.length ? shape.groups : ['(all)']), ...shape.measures.flatMap((m) => [m, `${m} max`])];
  const body = [...series.values()].map((s) => [
    ...(shape.groups.length ? s.keys.map((k) => cellText(k, false, shape.timeZone)) : ['']),
    ...s.values.flatMap((v) => {
      let max: number | null = null;
      for (const x of v) if (x !== null) max = max === null ? x : Math.max(max, x);
      return [sparkline(v), max === null ? '' : cellText(max, false, shape.timeZone)];
    }),
  ]);
  yield* aligned(
    header,
    body,
    header.map((_, i) => i >= (shape.groups.length || 1) && (i - (shape.groups.length || 1)) % 2 === 1),
  );
}
