/**
 * The own Parquet page decoder against hyparquet: for random files (nulls, dictionary and plain
 * pages, several row groups and pages, text / int32 / int64 / float / double / timestamp / date
 * columns, bad and out-of-range instants, declared types that reject values, snappy pages read
 * through WebAssembly and the own way), every row group read through the decoder gives the same
 * rows, errors, skipped rows and counts as the same group read through hyparquet's values.
 */
import fc from 'fast-check';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { parquetReads, scanParquetGroup } from '../../../src/io/scan/parquet.ts';
import { readDictionary } from '../../../src/io/scan/parquet-pages.ts';
import { snappyPages } from '../../../src/io/scan/parquet-snappy-wasm.ts';
import { ColumnValues, Scratch } from '../../../src/io/scan/parquet-values.ts';
import { Rules } from '../../../src/io/scan/rules.ts';
import type { ColumnType } from '../../../src/io/types.ts';
import { chunkRows } from './helpers.ts';

type TimeKind = 'iso' | 'millis' | 'micros' | 'nanos' | 'ts-millis' | 'ts-micros' | 'date' | 'double';
type NumKind = 'int32' | 'int64' | 'double' | 'float';
// DELTA encodings are not read by the decoder: those chunks go to hyparquet.
const TEXT_ENCODINGS = [undefined, 'PLAIN', 'RLE_DICTIONARY', 'DELTA_LENGTH_BYTE_ARRAY'] as const;
const INT_ENCODINGS = [undefined, 'PLAIN', 'RLE_DICTIONARY', 'DELTA_BINARY_PACKED'] as const;
const FLOAT_ENCODINGS = [undefined, 'PLAIN', 'RLE_DICTIONARY'] as const;

const timeElement = (kind: TimeKind): Omit<SchemaElement, 'name' | 'repetition_type'> => {
  switch (kind) {
    case 'iso':
      return { type: 'BYTE_ARRAY', converted_type: 'UTF8' };
    case 'millis':
    case 'micros':
    case 'nanos':
      return { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: kind.toUpperCase() as 'MILLIS' } };
    case 'ts-millis':
      return { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' };
    case 'ts-micros':
      return { type: 'INT64', converted_type: 'TIMESTAMP_MICROS' };
    case 'date':
      return { type: 'INT32', converted_type: 'DATE' };
    case 'double':
      return { type: 'DOUBLE' };
  }
};

const bigint = (limit: bigint) => fc.bigInt({ min: -limit, max: limit });
const timeValue = (kind: TimeKind): fc.Arbitrary<unknown> => {
  const scale = { millis: 1n, 'ts-millis': 1n, micros: 1000n, 'ts-micros': 1000n, nanos: 1_000_000n } as Record<string, bigint>;
  if (kind === 'iso') {
    return fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: -1e13, max: 1e13 }).map((ms) => new Date(ms).toISOString()) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '2026-11-01T00:00:00+05:30',
          '2026-02-30T00:00:00Z',
          'soon',
          '',
          '1700000000000',
          ' 2026-01-01T00:00:00Z',
        ),
      },
    );
  }
  if (kind === 'date') return fc.oneof(fc.integer({ min: -50_000, max: 50_000 }), fc.integer({ min: -2e8, max: 2e8 }));
  if (kind === 'double') return fc.oneof(fc.integer({ min: -1e13, max: 1e13 }), fc.double(), fc.constant(9e15));
  const s = scale[kind];
  return fc.oneof(
    { weight: 6, arbitrary: bigint(10n ** 13n).map((ms) => ms * s) },
    { weight: 2, arbitrary: bigint(10n ** 13n * s) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(2n ** 63n - 1n, -(2n ** 63n), 8_640_000_000_000_001n * s, 2n ** 53n, -(2n ** 53n) - 3n),
    },
  );
};

