/**
 * The column-at-a-time writer for batches of {@link BatchColumn}s (an Arrow record batch, a
 * Parquet row group): each column is written by a tight loop (./batch-loops.ts) straight into
 * its chunk array — ISO instants read from text bytes, text ids found in the dictionary by their
 * bytes, dictionary columns translated one entry at a time the first time a row uses it
 * (./batch-dictionary.ts), numbers copied — with no JS value per cell on the common paths.
 *
 * A batch with malformed rows whose columns all have such common shapes is still written a
 * column at a time, bad rows left out (./batch-compact.ts); any other is written again row by
 * row (./batch-rows.ts). Either way a row's first problem in column order is the one reported,
 * the scan stops or skips exactly as the other scans do, and the dictionaries keep first-seen
 * order, bad rows' earlier values included.
 */
import type { ChunkColumn, ColumnChunk, NumberChunkColumn } from '../../engine/store/chunk.ts';
import { compactBatch } from './batch-compact.ts';
import { dictionaryColumn } from './batch-dictionary.ts';
import { numberIds, numberShape, shapeOf, utf8Ids } from './batch-loops.ts';
import { cellValue, scanBatchRows } from './batch-rows.ts';
import { ChunkBuilder } from './builder.ts';
import type { BatchColumn, RowsScan } from './columnar.ts';
import { type Rule, Rules, Writers, writeValue } from './rules.ts';
import { integerStats, knowStats } from '../../engine/store/stats.ts';

type Column<K extends BatchColumn['kind']> = Extract<BatchColumn, { kind: K }>;

/**
 * Rows `[0, n)` of a batch given as columns (`names[c]` names `columns[c]`; columns the rules do
 * not keep are passed over): the same chunk, counts and errors as writing them row by row.
 *
 * @example
 * const bytes = new TextEncoder().encode('2026-11-01T00:00:00Zws_1');
 * const scan = scanBatch(
 *   ['ts', 'workspace_id', 'quantity'],
 *   [
 *     { kind: 'utf8', values: bytes, offsets: Int32Array.of(0, 20), validity: null },
 *     { kind: 'utf8', values: bytes, offsets: Int32Array.of(20, 24), validity: null },
 *     { kind: 'number', values: Int32Array.of(5), validity: null },
 *   ],
 *   1,
 *   new Rules({ time: 'ts', types: { quantity: 'number' }, keep: undefined, skipInvalid: false }),
 * );
 * scan.chunk.time; // Float64Array [1793491200000]
 */
export function scanBatch(names: string[], columns: BatchColumn[], n: number, rules: Rules): RowsScan {
  return (n > 0 ? writeColumns(names, columns, n, rules) : null) ?? scanBatchRows(names, columns, n, rules);
}

/** The batch written column at a time, or null when some row is malformed (or columns share a rule). */
function writeColumns(names: string[], columns: BatchColumn[], n: number, rules: Rules): RowsScan | null {
  const kept: { rule: Rule; col: BatchColumn }[] = [];
  const seen = new Set<Rule>();
  for (let c = 0; c < names.length; c++) {
    const rule = rules.rule(names[c]);
    if (rule === null) continue;
    // A repeated name writes one column twice a row; only the row path keeps that order.
    if (seen.has(rule)) return null;
    seen.add(rule);
    kept.push({ rule, col: columns[c] });
  }
  // Without a declared time column every row is malformed.
  for (const t of rules.times) if (!seen.has(t)) return null;
  // Common shapes are written straight into the chunk's arrays; the rest through the builders.
  const direct = new Map<Rule, ChunkColumn>();
  let chunk: ChunkBuilder | null = null;
  let w: Writers | null = null;
  for (const { rule, col } of kept) {
    const fast = directColumn(rules, rule, col, n);
    if (fast === false) return kept.every((c) => shapeOf(c.rule, c.col) !== null) ? compacted(rules, kept, n) : null;
    if (fast !== null) {
      direct.set(rule, fast);
      continue;
    }
    if (w === null) w = new Writers((chunk = new ChunkBuilder()), rules);
    if (!eachCell(w, rule, col, n)) return null;
  }
  let built: ColumnChunk | null = null;
  if (chunk !== null) {
    chunk.n = n;
    built = chunk.finish();
  }
  // Declared columns first, then the batch's in its order: the order a row-by-row write makes them in.
  const out = new Map<string, ChunkColumn>();
  const place = (rule: Rule) => {
    if (rule.main || out.has(rule.name)) return;
    out.set(rule.name, direct.get(rule) ?? built?.columns.get(rule.name) ?? nullColumn(rule, n));
  };
  for (const name of Object.keys(rules.spec.types)) place(rules.rule(name)!);
  for (const { rule } of kept) place(rule);
  const time = direct.get(rules.rule(rules.spec.time)!) as NumberChunkColumn | undefined;
  const result: ColumnChunk = { n, time: time?.values ?? built!.time, columns: out };
  return { chunk: result, rows: n, skipped: 0, error: null, invalid: [], total: n };
}

