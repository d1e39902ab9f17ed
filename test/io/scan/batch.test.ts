/**
 * The column-at-a-time writer for raw-buffer columns equals the row-by-row path over the same
 * cells given as JS values: same chunk (values, dictionaries and their order), counts, skipped
 * rows and first error, for random batches of text, numbers, dictionary-encoded and generic
 * columns with nulls, bad instants, numbers written as text, missing or repeated columns.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkStats } from '../../../src/engine/store/stats.ts';
import { scanBatch } from '../../../src/io/scan/batch-scan.ts';
import { type BatchColumn, scanColumns } from '../../../src/io/scan/columnar.ts';
import { Rules, type ScanSpec } from '../../../src/io/scan/rules.ts';
import type { ColumnType } from '../../../src/io/types.ts';

const NAMES = ['ts', 'q', 'ws', 'b', 't2', 'x'] as const;
type Name = (typeof NAMES)[number];

const iso = fc.integer({ min: -1e12, max: 4e12 }).map((ms) => new Date(ms).toISOString());
const odd = fc.constantFrom(
  '2026-02-30T00:00:00Z',
  '2026-11-01T05:30:00+05:30',
  '2026-11-01T00:00:00',
  '0000-01-01T00:00:00Z',
  'soon',
  '',
  ' 7 ',
  '12',
  '1e3',
  '-0',
  '9007199254740993',
  'true',
  'é',
  '日本',
);
const id = fc.constantFrom('a', 'b', 'ws_1', 'é', '😀', '');
/** Clean text for a column, by its name (what a well-formed file holds there). */
const cleanText: Record<Name, fc.Arbitrary<string>> = {
  ts: iso,
  t2: iso,
  q: fc.integer({ min: -999, max: 999 }).map(String),
  b: fc.constantFrom('true', 'false', '0', '1'),
  ws: id,
  x: id,
};
const anyText = fc.oneof(iso, odd, id, fc.string({ maxLength: 4 }));
const cleanNumber: Record<Name, fc.Arbitrary<number>> = {
  ts: fc.integer({ min: 0, max: 4e12 }),
  t2: fc.integer({ min: 0, max: 4e12 }),
  q: fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noDefaultInfinity: true })),
  b: fc.constantFrom(0, 1),
  ws: fc.integer({ min: 0, max: 3 }),
  x: fc.integer({ min: 0, max: 3 }),
};
const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 9e15, -8.64e15 - 1));
const anyValue = fc.oneof(
  anyText,
  anyNumber,
  fc.constantFrom(null, undefined, true, false, 0n, 2n ** 60n, -(2n ** 53n) - 1n),
  fc.date({ noInvalidDate: false }),
);

const NUMBER_ARRAYS = [
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
] as const;
const CODE_ARRAYS = [Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array] as const;

interface Built {
  column: BatchColumn;
  /** The same cells as the JS values they stand for, built here independently of the code under test. */
  values: unknown[];
}

/** LSB-first validity for `present`, or null (when every value is present, half the time). */
function validityOf(present: boolean[], always: boolean): Uint8Array | null {
  if (!always && present.every(Boolean)) return null;
  const bits = new Uint8Array(Math.ceil(present.length / 8) + 1);
  present.forEach((p, i) => {
    if (p) bits[i >> 3] |= 1 << (i & 7);
  });
  return bits;
}

function utf8(cells: (string | null)[], always: boolean): Built {
  const enc = new TextEncoder();
  // A prefix, so offsets need not start at 0; a null's slot holds text the writer must not read.
  const parts = cells.map((c) => enc.encode(c ?? 'zz'));
  const bytes = new Uint8Array(3 + parts.reduce((s, p) => s + p.length, 0) + 5);
  const offsets = new Int32Array(cells.length + 3);
  let at = 3;
  parts.forEach((p, i) => {
    offsets[i] = at;
    bytes.set(p, at);
    at += p.length;
  });
  offsets[cells.length] = at;
  return {
    column: {
      kind: 'utf8',
      values: bytes,
      offsets,
      validity: validityOf(
        cells.map((c) => c !== null),
        always,
      ),
    },
    values: cells,
  };
}

function numbers(cells: (number | null)[], type: number, always: boolean): Built {
  const Type = NUMBER_ARRAYS[type];
  const values = new Type(cells.length + 2);
  cells.forEach((c, i) => (values[i] = c ?? Infinity));
  return {
    column: {
      kind: 'number',
      values,
      validity: validityOf(
        cells.map((c) => c !== null),
        always,
      ),
    },
    values: cells.map((c, i) => (c === null ? null : values[i])),
  };
}