const numElement = (kind: NumKind): Omit<SchemaElement, 'name' | 'repetition_type'> =>
  kind === 'int32'
    ? { type: 'INT32' }
    : kind === 'int64'
      ? { type: 'INT64' }
      : kind === 'float'
        ? { type: 'FLOAT' }
        : { type: 'DOUBLE' };
const numValue = (kind: NumKind): fc.Arbitrary<unknown> => {
  if (kind === 'int32') return fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer());
  if (kind === 'int64') return fc.oneof({ weight: 8, arbitrary: bigint(100n) }, { weight: 1, arbitrary: bigint(2n ** 62n) });
  if (kind === 'float') return fc.float().map(Math.fround);
  return fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double());
};
const text = fc.oneof(
  fc.constantFrom('a', 'b', 'é', '日本', '', 'long '.repeat(14)),
  fc.string({ maxLength: 5, unit: 'grapheme' }),
);

const encodings = (kind: string) =>
  kind === 'iso' || kind === 'text' ? TEXT_ENCODINGS : kind === 'double' || kind === 'float' ? FLOAT_ENCODINGS : INT_ENCODINGS;
const column = <K extends string>(kinds: readonly K[], types: readonly (ColumnType | undefined)[]) =>
  fc
    .record({
      kind: fc.constantFrom(...kinds),
      type: fc.constantFrom(...types),
      nullable: fc.boolean(),
      nulls: fc.double({ min: 0, max: 0.5, noNaN: true }),
    })
    .chain((c) => fc.constantFrom(...encodings(c.kind)).map((encoding) => ({ ...c, encoding })));

const fileSpec = fc
  .record({
    ts: column(['iso', 'millis', 'micros', 'nanos', 'ts-millis', 'ts-micros', 'date', 'double'] as const, ['time'] as const),
    ws: column(['text'] as const, [undefined, 'string', 'number'] as const),
    q: column(['int32', 'int64', 'double', 'float'] as const, [undefined, 'number', 'string', 'boolean', 'time'] as const),
    rows: fc.integer({ min: 0, max: 160 }),
    groupRows: fc.integer({ min: 1, max: 70 }),
    pageSize: fc.constantFrom(40, 200, 1 << 20),
    codec: fc.constantFrom('SNAPPY', 'UNCOMPRESSED') as fc.Arbitrary<'SNAPPY' | 'UNCOMPRESSED'>,
    skipInvalid: fc.boolean(),
  })
  .chain((spec) => {
    const cell = (value: fc.Arbitrary<unknown>, c: { nullable: boolean; nulls: number }) =>
      c.nullable ? fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), value).map(([u, v]) => (u < c.nulls ? null : v)) : value;
    const row = fc.tuple(cell(timeValue(spec.ts.kind), spec.ts), cell(text, spec.ws), cell(numValue(spec.q.kind), spec.q));
    return fc.record({ spec: fc.constant(spec), rows: fc.array(row, { minLength: spec.rows, maxLength: spec.rows }) });
  });

type Spec = typeof fileSpec extends fc.Arbitrary<infer T> ? T : never;

function write({ spec, rows }: Spec): Uint8Array | null {
  const cols = [
    { name: 'ts', c: spec.ts, element: timeElement(spec.ts.kind) },
    { name: 'ws', c: spec.ws, element: { type: 'BYTE_ARRAY', converted_type: 'UTF8' } as const },
    { name: 'q', c: spec.q, element: numElement(spec.q.kind) },
  ];
  const schema: SchemaElement[] = [
    { name: 'root', num_children: cols.length },
    ...cols.map(
      ({ name, c, element }) => ({ name, repetition_type: c.nullable ? 'OPTIONAL' : 'REQUIRED', ...element }) as SchemaElement,
    ),
  ];
  try {
    const buffer = parquetWriteBuffer({
      schema,
      rowGroupSize: spec.groupRows,
      pageSize: spec.pageSize,
      codec: spec.codec,
      columnData: cols.map(({ name, c }, k) => ({ name, data: rows.map((r) => r[k]) as unknown[], encoding: c.encoding })),
    });
    return new Uint8Array(buffer);
  } catch {
    return null; // an encoding the writer has not for this type
  }
}

