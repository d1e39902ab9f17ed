/**
 * How each column of a scan is read and stored: the time column into the chunk's time array,
 * declared numbers (and other declared times) as Float64, everything else dictionary-encoded.
 * The value rules are the declared-type coercers of `../coerce.ts`, so a fast byte path and the
 * slow value path accept and reject exactly the same things.
 */
import { coercer, Invalid, type Coerce } from '../coerce.ts';
import type { ColumnType } from '../types.ts';
import type { ChunkBuilder, DictBuilder, NumberBuilder } from './builder.ts';

/** What a scan task needs to know about the columns; plain data, so it can be posted to a worker. */
export interface ScanSpec {
  /** The time column. */
  time: string;
  /** Declared column types (the time column is always `'time'`). */
  types: Record<string, ColumnType>;
  /** Columns to keep besides the declared ones; undefined keeps every column. */
  keep: string[] | undefined;
  skipInvalid: boolean;
}

export interface Rule {
  name: string;
  /** Position among the scan's kept columns (a chunk builder's column slot). */
  slot: number;
  type: ColumnType | undefined;
  /** The scan's time column. */
  main: boolean;
  coerce: Coerce | null;
  kind: 'time' | 'number' | 'dict';
}

export class Rules {
  private readonly byName = new Map<string, Rule | null>();
  private readonly keep: Set<string> | undefined;
  /** Declared time columns: a row without a value in one of them is malformed. */
  readonly times: Rule[] = [];
  readonly spec: ScanSpec;
  private slots = 0;

  constructor(spec: ScanSpec) {
    this.spec = { ...spec, types: { ...spec.types, [spec.time]: 'time' } };
    this.keep = spec.keep ? new Set([...spec.keep, ...Object.keys(this.spec.types)]) : undefined;
    for (const [name, type] of Object.entries(this.spec.types)) if (type === 'time') this.times.push(this.rule(name)!);
  }

  /** The rule for a column, or null when the scan does not keep it. */
  rule(name: string): Rule | null {
    let r = this.byName.get(name);
    if (r !== undefined) return r;
    if (this.keep && !this.keep.has(name)) r = null;
    else {
      const type = Object.hasOwn(this.spec.types, name) ? this.spec.types[name] : undefined;
      const main = name === this.spec.time;
      r = {
        name,
        slot: this.slots++,
        type,
        main,
        coerce: type ? coercer(type, name) : null,
        kind: main ? 'time' : type === 'number' || type === 'time' ? 'number' : 'dict',
      };
    }
    this.byName.set(name, r);
    return r;
  }
}

/**
 * A chunk's builders by rule slot, so a row's writes skip the name lookup. Every declared column
 * is in every chunk (all null where the file has none), so whoever reads the events finds it.
 */
export class Writers {
  private readonly bySlot: (NumberBuilder | DictBuilder | undefined)[] = [];
  constructor(
    readonly chunk: ChunkBuilder,
    rules: Rules,
  ) {
    for (const name of Object.keys(rules.spec.types)) {
      const rule = rules.rule(name)!;
      if (rule.main) continue;
      if (rule.kind === 'dict') this.dict(rule);
      else this.number(rule);
    }
  }

  number(rule: Rule): NumberBuilder {
    if (rule.main) return this.chunk.time;
    return (this.bySlot[rule.slot] ??= this.chunk.column(rule.name, 'number')) as NumberBuilder;
  }

  dict(rule: Rule): DictBuilder {
    return (this.bySlot[rule.slot] ??= this.chunk.column(rule.name, 'dict')) as DictBuilder;
  }

  /** Whether the current row has a value in a declared time column. */
  hasTime(rule: Rule): boolean {
    const b = rule.main ? this.chunk.time : this.bySlot[rule.slot];
    return b !== undefined && b.len > this.chunk.n;
  }
}

function normalizeUndeclared(value: unknown, text: boolean): unknown {
  if (value === undefined || (text && value === '')) return null;
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : String(value);
  }
  return value;
}

/**
 * Writes one value of the current row through its column's rules; returns the reason when the
 * value makes the row malformed. `text` is true for CSV fields.
 */
export function writeValue(w: Writers, rule: Rule, value: unknown, text: boolean): string | null {
  const row = w.chunk.n;
  if (rule.coerce === null) {
    w.dict(rule).setValue(row, normalizeUndeclared(value, text));
    return null;
  }
  const v = rule.coerce(value, text);
  if (v instanceof Invalid) return v.reason;
  if (rule.kind === 'dict') w.dict(rule).setValue(row, v);
  else w.number(rule).set(row, v === null ? NaN : (v as number)); // a repeated key's null replaces its value
  return null;
}

/** The reason the current row is malformed for lack of a time, or null. */
export function missingTime(w: Writers, rules: Rules): string | null {
  for (const r of rules.times) if (!w.hasTime(r)) return `missing time in column "${r.name}"`;
  return null;
}