const nullable = <T>(a: fc.Arbitrary<T>, nulls: number) => fc.option(a, { nil: null, freq: nulls });

/** A column of `n` rows for `name`: mostly clean values of one kind, some batches dirty. */
function column(name: Name, n: number): fc.Arbitrary<Built> {
  const time = name === 'ts' || name === 't2';
  const cells = <T>(a: fc.Arbitrary<T>) =>
    fc.integer({ min: time ? 20 : 3, max: 60 }).chain((nulls) => fc.array(nullable(a, nulls), { minLength: n, maxLength: n }));
  const dirty = fc.oneof({ weight: 10, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
  const text = dirty.chain((d) => (d ? anyText : cleanText[name]));
  const num = dirty.chain((d) => (d ? anyNumber : cleanNumber[name]));
  const u = fc.tuple(cells(text), fc.boolean()).map(([c, always]) => utf8(c, always));
  const nm = fc
    .tuple(cells(num), fc.integer({ min: 0, max: NUMBER_ARRAYS.length - 1 }), fc.boolean())
    .map(([c, t, always]) => numbers(c, time ? 0 : t, always));
  const generic = fc.array(fc.oneof({ weight: 3, arbitrary: fc.oneof(text, num) }, anyValue), { minLength: n, maxLength: n });
  const values = generic.map((v): Built => ({ column: { kind: 'values', values: v }, values: v }));
  const dict = fc
    .tuple(
      fc.integer({ min: 1, max: 5 }).chain((d) =>
        fc.oneof(
          fc.array(nullable(text, 6), { minLength: d, maxLength: d }).map((c) => utf8(c, false)),
          fc.array(nullable(num, 6), { minLength: d, maxLength: d }).map((c) => numbers(c, 0, false)),
          fc
            .array(anyValue, { minLength: d, maxLength: d })
            .map((v): Built => ({ column: { kind: 'values', values: v }, values: v })),
        ),
      ),
      fc.integer({ min: 0, max: CODE_ARRAYS.length - 1 }),
      fc.boolean(),
    )
    .chain(([entries, type, always]) =>
      cells(fc.nat(entries.values.length - 1)).map((picks): Built => {
        const codes = new CODE_ARRAYS[type](n + 1);
        picks.forEach((p, i) => (codes[i] = p ?? 0));
        return {
          column: {
            kind: 'dictionary',
            codes,
            dictionary: entries.column,
            validity: validityOf(
              picks.map((p) => p !== null),
              always,
            ),
          },
          values: picks.map((p) => (p === null ? null : entries.values[p])),
        };
      }),
    );
  return fc.oneof(
    { weight: 3, arbitrary: u },
    { weight: 3, arbitrary: nm },
    { weight: 2, arbitrary: dict },
    { weight: 1, arbitrary: values },
  );
}

const TYPES: Record<string, ColumnType> = { q: 'number', ws: 'string', b: 'boolean', t2: 'time' };

const arbBatch = fc.integer({ min: 0, max: 12 }).chain((n) =>
  fc
    .record({
      n: fc.constant(n),
      names: fc.oneof(
        {
          weight: 4,
          arbitrary: fc.shuffledSubarray<Name>([...NAMES]).map((s): Name[] => (s.includes('ts') ? s : ['ts', ...s])),
        },
        { weight: 1, arbitrary: fc.array(fc.constantFrom<Name>(...NAMES), { maxLength: 5 }) },
      ),
      declared: fc.subarray(Object.keys(TYPES)),
      keep: fc.option(fc.constantFrom<string[]>(['x'], ['ws']), { nil: undefined }),
      skipInvalid: fc.boolean(),
    })
    .chain((b) =>
      fc.tuple(...b.names.map((name) => column(name, n))).map((cols): { cols: Built[] } & typeof b => ({ ...b, cols })),
    ),
);

function spec(b: { declared: string[]; keep: string[] | undefined; skipInvalid: boolean }): ScanSpec {
  return {
    time: 'ts',
    types: Object.fromEntries(b.declared.map((d) => [d, TYPES[d]])),
    keep: b.keep,
    skipInvalid: b.skipInvalid,
  };
}

describe('scanBatch', () => {
  it('writes what the row-by-row path writes, with the same counts and errors', () => {
    let clean = 0;
    fc.assert(
      fc.property(arbBatch, (b) => {
        const got = scanBatch(
          b.names,
          b.cols.map((c) => c.column),
          b.n,
          new Rules(spec(b)),
        );
        const want = scanColumns(
          b.names,
          b.cols.map((c) => c.values),
          b.n,
          new Rules(spec(b)),
        );
        expect(got).toEqual(want);
        if (b.n > 0 && want.rows === b.n) clean++;
      }),
      { numRuns: 400 },
    );
    // Most batches must have taken the column-at-a-time path (every row well formed).
    expect(clean).toBeGreaterThan(60);
  });

  it("an integer column's summary, made from the integers as they are written, is the one a pass over the doubles makes", () => {
    const kinds = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array] as const;
    const rules = () => new Rules({ time: 'ts', types: { q: 'number' }, keep: undefined, skipInvalid: false });
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), { minLength: 1, maxLength: 50 }),
        (Kind, ints) => {
          const n = ints.length;
          const ts: BatchColumn = { kind: 'number', values: Float64Array.from(ints, (_, i) => i * 1000), validity: null };
          const q: BatchColumn = { kind: 'number', values: Kind.from(ints), validity: null };
          const { chunk } = scanBatch(['ts', 'q'], [ts, q], n, rules());
          // The same chunk in fresh arrays: its summary comes from passes over them.
          const fresh = {
            ...chunk,
            time: chunk.time.slice(),
            columns: new Map(
              [...chunk.columns].map(([k, c]) => [k, c.kind === 'number' ? { ...c, values: c.values.slice() } : c]),
            ),
          };
          expect(chunkStats(chunk)).toEqual(chunkStats(fresh));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads only the first n rows, and a batch of none is empty', () => {
    const rules = () => new Rules({ time: 'ts', types: { q: 'number' }, keep: undefined, skipInvalid: false });
    const ts: BatchColumn = { kind: 'number', values: Float64Array.of(1, 2, NaN), validity: null };
    const q: BatchColumn = { kind: 'number', values: Int32Array.of(5, 6, 7), validity: null };
    const two = scanBatch(['ts', 'q'], [ts, q], 2, rules());
    expect([two.rows, two.error, [...two.chunk.time]]).toEqual([2, null, [1, 2]]);
    expect(two.chunk.columns.get('q')).toEqual({ kind: 'number', values: Float64Array.of(5, 6) });
    const none = scanBatch(['ts', 'q'], [ts, q], 0, rules());
    expect([none.rows, none.chunk.n, [...none.chunk.columns.keys()]]).toEqual([0, 0, ['q']]);
  });

  it('a time text whose offsets leave the bytes (a corrupt file) is a malformed row, not a NaN time', () => {
    const enc = new TextEncoder();
    // The first text reaches two bytes before the buffer; the second is whole.
    const times = enc.encode('26-03-08T06:30:00Z2026-03-08T06:30:01Z');
    const ts: BatchColumn = { kind: 'utf8', values: times, offsets: Int32Array.of(-2, 18, 38), validity: null };
    const rules = new Rules({ time: 'ts', types: {}, keep: undefined, skipInvalid: true });
    const scan = scanBatch(['ts'], [ts], 2, rules);
    expect([scan.rows, scan.skipped, [...scan.chunk.time]]).toEqual([1, 1, [Date.UTC(2026, 2, 8, 6, 30, 1)]]);
    // Its text, read the declared type's way, is nothing at all.
    expect(scan.invalid.map((p) => p.reason)).toEqual(['missing time in column "ts"']);
  });

  it('names the first bad row, and its first bad value in column order', () => {
    const enc = new TextEncoder();
    const times = enc.encode('2026-11-01T00:00:00Zsoon2026-11-01T00:00:01Z');
    const ts: BatchColumn = { kind: 'utf8', values: times, offsets: Int32Array.of(0, 20, 24, 44), validity: null };
    const q: BatchColumn = { kind: 'values', values: [1, 'x', 'y'] };
    const stop = scanBatch(
      ['q', 'ts'],
      [q, ts],
      3,
      new Rules({ time: 'ts', types: { q: 'number' }, keep: undefined, skipInvalid: false }),
    );
    expect([stop.rows, stop.error]).toEqual([1, { line: 1, reason: 'non-numeric value in column "q": "x"' }]);
    const skip = scanBatch(
      ['ts', 'q'],
      [ts, q],
      3,
      new Rules({ time: 'ts', types: { q: 'number' }, keep: undefined, skipInvalid: true }),
    );
    expect([skip.rows, skip.skipped, skip.invalid.map((p) => p.reason)]).toEqual([
      1,
      2,
      [
        'bad time in column "ts": "soon" (expected epoch ms or ISO-8601 with Z or an offset)',
        'non-numeric value in column "q": "y"',
      ],
    ]);
  });
});