async function outcome(bytes: Uint8Array, group: number, rules: () => Rules, own: boolean) {
  try {
    const s = await scanParquetGroup(bytes, group, rules(), own);
    return { ...s, chunk: chunkRows([s.chunk], 'ts') };
  } catch (e) {
    return { thrown: (e as Error).message };
  }
}

describe('the own Parquet page decoder', () => {
  it('reads every row group as hyparquet does: rows, errors, skipped rows and counts', async () => {
    const tally = { own: 0, hyparquet: 0 };
    let written = 0;
    await fc.assert(
      fc.asyncProperty(fileSpec, async (file) => {
        const bytes = write(file);
        if (bytes === null) return;
        written++;
        const { spec } = file;
        const types: Record<string, ColumnType> = { ts: 'time' };
        if (spec.ws.type) types.ws = spec.ws.type;
        if (spec.q.type) types.q = spec.q.type;
        const rules = () => new Rules({ time: 'ts', types, keep: undefined, skipInvalid: spec.skipInvalid });
        const groups = Math.ceil(spec.rows / spec.groupRows);
        for (let g = 0; g < groups; g++) {
          const before = { ...parquetReads };
          const own = await outcome(bytes, g, rules, true);
          tally.own += parquetReads.own - before.own;
          tally.hyparquet += parquetReads.hyparquet - before.hyparquet;
          expect(own).toEqual(await outcome(bytes, g, rules, false));
        }
      }),
      { numRuns: 120 },
    );
    expect(written).toBeGreaterThan(60);
    // Both paths were taken: most columns by the decoder, some (DELTA, unsafe int64s, ...) by hyparquet.
    expect(tally.own).toBeGreaterThan(200);
    expect(tally.hyparquet).toBeGreaterThan(20);
  });
});

/** A file DuckDB writes (data pages v1, its dictionary choices), with every flat type it has for events. */
async function duckdbFile(path: string, options: string): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  await con.run(`COPY (
    SELECT
      CASE WHEN i % 97 = 5 THEN NULL WHEN i % 211 = 7 THEN 'soon'
           ELSE strftime(TIMESTAMP '2026-11-01' + to_milliseconds(i * 7919), '%Y-%m-%dT%H:%M:%S.%gZ') END AS ts_text,
      CASE WHEN i % 89 = 3 THEN NULL ELSE TIMESTAMP '1960-01-01' + to_microseconds(i * 123456789011) END AS ts,
      CASE WHEN i % 83 = 3 THEN NULL ELSE (TIMESTAMP '2026-11-01' + to_milliseconds(i * 3))::TIMESTAMP_MS END AS ts_ms,
      (TIMESTAMP '1969-12-31' + to_microseconds(i * 1237))::TIMESTAMP_NS AS ts_ns,
      (DATE '1900-01-01' + i::INTEGER) AS d,
      CASE WHEN i % 5 = 0 THEN NULL ELSE 'ws-' || (i % 50)::VARCHAR END AS ws,
      'id-' || i::VARCHAR || repeat('x', (i % 7)::INTEGER) AS id,
      'w' || ((i * 7) % 300)::VARCHAR AS wide, -- 9-bit dictionary indices
      CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 100)::INTEGER END AS q,
      (i * 1000003 - 5000000000)::BIGINT AS b,
      (i % 13)::FLOAT / 4 AS f,
      CASE WHEN i % 11 = 0 THEN NULL ELSE i / 3 END::DOUBLE AS x
    FROM range(0, 9000) t(i)
  ) TO '${path}' (FORMAT parquet, ${options})`);
  con.closeSync();
  instance.closeSync();
}

