/**
 * Enforces declared column types on a raw batch: every declared column is read with its
 * coercer; a row with a bad value stops the read with an {@link EventFileError} naming the
 * earliest such row, or (with `skipInvalid`) is dropped, counted and reported to `onInvalid`.
 */
import { EventFileError } from './errors.ts';
import { coercer, Invalid, normalizeUndeclared, type Coerce } from './coerce.ts';
import type { ColumnType, RawBatch } from './types.ts';

export interface BatchRules {
  file: string;
  types: Record<string, ColumnType>;
  /** Columns to keep (declared columns always kept); undefined keeps all. */
  keep: Set<string> | undefined;
  text: boolean;
  skipInvalid: boolean;
  onInvalid: ((error: EventFileError) => void) | undefined;
}

export interface CheckedBatch {
  names: string[];
  columns: unknown[][];
  rows: number;
  /** Rows dropped here (bad values). */
  skipped: number;
}

/** The position of row `i` of a batch, for an error message. */
export function positionOf(batch: RawBatch, i: number): { line: number } | { row: number } {
  return batch.kind === 'line' ? { line: batch.positions[i] } : { row: batch.firstRow + i };
}

const coercers = new WeakMap<Record<string, ColumnType>, Map<string, Coerce>>();

function coercerFor(types: Record<string, ColumnType>, name: string): Coerce {
  let byName = coercers.get(types);
  if (!byName) coercers.set(types, (byName = new Map()));
  let c = byName.get(name);
  if (!c) byName.set(name, (c = coercer(types[name], name)));
  return c;
}

export function checkBatch(batch: RawBatch, rules: BatchRules): CheckedBatch {
  const n = batch.rows;
  const names: string[] = [];
  const columns: unknown[][] = [];
  batch.names.forEach((name, c) => {
    if (rules.keep && !rules.keep.has(name) && !(name in rules.types)) return;
    names.push(name);
    columns.push(batch.columns[c]);
  });
  // A declared time column the file lacks is a missing time in every row.
  for (const [name, type] of Object.entries(rules.types)) {
    if (type === 'time' && !names.includes(name)) {
      names.push(name);
      columns.push(new Array(n).fill(null));
    }
  }

  const reasons = new Map<number, string>();
  names.forEach((name, c) => {
    const values = columns[c];
    if (!(name in rules.types)) {
      normalizeUndeclared(values, rules.text);
      return;
    }
    const coerce = coercerFor(rules.types, name);
    for (let i = 0; i < n; i++) {
      const v = coerce(values[i], rules.text);
      if (v instanceof Invalid) {
        if (!reasons.has(i)) reasons.set(i, v.reason);
      } else values[i] = v;
    }
  });
  if (reasons.size === 0) return { names, columns, rows: n, skipped: 0 };

  const bad = [...reasons.keys()].sort((a, b) => a - b);
  if (!rules.skipInvalid) {
    throw new EventFileError(rules.file, positionOf(batch, bad[0]), reasons.get(bad[0])!);
  }
  for (const i of bad) rules.onInvalid?.(new EventFileError(rules.file, positionOf(batch, i), reasons.get(i)!));
  const kept = columns.map((values) => values.filter((_, i) => !reasons.has(i)));
  return { names, columns: kept, rows: n - bad.length, skipped: bad.length };
}
