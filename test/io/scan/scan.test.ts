import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { table, toArrowIPC } from 'arquero';
import { utf8 } from '@uwdata/flechette';
import { EventFileError } from '../../../src/io/index.ts';
import { scanEvents } from '../../../src/io/scan/index.ts';
import { EXPECTED, tempDir, writeArrow, writeCsv, writeNdjson, writeParquet } from '../fixtures.ts';
import { chunkRows, scanOutcome, useThreadPool } from './helpers.ts';

const dir = tempDir();
const COLUMNS = { quantity: 'number', workspace_id: 'string', application: 'string' } as const;
const files = {
  ndjson: writeNdjson(dir),
  csv: writeCsv(dir),
  'arrow file': writeArrow(dir, 'file'),
  'arrow stream': writeArrow(dir, 'stream'),
  parquet: writeParquet(dir),
};
const write = (name: string, text: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const shared = useThreadPool();

describe('scanEvents', () => {
  for (const [name, path] of Object.entries(files)) {
    for (const workers of [0, 2]) {
      it(`reads ${name} into the expected rows (workers ${workers})`, async () => {
        const out = await scanOutcome(path, { time: 'ts', columns: COLUMNS, pool: workers ? shared.pool : null });
        expect(out.error).toBeNull();
        expect(
          out.rows.map((r) => ({ ts: r.ts, workspace_id: r.workspace_id, application: r.application, quantity: r.quantity })),
        ).toEqual(EXPECTED);
      });
    }
  }

  it('a stream, a web stream and a .gz give what the path gives', async () => {
    const bytes = new Uint8Array(
      Buffer.from(
        Array.from(
          { length: 500 },
          (_, i) => JSON.stringify({ ts: i * 1000, workspace_id: `wé_${i % 7}`, quantity: i }) + '\n',
        ).join(''),
      ),
    );
    const path = write('stream.ndjson', bytes);
    const gz = write('stream.ndjson.gz', gzipSync(bytes));
    const options = { time: 'ts', columns: COLUMNS, pieceBytes: 777 };
    const byPath = await scanOutcome(path, options);
    const pieces = (from: Uint8Array) =>
      Array.from({ length: Math.ceil(from.length / 333) }, (_, k) => from.subarray(k * 333, (k + 1) * 333));
    const web = new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of pieces(bytes)) c.enqueue(p);
        c.close();
      },
    });
    for (const input of [Readable.from(pieces(bytes)), web, gz]) {
      const out = await scanOutcome(input, { ...options, format: 'ndjson', pool: shared.pool });
      expect(out).toEqual(byPath);
    }
    expect(byPath.rows).toHaveLength(500);
  });

  it('the earliest bad row is reported, whichever worker sees its own first', async () => {
    const lines = Array.from({ length: 4000 }, (_, i) => JSON.stringify({ ts: i, quantity: i }));
    lines[3500] = '{"ts":1,"quantity":"late"}';
    lines[700] = '{"ts":1,"quantity":"early"}';
    const path = write('two-bad.ndjson', lines.join('\n'));
    for (const workers of [0, 2]) {
      const out = await scanOutcome(path, { time: 'ts', columns: COLUMNS, pool: workers ? shared.pool : null, pieceBytes: 4096 });
      expect(out.error).toBe(`${path}:701: non-numeric value in column "quantity": "early"`);
    }
    const skipping = await scanOutcome(path, {
      time: 'ts',
      columns: COLUMNS,
      pool: shared.pool,
      pieceBytes: 4096,
      skipInvalid: true,
    });
    expect(skipping.rows.length + skipping.skipped).toBe(4000);
    expect(skipping.invalid).toEqual([
      `${path}:701: non-numeric value in column "quantity": "early"`,
      `${path}:3501: non-numeric value in column "quantity": "late"`,
    ]);
  });

  it('numbers at the edges: overflow, integers beyond ±2^53, instants beyond ±8.64e15 ms', async () => {
    const csv = write('edges.csv', 'ts,quantity,id\n1,1e400,1\n');
    expect((await scanOutcome(csv, { time: 'ts', columns: { quantity: 'number' } })).error).toBe(
      `${csv}:2: number out of range in column "quantity": 1e400`,
    );
    const big = write('big.csv', 'ts,quantity\n1,9007199254740993\n');
    expect((await scanOutcome(big, { time: 'ts', columns: { quantity: 'number' } })).error).toBe(
      `${big}:2: integer in column "quantity" is beyond ±2^53: 9007199254740993`,
    );
    const nd = write('big.ndjson', '{"ts":1,"id":9007199254740993,"quantity":1}\n{"ts":2,"quantity":9007199254740993}\n');
    expect((await scanOutcome(nd, { time: 'ts', columns: { quantity: 'number' } })).error).toBe(
      `${nd}:2: integer in column "quantity" is beyond ±2^53: 9007199254740993`,
    );
    // Declared (or left as) text, the digits are kept as written.
    const asText = await scanOutcome(nd, { time: 'ts', columns: { quantity: 'string', id: 'string' } });
    expect(asText.rows.map((r) => [r.id, r.quantity])).toEqual([
      ['9007199254740993', '1'],
      [null, '9007199254740993'],
    ]);
    const inf = write('inf.ndjson', '{"ts":1,"quantity":-1e400}\n');
    expect((await scanOutcome(inf, { time: 'ts', columns: { quantity: 'number' } })).error).toBe(
      `${inf}:1: number out of range in column "quantity": -1e400`,
    );
    const far = write('far.ndjson', '{"ts":8640000000000000}\n{"ts":-8640000000000001}\n');
    expect((await scanOutcome(far, { time: 'ts' })).error).toBe(
      `${far}:2: bad time in column "ts": -8640000000000001 is outside the instants a Date can hold (epoch ms within ±8.64e15)`,
    );
  });

  it('Arrow text columns are read from their bytes, nulls and bad instants included', async () => {
    const ts = ['2026-11-01T00:00:00Z', '2026-11-01T00:00:00.250Z', '2026-11-01T05:30:00+05:30', null, 'soon'];
    const bytes = toArrowIPC(table({ ts, ws: ['a', null, 'é', 'a', 'b'] }), {
      format: 'stream',
      maxBatchRows: 2,
      types: { ts: utf8(), ws: utf8() },
    });
    const path = write('text.arrows', bytes);
    const out = await scanOutcome(path, { time: 'ts', columns: { ws: 'string' }, skipInvalid: true });
    expect(out.rows).toEqual([
      { ts: Date.UTC(2026, 10, 1), ws: 'a' },
      { ts: Date.UTC(2026, 10, 1) + 250, ws: null },
      { ts: Date.UTC(2026, 10, 1), ws: 'é' },
    ]);
    expect(out.invalid).toEqual([
      `${path}: row 4: missing time in column "ts"`,
      `${path}: row 5: bad time in column "ts": "soon" (expected epoch ms or ISO-8601 with Z or an offset)`,
    ]);
  });

  it('reports progress in bytes and a summary', async () => {
    const seen: number[] = [];
    const { chunks, summary } = scanEvents(files.ndjson, { time: 'ts', onProgress: (p) => seen.push(p.bytes) });
    const got = [];
    for await (const c of chunks) got.push(c);
    const s = await summary;
    expect(chunkRows(got, 'ts')).toHaveLength(5);
    expect([s.rows, s.skipped]).toEqual([5, 0]);
    expect(seen.at(-1)).toBe(s.bytes);
  });

  it('counts a Parquet file by the bytes of its column chunks, as the summary line shows', async () => {
    const { readFileSync } = await import('node:fs');
    const { parquetMetadata } = await import('hyparquet');
    const file = readFileSync(files.parquet);
    const footer = parquetMetadata(file.buffer.slice(file.byteOffset, file.byteOffset + file.length));
    let listed = 0;
    for (const g of footer.row_groups) for (const c of g.columns) listed += Number(c.meta_data?.total_compressed_size);
    const seen: number[] = [];
    const { chunks, summary } = scanEvents(files.parquet, { time: 'ts', onProgress: (p) => seen.push(p.bytes) });
    for await (const _ of chunks);
    const s = await summary;
    expect(s.bytes).toBe(listed);
    expect(seen.at(-1)).toBe(listed);
  });

  it('a missing file or format is a clear error', async () => {
    await expect(scanOutcome(join(dir, 'nope.txt'), { time: 'ts' })).resolves.toMatchObject({
      error: expect.stringContaining('cannot tell the format'),
    });
    const bad = write('bad.parquet', 'not parquet at all');
    const out = await scanOutcome(bad, { time: 'ts' });
    expect(out.error).toMatch(/not a Parquet file/);
    expect(EventFileError).toBeDefined();
  });
});
