/**
 * The Native reader against blocks written by hand (the format as ClickHouse writes it over
 * HTTP: column count, row count, then per column name, type and values), cut into chunks at
 * every position; and the cells built from its columns. No server needed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSourceCells } from '../../src/clickhouse/cells.ts';
import type { MeasureSql } from '../../src/clickhouse/compile.ts';
import { NativeReader, NativeTypeError, type NativeColumn } from '../../src/clickhouse/native.ts';
import type { MeasurePlan } from '../../src/engine/plan.ts';

const enc = new TextEncoder();

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const str = (s: string | Uint8Array) => {
  const b = typeof s === 'string' ? enc.encode(s) : s;
  return [...varint(b.length), ...b];
};
const le = (bytes: number, set: (v: DataView) => void) => {
  const v = new DataView(new ArrayBuffer(bytes));
  set(v);
  return [...new Uint8Array(v.buffer)];
};
const u64 = (n: number) => le(8, (v) => v.setBigUint64(0, BigInt(n), true));
const i64 = (n: number) => le(8, (v) => v.setBigInt64(0, BigInt(n), true));
const f64 = (n: number) => le(8, (v) => v.setFloat64(0, n, true));

/** One block: each column as [name, type, value bytes]. */
function block(rows: number, columns: [string, string, number[]][]): number[] {
  return [...varint(columns.length), ...varint(rows), ...columns.flatMap(([n, t, data]) => [...str(n), ...str(t), ...data])];
}

function read(bytes: number[], cuts: number[] = []): NativeColumn[] {
  const all = Uint8Array.from(bytes),
    reader = new NativeReader();
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.push(all.subarray(from, cut));
    from = cut;
  }
  reader.push(all.subarray(from));
  return reader.end();
}

/** A column's values as plain JS values (null for NULL). */
function values(c: NativeColumn): unknown[] {
  const n = c.kind === 'number' ? c.values.length : c.codes.length;
  return Array.from({ length: n }, (_, k) => (c.nulls?.[k] ? null : c.kind === 'number' ? c.values[k] : c.dict[c.codes[k]]));
}

const long = 'x'.repeat(200) + 'é🙂';
// Two blocks of the shape an aggregation returns: window, a nullable string group, a nullable sum.
const TWO_BLOCKS = [
  ...block(3, [
    ['__ua_w', 'UInt64', [...u64(0), ...u64(1), ...u64(2 ** 40)]],
    ['__ua_g0', 'Nullable(String)', [0, 1, 0, ...str('ünï'), ...str(''), ...str(long)]],
    ['__ua_m0_0', 'Nullable(Float64)', [0, 0, 1, ...f64(1.5), ...f64(-0), ...f64(0)]],
  ]),
  ...block(2, [
    ['__ua_w', 'UInt64', [...u64(3), ...u64(3)]],
    ['__ua_g0', 'Nullable(String)', [0, 0, ...str(long), ...str('ünï')]],
    ['__ua_m0_0', 'Nullable(Float64)', [0, 0, ...f64(Infinity), ...f64(NaN)]],
  ]),
];