/** A batch of common shapes with malformed rows: number columns first, marking them (see ./batch-compact.ts). */
function compacted(rules: Rules, kept: { rule: Rule; col: BatchColumn }[], n: number): RowsScan {
  const bad = new Int32Array(n).fill(-1);
  const values = kept.map(({ rule, col }, k) => {
    const shape = shapeOf(rule, col);
    return shape === 'text-ids' || shape === 'number-ids' ? null : (numberShape(rule, col, n, bad, k) as Float64Array);
  });
  return compactBatch(rules, kept, n, bad, values);
}

/** A declared column the batch lacks: null in every row. */
function nullColumn(rule: Rule, n: number): ChunkColumn {
  return rule.kind === 'dict'
    ? { kind: 'dict', codes: new Int32Array(n).fill(-1), dict: [] }
    : { kind: 'number', values: new Float64Array(n).fill(NaN) };
}

const numberColumn = (values: Float64Array | false): NumberChunkColumn | false => values && { kind: 'number', values };

/**
 * Rows `[0, n)` of a column of a common shape, written straight into a new array; false as soon
 * as a value makes its row malformed; null for any other shape.
 */
function directColumn(rules: Rules, rule: Rule, col: BatchColumn, n: number): ChunkColumn | false | null {
  if (col.kind === 'dictionary') return dictionaryColumn(rules, rule, col, n);
  const shape = shapeOf(rule, col);
  if (shape === 'text-ids') return utf8Ids(col as Column<'utf8'>, n);
  if (shape === 'number-ids') return numberIds(col as Column<'number'>, n);
  if (shape === null) return null;
  const column = numberColumn(numberShape(rule, col, n, null, 0));
  // Integers with none missing: their summary comes from the integers (the chunk's summary is
  // otherwise made from the doubles, a slower pass; see ../../engine/store/stats.ts).
  if (column && shape === 'numbers' && col.kind === 'number' && col.validity === null && isIntegers(col.values)) {
    knowStats(column.values, integerStats(col.values, n));
  }
  return column;
}

function isIntegers(a: Column<'number'>['values']): boolean {
  return !(a instanceof Float64Array || a instanceof Float32Array);
}

/** Any other column: every cell through the rules as its JS value. */
function eachCell(w: Writers, rule: Rule, col: BatchColumn, n: number): boolean {
  const chunk = w.chunk;
  for (let i = 0; i < n; i++) {
    chunk.n = i;
    if (writeValue(w, rule, cellValue(col, i), false) !== null) return false;
  }
  return true;
}

// Each column loop run a dozen times on a small batch when this module loads. A function
// collects no type feedback until it has run a few times, so a loop optimized while it ran
// through its first batch was thrown away at the start of its second (measured: a thread's
// second batch about as slow as its first, unoptimized one).
{
  const times = new TextEncoder().encode('2026-11-01T00:00:00Z2026-11-01T00:00:00.250Z');
  const text = new TextEncoder().encode('abcdefghijklmnopq');
  const columns: BatchColumn[] = [
    { kind: 'utf8', values: times, offsets: Int32Array.of(0, 20, 44), validity: null },
    { kind: 'utf8', values: text, offsets: Int32Array.of(0, 3, 17), validity: Uint8Array.of(1) },
    { kind: 'number', values: Int32Array.of(1, 2), validity: null },
    { kind: 'number', values: Float64Array.of(1.5, 2), validity: Uint8Array.of(3) },
    { kind: 'number', values: Float64Array.of(1.5, 2), validity: null },
    {
      kind: 'dictionary',
      codes: Uint8Array.of(1, 0),
      dictionary: { kind: 'utf8', values: text, offsets: Int32Array.of(0, 3, 17), validity: null },
      validity: null,
    },
  ];
  const rules = () => new Rules({ time: 'ts', types: { q: 'number', f: 'number' }, keep: undefined, skipInvalid: false });
  const names = ['ts', 'ws', 'q', 'f', 'n', 'd'];
  const skipping = new Rules({ time: 'ts', types: { q: 'number' }, keep: undefined, skipInvalid: true });
  const bad: BatchColumn = { kind: 'number', values: Float64Array.of(Infinity, 2), validity: null };
  for (let k = 0; k < 12; k++) {
    scanBatch(names, columns, 2, rules());
    scanBatch(names.slice(0, 3), [columns[0], columns[1], bad], 2, skipping);
  }
}
