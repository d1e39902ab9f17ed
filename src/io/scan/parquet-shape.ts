/**
 * Which Parquet columns the own page decoder reads, and as what. A column qualifies when it is
 * flat (a leaf of the root, required or optional) and its type converts to the value hyparquet
 * would hand the rules, so that the decoder's column and hyparquet's values give the same rows,
 * errors and counts. The precedence below follows hyparquet's own conversion (`convert` in its
 * `src/convert.js`): a converted type wins over a logical one, unsigned and decimal types, INT96,
 * JSON and the like stay with hyparquet.
 */
import type { ColumnMetaData, SchemaElement } from 'hyparquet';
import type { Rule } from './rules.ts';

/**
 * How a column's values decode: `text` (UTF-8 byte arrays), `int32` (times `scale`: 1, or a day
 * in ms for DATE), `int64` (an integer when `unit` is 0, else a timestamp in units of `unit` per
 * ms), `float`, `double`.
 */
export type Shape =
  | { kind: 'text' }
  | { kind: 'int32'; scale: number }
  | { kind: 'int64'; unit: 0 | 1 | 1000 | 1000000 }
  | { kind: 'float' }
  | { kind: 'double' };

/** Thrown when a chunk holds something the decoder does not read exactly like hyparquet. */
export class Unsupported extends Error {}

const DAY_MS = 86_400_000;
const UNITS = { MILLIS: 1, MICROS: 1000, NANOS: 1_000_000 } as const;

/**
 * The shape a flat column decodes to for its rule, or null when hyparquet keeps it. Times
 * (DATE, timestamps) become epoch ms only for a declared time column: elsewhere hyparquet's Dates
 * are what the rules see. int64 integers become numbers except for a declared boolean column,
 * where a BigInt and a number are read differently.
 */
export function shapeOf(element: SchemaElement, meta: ColumnMetaData, rule: Rule): Shape | null {
  if (element.repetition_type === 'REPEATED' || element.num_children) return null;
  if (meta.type !== element.type || meta.path_in_schema.length !== 1) return null;
  const { type, converted_type: ctype, logical_type: ltype } = element;
  const time = rule.type === 'time';
  if (ctype === 'DECIMAL' || type === 'INT96') return null;
  if (ctype === 'DATE') return type === 'INT32' && time ? { kind: 'int32', scale: DAY_MS } : null;
  if (ctype === 'TIMESTAMP_MILLIS') return type === 'INT64' && time ? { kind: 'int64', unit: 1 } : null;
  if (ctype === 'TIMESTAMP_MICROS') return type === 'INT64' && time ? { kind: 'int64', unit: 1000 } : null;
  if (ctype === 'JSON' || ctype === 'BSON' || ctype === 'INTERVAL') return null;
  const lt = ltype?.type;
  if (lt === 'GEOMETRY' || lt === 'GEOGRAPHY' || lt === 'UUID') return null;
  if (ctype === 'UTF8' || lt === 'STRING' || type === 'BYTE_ARRAY') return type === 'BYTE_ARRAY' ? { kind: 'text' } : null;
  if (ctype === 'UINT_64' || ctype === 'UINT_32' || (ltype?.type === 'INTEGER' && !ltype.isSigned)) return null;
  if (lt === 'FLOAT16') return null;
  if (ltype?.type === 'TIMESTAMP') return type === 'INT64' && time ? { kind: 'int64', unit: UNITS[ltype.unit] } : null;
  if (type === 'INT32') return { kind: 'int32', scale: 1 };
  if (type === 'INT64') return rule.type === 'boolean' ? null : { kind: 'int64', unit: 0 };
  if (type === 'FLOAT') return { kind: 'float' };
  if (type === 'DOUBLE') return { kind: 'double' };
  return null;
}
