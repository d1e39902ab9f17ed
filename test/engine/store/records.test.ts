/**
 * The two-pass records encoder (src/engine/store/records.ts) against the column-at-a-time
 * encoders (`recordKeys`, `encodeTimes`) and an obvious encoding written out here: the same
 * keys, times, codes, dictionaries, errors and skipped rows, for records of any shape and values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChunkColumn } from '../../../src/engine/store/chunk.ts';
import { encodeColumn, encodeTimes } from '../../../src/engine/store/columns.ts';
import { recordKeys } from '../../../src/engine/store/memory.ts';
import { encodeRecordColumns, encodeRecordTimes } from '../../../src/engine/store/records.ts';

const T = Date.UTC(2026, 2, 1);
const sharedObject = { id: 1 };
// Strings that share the lookup cache's slot (same length, same last three and middle
// characters), copies of one string, and strings of every short length.
const strings = ['ws_0001', 'ws_0002', 'ab_0001', 'xy_0001', 'a', '', 'ab', 'adme', 'protein_design', 'é😀x', 'ws_0001'.slice(0)];
const value = fc.oneof(
  fc.constantFrom(...strings),
  fc.constantFrom(...strings).map((s) => [...s].join('')),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0, -0, NaN, 1.5, Infinity, null, undefined, true, false, 5n, sharedObject),
);
const time = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 86_400_000 }).map((ms) => new Date(T + ms).toISOString()) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 86_400_000 }).map((ms) => T + ms) },
  fc.constantFrom('2026-03-01T01:00:01+01:00', '2026-02-30T00:00:00Z', 'nope', null, undefined, 3n, new Date(T), 9e15, NaN),
);
const KEYS = ['ts', 'app', 'qty', 'we"ird', 'ünï'];
const record = fc.oneof(
  { weight: 12, arbitrary: fc.record({ ts: time, app: value, qty: value }) },
  {
    weight: 3,
    arbitrary: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 5 }).chain((r) => time.map((ts) => ({ ...r, ts }))),
  },
  { weight: 1, arbitrary: fc.record({ qty: value, ts: time }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, 7, 'row', Object.create({ inherited: 'x' })) },
);
// Long runs of one shape and one kind of value, as real records come, with the odd surprise.
const records = fc.oneof(
  fc.array(record, { maxLength: 40 }),
  fc
    .tuple(
      fc.array(fc.record({ ts: time, app: fc.constantFrom(...strings), qty: fc.integer() }), { maxLength: 60 }),
      fc.array(record, { maxLength: 5 }),
      fc.nat(60),
    )
    .map(([a, b, at]) => [...a.slice(0, at), ...b, ...a.slice(at)]),
);

/**
 * The obvious encoding, written out here: numbers while every value is a number (or null), else
 * codes into the distinct values in first-seen order, found by a linear search with SameValueZero.
 */
function naiveColumn(rs: readonly unknown[], key: string): ChunkColumn {
  const values = rs.map((r) => (r as Record<string, unknown> | null | undefined)?.[key]);
  const missing = (v: unknown) => v === null || v === undefined || Number.isNaN(v);
  const first = values.find((v) => v !== null && v !== undefined);
  if (
    values.every((v) => typeof v === 'number' || v === null || v === undefined) &&
    (first === undefined || typeof first === 'number')
  ) {
    return { kind: 'number', values: Float64Array.from(values, (v) => (typeof v === 'number' ? v : NaN)) };
  }
  const dict: unknown[] = [];
  const codes = Int32Array.from(values, (v) => {
    if (missing(v)) return -1;
    let c = dict.indexOf(v);
    if (c < 0) c = dict.push(v) - 1;
    return c;
  });
  return { kind: 'dict', codes, dict };
}

function caught(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { error: String(e), issues: (e as { issues?: unknown }).issues };
  }
}

/** A column with its numbers as bytes (NaN and -0 compared exactly) and dictionary values by Object.is. */
function plain(col: ChunkColumn): unknown {
  if (col.kind === 'number')
    return { kind: 'number', bytes: [...new Uint8Array(col.values.buffer, col.values.byteOffset, col.values.byteLength)] };
  return { kind: 'dict', codes: [...col.codes], dict: col.dict.map((v) => (Object.is(v, -0) ? '-0' : v)) };
}

describe('records encoder = the column-at-a-time reference', () => {
  it('keys, times, errors and skipped rows', () => {
    fc.assert(
      fc.property(records, fc.boolean(), fc.nat(1000), (rs, skip, base) => {
        const bad: number[] = [],
          refBad: number[] = [];
        const got = caught(() => {
          const { times, keys } = encodeRecordTimes(rs, 'ts', base, skip ? bad : undefined);
          return { times: [...times], keys };
        });
        const want = caught(() => ({
          times: [...encodeTimes({ records: rs, key: 'ts' }, rs.length, 'ts', base, skip ? refBad : undefined)],
          keys: recordKeys(rs as Record<string, unknown>[]),
        }));
        expect(got).toEqual(want);
        expect(bad).toEqual(refBad);
      }),
      { numRuns: 300 },
    );
  });

  it('every other column: kinds, numbers, codes and dictionaries', () => {
    fc.assert(
      fc.property(records, (rs) => {
        const names = recordKeys(rs as Record<string, unknown>[]).filter((k) => k !== 'ts');
        const got = encodeRecordColumns(rs, names);
        expect([...got.keys()]).toEqual(names);
        for (const name of names) {
          const want = plain(naiveColumn(rs, name));
          expect(plain(got.get(name)!)).toEqual(want);
          expect(plain(encodeColumn({ records: rs, key: name }, rs.length))).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('more columns than one pass reads', () => {
    const keys = Array.from({ length: 40 }, (_, k) => `c${k}`);
    const rs = Array.from({ length: 50 }, (_, i) =>
      Object.fromEntries(keys.map((k, j) => [k, (i * j) % 7 === 0 ? `v${j % 3}` : i % 5])),
    );
    const got = encodeRecordColumns(rs, keys);
    for (const k of keys) expect(plain(got.get(k)!)).toEqual(plain(naiveColumn(rs, k)));
  });
});

describe('engine.load(records) errors', () => {
  it('a time column no record has is an unknown column, whether bad rows stop the load or are skipped', async () => {
    const { createEngine } = await import('../../../src/engine/engine.ts');
    const engine = createEngine({ workers: 0 });
    try {
      for (const skipInvalid of [false, true]) {
        await expect(engine.load([{ t: 1 }, { t: 2 }], { skipInvalid })).rejects.toMatchObject({
          issues: [{ path: ['time'], message: "unknown column 'ts'" }],
        });
      }
      // A bad row before the first record that has the column: the row's error, as before.
      await expect(engine.load([{ t: 1 }, { ts: 2 }])).rejects.toMatchObject({ issues: [{ path: ['events[0]', 'ts'] }] });
      expect((await engine.load([{ t: 1 }, { ts: 2 }], { skipInvalid: true })).summary).toMatchObject({ rows: 1, skipped: 1 });
    } finally {
      await engine.close();
    }
  });
});