describe('the own Parquet page decoder on files DuckDB writes', () => {
  // Times other than the declared ones stay with hyparquet (its Dates are what the rules see); the
  // last setup has one, the others leave every column to the decoder.
  const times = { ts: 'time', ts_ms: 'time', ts_ns: 'time', d: 'time' } as const;
  const rulesFor: { types: Record<string, ColumnType>; time: string; skipInvalid: boolean; own: boolean }[] = [
    { time: 'ts_text', types: { ...times, q: 'number', b: 'number' }, skipInvalid: true, own: true },
    { time: 'ts_text', types: { ...times, q: 'number' }, skipInvalid: false, own: true },
    {
      time: 'ts',
      types: { ...times, ws: 'string', q: 'string', x: 'number', f: 'number', b: 'string' },
      skipInvalid: true,
      own: true,
    },
    { time: 'ts_ms', types: { ...times, q: 'boolean', ts_text: 'time' }, skipInvalid: true, own: true },
    { time: 'ts_ms', types: { q: 'boolean', ts_text: 'time' }, skipInvalid: false, own: false },
  ];
  for (const options of ['ROW_GROUP_SIZE 2048, COMPRESSION snappy', 'ROW_GROUP_SIZE 4096, COMPRESSION uncompressed']) {
    it(`gives hyparquet's rows, errors and counts (${options})`, async () => {
      const { mkdtempSync, readFileSync } = await import('node:fs');
      const { join } = await import('node:path');
      const { tmpdir } = await import('node:os');
      const path = join(mkdtempSync(join(tmpdir(), 'ua-parquet-')), 'duck.parquet');
      await duckdbFile(path, options);
      const bytes = new Uint8Array(readFileSync(path));
      const groups = Math.ceil(9000 / Number(/ROW_GROUP_SIZE (\d+)/.exec(options)![1]));
      const pages = { ...snappyPages };
      for (const r of rulesFor) {
        const rules = () =>
          new Rules({ time: r.time, types: { ...r.types, [r.time]: 'time' }, keep: undefined, skipInvalid: r.skipInvalid });
        // Every group first, then the checks: a chunk must not share the arrays the decoder
        // reuses for the next group.
        const before = parquetReads.hyparquet;
        const scans = [];
        for (let g = 0; g < groups; g++) scans.push(await scanParquetGroup(path, g, rules()));
        if (r.own) expect(parquetReads.hyparquet).toBe(before);
        for (let g = 0; g < groups; g++) {
          const own = { ...scans[g], chunk: chunkRows([scans[g].chunk], 'ts') };
          expect(own).toEqual(await outcome(bytes, g, rules, false));
          expect(await outcome(bytes, g, rules, true)).toEqual(own);
        }
      }
      if (options.includes('snappy')) {
        // Both snappy ways were taken: WebAssembly for the pages that expand well, the own decoder for the rest.
        expect(snappyPages.wasm).toBeGreaterThan(pages.wasm);
        expect(snappyPages.own).toBeGreaterThan(pages.own);
      }
    });
  }
});

describe('a column chunk whose pages change from dictionary codes to plain values', () => {
  it('turns the codes written so far into plain values', () => {
    const dictionary = readDictionary({ kind: 'text' }, new Uint8Array([1, 0, 0, 0, 0x61, 2, 0, 0, 0, 0x62, 0x63]), 2);
    const values = new ColumnValues({ kind: 'text' }, 5, new Scratch());
    values.dictionary = dictionary;
    values.writeCode(1);
    values.writeNull();
    values.writeCode(0);
    values.uncode();
    const page = new Uint8Array([3, 0, 0, 0, 0x78, 0x79, 0x7a]);
    values.readPlainValue(page, new DataView(page.buffer), 0);
    values.writeCode(1);
    const out = values.finish();
    expect(out.kind).toBe('utf8');
    if (out.kind !== 'utf8') return;
    expect(new TextDecoder().decode(out.values)).toBe('bcaxyzbc');
    expect([...out.offsets]).toEqual([0, 2, 2, 3, 6, 8]);
    expect([...out.validity!]).toEqual([0b11101]);
  });
});
