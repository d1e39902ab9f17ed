/**
 * TabSeparated rows from ClickHouse → the engine's {@link SourceCells}. TabSeparated is the one
 * streamable text format both 18.16 and current releases have; JSON formats quote 64-bit
 * integers and do not stream per row on 18.16.
 */
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

/** Finishes one measure from its fields (as many as it has expressions). */
function finish(m: MeasureSql, fields: string[]): unknown {
  const op = m.plan.op;
  if (m.needsNoValues) return op === 'sum' ? 0 : null;
  const first = fields[0] === '\\N' ? null : fields[0];
  switch (op) {
    case 'sum': return first === null ? 0 : number(first);
    case 'count': case 'countDistinct': return first === null ? 0 : Number(first);
    case 'min': case 'max': return first === null ? null : number(first);
    case 'avg': {
      const count = Number(fields[1]);
      return count > 0 && first !== null ? number(first) / count : null;
    }
    case 'latest': return decodeValue(fields[0], m.kind!);
  }
}

/** Accumulates rows (tab-separated lines) into cells. */
export class CellDecoder {
  readonly cells: SourceCells;
  private readonly window: number[] = [];

  constructor(private readonly groupKinds: ColumnKind[], private readonly measures: MeasureSql[]) {
    this.cells = { window: this.window, groups: groupKinds.map(() => []), measures: measures.map(() => []) };
  }

  add(line: string): void {
    const fields = line.split('\t');
    this.window.push(Number(fields[0]));
    let at = 1;
    this.groupKinds.forEach((kind, j) => this.cells.groups[j].push(decodeValue(fields[at++], kind)));
    this.measures.forEach((m, j) => {
      const n = m.exprs.length;
      this.cells.measures[j].push(finish(m, fields.slice(at, at + n)));
      at += n;
    });
  }
}
