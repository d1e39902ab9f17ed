/**
 * The encoded view the executor reads (`Encoded` in ../table.ts) over time-ordered columns,
 * wherever they come from: a loaded part, or the columns of records and tables encoded on
 * demand. A column is kept in one form; the other form a query may ask for is derived once and
 * cached: a number column grouped by becomes a dictionary, a dictionary column summed becomes
 * numbers (or names its first non-numeric row).
 */
import type { DimColumn, Encoded } from '../table.ts';
import { sharedBuffer } from '../buffers.ts';
import { fromBigInt } from './columns.ts';
import type { PartColumn } from './part.ts';

export interface ColumnProvider {
  n: number;
  time: Float64Array;
  has(column: string): boolean;
  /** The column in time order; `asDict` asks for the dictionary form when the provider can give it directly. */
  column(column: string, asDict: boolean): PartColumn;
}

/** Numbers in time order → a dictionary in value order (NaN is null). */
export function numbersToDim(values: Float64Array): DimColumn {
  const map = new Map<number, number>();
  const uniques: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v && !map.has(v)) {
      map.set(v, uniques.length);
      uniques.push(v);
    }
  }
  const dict = [...uniques].sort((a, b) => a - b);
  const rank = new Map(dict.map((v, r) => [v, r]));
  const nullCode = dict.length;
  const codes = new Int32Array(sharedBuffer(values.length * 4));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    codes[i] = v === v ? rank.get(v)! : nullCode;
  }
  return { codes: [codes], dict, nullCode, order: () => null };
}

/** A dictionary column as numbers (safe BigInts become numbers), when every value is one. */
export function dictToNumbers(codes: Int32Array, dict: unknown[]): Float64Array {
  const byCode = new Float64Array(dict.length + 1);
  dict.forEach((v, c) => {
    byCode[c] = typeof v === 'bigint' ? fromBigInt(v)! : (v as number);
  });
  byCode[dict.length] = NaN;
  const out = new Float64Array(sharedBuffer(codes.length * 8));
  for (let i = 0; i < codes.length; i++) out[i] = byCode[codes[i]];
  return out;
}

export function encodedView(p: ColumnProvider): Encoded {
  const dims = new Map<string, DimColumn>();
  const nums = new Map<string, Float64Array[] | { badRow: number; value: unknown }>();
  return {
    n: p.n,
    times: [p.time],
    hasColumn: (c) => p.has(c),
    dim(c) {
      let d = dims.get(c);
      if (!d) {
        const col = p.column(c, true);
        d =
          col.kind === 'dict'
            ? { codes: [col.codes], dict: col.dict, nullCode: col.dict.length, order: () => null }
            : numbersToDim(col.values);
        dims.set(c, d);
      }
      return d;
    },
    num(c) {
      let v = nums.get(c);
      if (!v) {
        const col = p.column(c, false);
        v =
          col.kind === 'number'
            ? [col.values]
            : col.nonNumeric
              ? { badRow: col.nonNumeric.row, value: col.nonNumeric.value }
              : [dictToNumbers(col.codes, col.dict)];
        nums.set(c, v);
      }
      return v;
    },
  };
}
