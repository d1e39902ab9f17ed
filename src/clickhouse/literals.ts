/**
 * Values reach ClickHouse SQL in one of two ways, chosen per server:
 * - as bound query parameters (`{p0:String}` with the value sent beside the query) on servers
 *   that have them (20.x and later; 18.16, the release Debian ships, does not), or
 * - through {@link sqlLiteral}, the one function that writes a value into SQL text.
 *
 * Numbers the compiler makes itself (grid offsets, range bounds, steps) are checked safe
 * integers and always written as digits.
 */
import type { Scalar } from '../engine/types.ts';

/** How a ClickHouse column holds its values; also what the loader declares when reading a file. */
export type ColumnKind = 'time' | 'string' | 'number' | 'boolean';

const HEX = '0123456789abcdef';
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => HEX[b >> 4] + HEX[b & 15]);
const scratch = new Float64Array(1);
const scratchBytes = new Uint8Array(scratch.buffer);

/** The 8 bytes of a double as hex, in memory (little-endian) order: what `unhex` + `reinterpretAsFloat64` read back. */
export function float64Hex(value: number): string {
  scratch[0] = value;
  const b = scratchBytes;
  return (
    BYTE_HEX[b[0]] +
    BYTE_HEX[b[1]] +
    BYTE_HEX[b[2]] +
    BYTE_HEX[b[3]] +
    BYTE_HEX[b[4]] +
    BYTE_HEX[b[5]] +
    BYTE_HEX[b[6]] +
    BYTE_HEX[b[7]]
  );
}

/**
 * A value as a ClickHouse SQL literal; the only place where values are written into SQL text.
 * - strings: single-quoted; `\` and `'` are backslash-escaped and every control character
 *   (NUL, newlines, …) becomes `\xHH`, so nothing inside can end the literal;
 * - safe integers: their digits; other finite numbers: their exact IEEE-754 bits, because some
 *   servers (18.16) round decimal float text to a neighbouring double and reject subnormals;
 * - booleans: 1 or 0 (booleans are stored as UInt8).
 * @throws TypeError for a non-finite number or any other type.
 * @example sqlLiteral("it's") // "'it\\'s'"
 */
export function sqlLiteral(value: Scalar): string {
  if (typeof value === 'string') {
    // eslint-disable-next-line no-control-regex
    return `'${value.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => {
      if (c === '\\' || c === "'") return `\\${c}`;
      const code = c.charCodeAt(0);
      return `\\x${HEX[code >> 4]}${HEX[code & 15]}`;
    })}'`;
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (Number.isSafeInteger(value)) return String(value === 0 ? 0 : value);
    return `reinterpretAsFloat64(unhex('${float64Hex(value)}'))`;
  }
  throw new TypeError(`cannot write ${String(value)} as a ClickHouse literal`);
}

/** An integer the compiler computed (an instant, an offset, a step), as digits. */
export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new TypeError(`expected a safe integer, got ${value}`);
  return String(value === 0 ? 0 : value);
}

/** Does `value` have the type a column of this kind holds? Values of another type never match it. */
export function fitsKind(value: Scalar, kind: ColumnKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'time':
      return typeof value === 'number' && Number.isSafeInteger(value);
  }
}

const PARAM_TYPE: Record<ColumnKind, string> = { string: 'String', number: 'Float64', time: 'Int64', boolean: 'UInt8' };

/** Collects the values of one query: as literals, or as bound parameters. */
export interface Binder {
  /** SQL for `value` compared with a column of `kind` (the caller checked {@link fitsKind}). */
  value(value: Scalar, kind: ColumnKind): string;
  /** The parameters to send with the query (empty for literals). */
  readonly params: Record<string, string | number>;
}

/** A binder that writes every value with {@link sqlLiteral}. */
export function literalBinder(): Binder {
  return { value: (v) => sqlLiteral(v), params: {} };
}

/** A binder that sends every value as a typed query parameter `{pN:Type}`. */
export function parameterBinder(): Binder {
  const params: Record<string, string | number> = {};
  let n = 0;
  return {
    params,
    value(v, kind) {
      const name = `p${n++}`;
      params[name] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
      return `{${name}:${PARAM_TYPE[kind]}}`;
    },
  };
}
