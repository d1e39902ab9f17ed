/**
 * TabSeparated rows from ClickHouse → the engine's {@link SourceCells}. TabSeparated streams row
 * by row on 18.16 and current releases alike and is the cheapest to split; the JSON formats quote
 * 64-bit integers, and 18.16 has no JSONCompactEachRow.
 */
import { measureOp } from '../engine/measure-ops.ts';
import type { SourceCells } from '../engine/source.ts';
import type { ColumnKind } from './literals.ts';
import type { MeasureSql } from './compile.ts';

const UNESCAPE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0' };

/** A TabSeparated field as text: `\N` is null, backslash escapes undone. */
export function unescapeField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/gs, (_, c: string) => UNESCAPE[c] ?? c);
}

function number(text: string): number {
  switch (text) {
    case 'inf': case '+inf': return Infinity;
    case '-inf': return -Infinity;
    case 'nan': case '-nan': return NaN;
    default: return Number(text);
  }
}

/** A field of a column of `kind` as the engine's value. */
export function decodeValue(field: string, kind: ColumnKind): unknown {
  const text = unescapeField(field);
  if (text === null) return null;
  switch (kind) {
    case 'string': return text;
    case 'boolean': return text !== '0';
    case 'number': case 'time': return number(text);
  }
}

type Finish = (fields: string[], at: number) => unknown;

/** How one measure is finished from its fields, which start at `at`. */
function finisher(m: MeasureSql): Finish {
  const { empty, finish, reportsValue } = measureOp(m.plan.op);
  // A numeric op over a column with no values: every cell is empty.
  if (m.needsNoValues) return () => empty;
  // An op reporting the column's own values decodes them as the column's kind; other parts are numbers.
  if (reportsValue) return (f, at) => decodeValue(f[at], m.kind!);
  const part = (field: string) => (field === '\\N' ? null : number(field));
  if (finish) return (f, at) => finish(m.exprs.map((_, j) => part(f[at + j])));
  return (f, at) => part(f[at]) ?? empty;
}

/** Accumulates rows (tab-separated lines) into cells. */
export class CellDecoder {
  readonly cells: SourceCells;
  private readonly window: number[] = [];
  private readonly measures: { finish: Finish; at: number; out: unknown[] }[];

  constructor(private readonly groupKinds: ColumnKind[], measures: MeasureSql[]) {
    this.cells = { window: this.window, groups: groupKinds.map(() => []), measures: measures.map(() => []) };
    let at = 1 + groupKinds.length;
    this.measures = measures.map((m, j) => {
      const entry = { finish: finisher(m), at, out: this.cells.measures[j] };
      at += m.exprs.length;
      return entry;
    });
  }

  add(line: string): void {
    const fields = line.split('\t');
    this.window.push(Number(fields[0]));
    for (let j = 0; j < this.groupKinds.length; j++) this.cells.groups[j].push(decodeValue(fields[j + 1], this.groupKinds[j]));
    for (const m of this.measures) m.out.push(m.finish(fields, m.at));
  }
}
