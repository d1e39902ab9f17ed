/**
 * Stored events read back as values, for `events.values(name)` and `events.toArquero()`: a
 * column in (time, arrival) order over every part, or one part's column decoded as it lies.
 * Dictionary codes become their values, NaN and the null code become null, and the time column
 * stays epoch ms.
 */
import { rowRuns } from '../runs.ts';
import type { ColumnSpec } from './append.ts';
import type { Part, PartColumn } from './part.ts';

/**
 * Column `name` over every part, in (time, arrival) order: `rows` values. `spec` is the events'
 * own column spec (its dictionary, when it has one; parts share it).
 */
export function columnInOrder(
  parts: Part[],
  name: string,
  timeColumn: string,
  spec: ColumnSpec | undefined,
  rows: number,
): unknown[] {
  const out = new Array<unknown>(rows);
  const runs = rowRuns(
    parts.map((p) => p.time),
    Float64Array.of(-Infinity, Infinity),
    parts.map(() => 0),
    parts.map((p) => p.n),
  );
  const read = parts.map((p): ((i: number) => unknown) => {
    if (name === timeColumn) return (i) => p.time[i];
    const col = p.columns.get(name);
    if (!col) return () => null;
    if (col.kind === 'number') return (i) => (col.values[i] === col.values[i] ? col.values[i] : null);
    const byCode = spec?.kind === 'dict' ? spec.dict.values : col.dict;
    const nullCode = spec?.kind === 'dict' ? spec.dict.nullCode : col.dict.length;
    return (i) => (col.codes[i] === nullCode ? null : byCode[col.codes[i]]);
  });
  for (let r = 0, k = 0; r < runs.runPart.length; r++) {
    const get = read[runs.runPart[r]];
    for (let i = runs.runFrom[r]; i < runs.runTo[r]; i++) out[k++] = get(i);
  }
  return out;
}

/** One part's column `name` as values, in the part's row order (all null where it lacks the column). */
export function partColumnValues(part: Part, name: string, timeColumn: string): ArrayLike<unknown> {
  if (name === timeColumn) return part.time;
  const col = part.columns.get(name);
  return col ? decode(col) : new Array(part.n).fill(null);
}

function decode(col: PartColumn): unknown[] {
  const n = col.kind === 'number' ? col.values.length : col.codes.length;
  const out = new Array<unknown>(n);
  if (col.kind === 'number') {
    const v = col.values;
    for (let i = 0; i < n; i++) out[i] = v[i] === v[i] ? v[i] : null;
  } else {
    const byCode = [...col.dict, null];
    const codes = col.codes;
    for (let i = 0; i < n; i++) out[i] = byCode[codes[i]];
  }
  return out;
}
