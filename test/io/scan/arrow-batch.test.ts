/**
 * An Arrow record batch read from its buffers equals the same batch read through flechette's
 * own values row by row: text (32- and 64-bit offsets), dictionary-encoded text, 8- to 64-bit integers, floats, dates
 * and timestamps of every unit (negative ones and sub-millisecond ones included), with nulls.
 */
import {
  type DataType,
  dateDay,
  dateMillisecond,
  dictionary,
  float32,
  float64,
  int16,
  int32,
  int64,
  int8,
  largeUtf8,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  timestamp,
  TimeUnit,
  uint64,
  uint8,
  utf8,
} from '@uwdata/flechette';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanArrowBatch } from '../../../src/io/scan/arrow-batch.ts';
import { type RowsScan, scanColumns } from '../../../src/io/scan/columnar.ts';
import { Rules } from '../../../src/io/scan/rules.ts';
import type { ColumnType } from '../../../src/io/types.ts';

interface Kind {
  type: () => DataType;
  value: fc.Arbitrary<unknown>;
}

const ms = fc.integer({ min: -2e12, max: 4e12 });
const sub = (unit: number) =>
  fc
    .tuple(ms, fc.integer({ min: 0, max: unit - 1 }))
    .map(([m, f]) => m + f / unit)
    .filter((v) => Number.isInteger(v * unit));
const big = fc.oneof(
  fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }),
  fc.bigInt({ min: -(2n ** 20n), max: 2n ** 20n }),
);
const KINDS: Kind[] = [
  {
    type: utf8,
    value: fc.oneof(
      ms.map((m) => new Date(m).toISOString()),
      fc.constantFrom('a', 'é', '', 'soon', '12'),
    ),
  },
  {
    type: largeUtf8,
    value: fc.oneof(
      ms.map((m) => new Date(m).toISOString()),
      fc.constantFrom('a', 'é', '', 'soon'),
    ),
  },
  { type: () => dictionary(utf8()), value: fc.constantFrom('a', 'b', '2026-11-01T00:00:00Z', 'x y') },
  { type: int8, value: fc.integer({ min: -128, max: 127 }) },
  { type: uint8, value: fc.integer({ min: 0, max: 255 }) },
  { type: int16, value: fc.integer({ min: -32768, max: 32767 }) },
  { type: int32, value: fc.integer() },
  { type: int64, value: big },
  { type: uint64, value: fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }) },
  { type: float32, value: fc.double({ noNaN: true }) },
  { type: float64, value: fc.oneof(fc.double(), ms) },
  { type: dateDay, value: ms.map((m) => m - (((m % 864e5) + 864e5) % 864e5)) },
  { type: dateMillisecond, value: ms.map((m) => m - (((m % 864e5) + 864e5) % 864e5)) },
  { type: () => timestamp(TimeUnit.SECOND), value: ms.map((m) => Math.trunc(m / 1000) * 1000) },
  { type: () => timestamp(TimeUnit.MILLISECOND), value: ms },
  { type: () => timestamp(TimeUnit.MICROSECOND), value: sub(1000) },
  { type: () => timestamp(TimeUnit.NANOSECOND), value: sub(1e6) },
];
const NAMES = ['ts', 'q', 'ws', 'x'];

const arbTable = fc.integer({ min: 1, max: 10 }).chain((n) =>
  fc.record({
    kinds: fc.tuple(...NAMES.map(() => fc.nat(KINDS.length - 1))),
    columns: fc.tuple(...NAMES.map(() => fc.array(fc.option(fc.nat(), { nil: null, freq: 6 }), { minLength: n, maxLength: n }))),
    seeds: fc.array(fc.nat(), { minLength: NAMES.length, maxLength: NAMES.length }),
    skipInvalid: fc.boolean(),
    declareQ: fc.boolean(),
  }),
);

function outcome(run: () => RowsScan): RowsScan | string {
  try {
    return run();
  } catch (e) {
    return (e as Error).message;
  }
}

describe('scanArrowBatch', () => {
  it('reads each column from its buffers as flechette would give its values', () => {
    fc.assert(
      fc.property(arbTable, (t) => {
        const data: Record<string, unknown[]> = {};
        const types: Record<string, DataType> = {};
        NAMES.forEach((name, c) => {
          const kind = KINDS[t.kinds[c]];
          const pool = fc.sample(kind.value, { numRuns: 8, seed: t.seeds[c] });
          data[name] = t.columns[c].map((v) => (v === null ? null : pool[v % pool.length]));
          types[name] = kind.type();
        });
        const bytes = tableToIPC(tableFromArrays(data, { types }), { format: 'stream' })!;
        const spec = {
          time: 'ts',
          types: (t.declareQ ? { q: 'number' } : {}) as Record<string, ColumnType>,
          keep: undefined,
          skipInvalid: t.skipInvalid,
        };
        const table = tableFromIPC(bytes);
        const want = outcome(() =>
          scanColumns(
            NAMES,
            NAMES.map((n) => table.getChild(n).toArray() as ArrayLike<unknown>),
            table.numRows,
            new Rules(spec),
          ),
        );
        expect(outcome(() => scanArrowBatch([bytes], new Rules(spec)))).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('gives int64 values beyond ±2^53 to flechette, which refuses them', () => {
    const bytes = tableToIPC(tableFromArrays({ ts: [1, 2], q: [1n, 2n ** 60n] }, { types: { ts: float64(), q: int64() } }), {
      format: 'stream',
    })!;
    const spec = { time: 'ts', types: {}, keep: undefined, skipInvalid: false };
    expect(() => scanArrowBatch([bytes], new Rules(spec))).toThrow(/BigInt exceeds/);
  });
});