describe('NativeReader', () => {
  it('reads numbers, nullable strings and nullable floats across blocks', () => {
    const [w, g, m] = read(TWO_BLOCKS);
    expect(values(w)).toEqual([0, 1, 2 ** 40, 3, 3]);
    expect(values(g)).toEqual(['ünï', null, long, long, 'ünï']);
    expect(values(m)).toEqual([1.5, -0, null, Infinity, NaN]);
    // A string decodes once: a repeated value shares its code, across blocks too.
    expect(g.kind === 'text' && g.codes[0] === g.codes[4] && g.codes[2] === g.codes[3]).toBe(true);
    expect(w.name).toBe('__ua_w');
    expect(m.type).toBe('Nullable(Float64)');
  });

  it('reads the same whatever the chunks the bytes arrive in', () => {
    const whole = read(TWO_BLOCKS).map(values);
    for (let cut = 0; cut <= TWO_BLOCKS.length; cut++) expect(read(TWO_BLOCKS, [cut]).map(values)).toEqual(whole);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: TWO_BLOCKS.length }), { maxLength: 12 }), (cuts) => {
        expect(read(TWO_BLOCKS, cuts).map(values)).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('reads every integer and float width, fixed strings and enums', () => {
    const cols = read(
      block(2, [
        ['a', 'UInt8', [255, 0]],
        ['b', 'Int8', [0x80, 1]],
        [
          'c',
          'UInt16',
          le(4, (v) => {
            v.setUint16(0, 65535, true);
            v.setUint16(2, 7, true);
          }),
        ],
        [
          'd',
          'Int32',
          le(8, (v) => {
            v.setInt32(0, -5, true);
            v.setInt32(4, 2 ** 31 - 1, true);
          }),
        ],
        [
          'e',
          'UInt32',
          le(8, (v) => {
            v.setUint32(0, 2 ** 32 - 1, true);
          }),
        ],
        ['f', 'Int64', [...i64(-1_700_000_000_000), ...i64(2 ** 53 - 1)]],
        [
          'g',
          'Float32',
          le(8, (v) => {
            v.setFloat32(0, 0.5, true);
            v.setFloat32(4, -2, true);
          }),
        ],
        ['h', 'FixedString(3)', [...enc.encode('abc'), 0x78, 0, 0]],
        ['i', "Enum8('a' = 1, 'it\\'s' = -2)", [1, 0xfe]],
        ['j', 'Nullable(Int64)', [1, 0, ...i64(0), ...i64(-42)]],
      ]),
    );
    expect(cols.map(values)).toEqual([
      [255, 0],
      [-128, 1],
      [65535, 7],
      [-5, 2 ** 31 - 1],
      [2 ** 32 - 1, 0],
      [-1_700_000_000_000, 2 ** 53 - 1],
      [0.5, -2],
      ['abc', 'x\u0000\u0000'],
      ['a', "it's"],
      [null, -42],
    ]);
  });

  it('gives no columns for an empty answer', () => {
    expect(read([])).toEqual([]);
  });

  it("reports the server's error when the stream ends inside a block", () => {
    const error = enc.encode('Code: 241, e.displayText() = DB::Exception: Memory limit exceeded\n');
    expect(() => read([...TWO_BLOCKS, ...error])).toThrow(
      'ClickHouse: Code: 241, e.displayText() = DB::Exception: Memory limit exceeded',
    );
    expect(() => read(TWO_BLOCKS.slice(0, -3))).toThrow('ClickHouse: the Native result ended inside a block');
  });

  it('refuses a column type it cannot decode', () => {
    expect(() => read(block(1, [['a', 'Array(UInt8)', [1, 0, 0, 0, 0, 0, 0, 0, 7]]]))).toThrow(NativeTypeError);
    expect(() => read(block(1, [['a', 'Array(UInt8)', []]]))).toThrow(
      'ClickHouse result column type Array(UInt8) is not supported',
    );
  });
});

describe('toSourceCells', () => {
  const plan = (op: MeasurePlan['op'], column: string | null = 'q'): MeasurePlan => ({ name: op, op, column });
  const text = (name: string, dict: string[], codes: number[], nulls?: number[]): NativeColumn => ({
    name,
    type: 'Nullable(String)',
    kind: 'text',
    dict,
    codes: Int32Array.from(codes),
    nulls: nulls ? Uint8Array.from(nulls) : null,
  });
  const num = (name: string, v: number[], nulls?: number[]): NativeColumn => ({
    name,
    type: 'Nullable(Float64)',
    kind: 'number',
    values: Float64Array.from(v),
    nulls: nulls ? Uint8Array.from(nulls) : null,
  });

  it('codes each group value once, whatever the bytes it came from, and finishes each measure as its op says', () => {
    const sum: MeasureSql = { plan: plan('sum'), exprs: ['sum(`q`)'], kind: 'number', needsNoValues: false };
    const avg: MeasureSql = { plan: plan('avg'), exprs: ['sum(`q`)', 'count(`q`)'], kind: 'number', needsNoValues: false };
    const latest: MeasureSql = { plan: plan('latest', 'on'), exprs: ['argMax(`on`, …)'], kind: 'boolean', needsNoValues: false };
    const max: MeasureSql = { plan: plan('max', 'ws'), exprs: [], kind: 'string', needsNoValues: true };
    const cells = toSourceCells(
      [
        num('w', [0, 0, 1, 1]),
        // Two byte strings that both decode to U+FFFD, a NULL over an unused placeholder, 'a'.
        text('g', ['\ufffd', '\ufffd', '', 'a'], [0, 1, 2, 3], [0, 0, 1, 0]),
        num('s', [3, 0, 2.5, 0], [0, 1, 0, 0]),
        num('as', [6, 0, 1, 0], [0, 1, 0, 1]),
        num('an', [4, 0, 1, 0]),
        num('l', [1, 0, 0, 0], [0, 0, 0, 1]),
      ],
      ['string'],
      [sum, avg, latest, max],
    );
    expect(Array.from(cells.window)).toEqual([0, 0, 1, 1]);
    expect(cells.groups[0]).toEqual({ dict: ['\ufffd', null, 'a'], codes: Int32Array.from([0, 0, 1, 2]) });
    expect(cells.measures.map((m) => Array.from(m))).toEqual([
      [3, 0, 2.5, 0],
      [1.5, null, 1, null],
      [true, false, false, null],
      [null, null, null, null],
    ]);
  });

  it('has no cells for an empty answer', () => {
    const sum: MeasureSql = { plan: plan('sum'), exprs: ['sum(`q`)'], kind: 'number', needsNoValues: false };
    expect(toSourceCells([], ['string'], [sum])).toEqual({ window: new Float64Array(0), groups: [[]], measures: [[]] });
  });
});
