import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { table, toArrowIPC } from 'arquero';
import { EventFileError, readEvents } from '../../src/io/index.ts';
import { tempDir } from './fixtures.ts';

const dir = tempDir();
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const TYPES = { ts: 'time', quantity: 'number' } as const;

async function failure(path: string, options = {}): Promise<EventFileError> {
  const error = await readEvents(path, { types: TYPES, ...options }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EventFileError);
  return error as EventFileError;
}

describe('malformed rows', () => {
  it('NDJSON: a bad JSON line names file and line', async () => {
    const path = write('bad-json.ndjson', '{"ts":1,"quantity":1}\n\n{"ts":2,"quantity":\n{"ts":3}\n');
    const e = await failure(path);
    expect(e.message).toBe(`${path}:3: invalid JSON`);
    expect([e.file, e.line, e.row, e.reason]).toEqual([path, 3, undefined, 'invalid JSON']);
  });

  it('NDJSON: a line that is not an object', async () => {
    const path = write('array.ndjson', '{"ts":1}\n[1,2]\n');
    expect((await failure(path)).message).toBe(`${path}:2: expected a JSON object, found an array`);
    const path2 = write('scalar.ndjson', '{"ts":1}\n42\n');
    expect((await failure(path2)).message).toBe(`${path2}:2: expected a JSON object, found 42`);
  });

  it('NDJSON: the earliest bad row is reported, whatever kind of problem it is', async () => {
    const path = write('order.ndjson', '{"ts":1}\n{"ts":"yesterday"}\n{"ts":2}\n{oops\n');
    expect((await failure(path)).message).toBe(
      `${path}:2: bad time in column "ts": "yesterday" (expected epoch ms or ISO-8601 with Z or an offset)`,
    );
  });

  it('a time without an offset, a missing time, a non-numeric quantity', async () => {
    const noOffset = write('local.ndjson', '{"ts":"2026-11-01T00:00:00"}\n');
    expect((await failure(noOffset)).message).toBe(
      `${noOffset}:1: bad time in column "ts": "2026-11-01T00:00:00" (expected epoch ms or ISO-8601 with Z or an offset)`,
    );
    const missing = write('missing.ndjson', '{"ts":1}\n{"quantity":2}\n');
    expect((await failure(missing)).message).toBe(`${missing}:2: missing time in column "ts"`);
    const text = write('text.ndjson', '{"ts":1,"quantity":"12"}\n{"ts":1,"quantity":"12 units"}\n');
    expect((await failure(text)).message).toBe(`${text}:2: non-numeric value in column "quantity": "12 units"`);
    const bool = write('bool.ndjson', '{"ts":1,"quantity":true}\n');
    expect((await failure(bool)).message).toBe(`${bool}:1: non-numeric value in column "quantity": true`);
  });

  it('CSV: lines count the line breaks inside quoted fields', async () => {
    const path = write('bad.csv', 'ts,note,quantity\n2026-11-01T00:00:00Z,"two\nlines",1\n2026-11-01T00:00:00Z,x,abc\n');
    expect((await failure(path)).message).toBe(`${path}:4: non-numeric value in column "quantity": "abc"`);
  });

  it('CSV: wrong field count, text after a closing quote, unterminated quote, duplicate header', async () => {
    const count = write('count.csv', 'ts,quantity\n1,2\n3\n');
    expect((await failure(count)).message).toBe(`${count}:3: expected 2 fields, found 1`);
    const after = write('after.csv', 'ts,quantity\n"1"x,2\n');
    expect((await failure(after)).message).toBe(`${after}:2: unexpected text after a closing quote`);
    const open = write('open.csv', 'ts,quantity\n1,2\n"3,4\n5,6\n');
    expect((await failure(open)).message).toBe(`${open}:3: unterminated quoted field`);
    const dup = write('dup.csv', 'ts,ts\n1,2\n');
    expect((await failure(dup)).message).toBe(`${dup}:1: duplicate column name "ts" in the header`);
  });

  it('CSV: an empty time field is a missing time; epoch-ms digits are an instant', async () => {
    const path = write('empty-ts.csv', 'ts,quantity\n1762000000000,1\n,2\n');
    expect((await failure(path)).message).toBe(`${path}:3: missing time in column "ts"`);
  });

  it('Arrow: a null time names the 1-based row', async () => {
    const bytes = toArrowIPC(table({ ts: [1, 2, null], quantity: [1, 2, 3] }), { format: 'file' });
    const path = join(dir, 'null-ts.arrow');
    writeFileSync(path, bytes);
    expect((await failure(path)).message).toBe(`${path}: row 3: missing time in column "ts"`);
  });

  it('Parquet: a non-numeric value in a numeric column names the row across row groups', async () => {
    const buffer = parquetWriteBuffer({
      rowGroupSize: 2,
      columnData: [
        { name: 'ts', data: [1, 2, 3, 4], type: 'DOUBLE' },
        { name: 'quantity', data: ['1', '2', '3', 'x'], type: 'STRING' },
      ],
    });
    const path = join(dir, 'bad.parquet');
    writeFileSync(path, new Uint8Array(buffer));
    const e = await failure(path);
    expect(e.message).toBe(`${path}: row 4: non-numeric value in column "quantity": "x"`);
    expect(e.row).toBe(4);
  });

  it('files that are not what they claim', async () => {
    const notArrow = write('fake.arrow', 'hello, this is text');
    expect((await failure(notArrow)).message).toMatch(new RegExp(`^${notArrow}: not an Arrow IPC file`));
    const notParquet = write('fake.parquet', 'hello, this is text');
    expect((await failure(notParquet)).message).toMatch(new RegExp(`^${notParquet}: not a Parquet file`));
  });
});

describe('skipInvalid', () => {
  it('skips, counts and reports every malformed row, keeping the rest', async () => {
    const path = write(
      'mixed.ndjson',
      [
        '{"ts":1,"quantity":1}',
        '{"ts":2,"quantity":',
        '{"ts":"never","quantity":3}',
        '{"ts":4,"quantity":4}',
        '{"ts":5,"quantity":"five"}',
        '{"ts":6,"quantity":6}',
      ].join('\n'),
    );
    const reported: string[] = [];
    const {
      table: t,
      rows,
      skipped,
    } = await readEvents(path, {
      types: TYPES,
      skipInvalid: true,
      chunkRows: 2,
      onInvalid: (e) => reported.push(e.message),
    });
    expect(rows).toBe(3);
    expect(skipped).toBe(3);
    expect(t.array('quantity')).toEqual([1, 4, 6]);
    expect(reported).toEqual([
      `${path}:2: invalid JSON`,
      `${path}:3: bad time in column "ts": "never" (expected epoch ms or ISO-8601 with Z or an offset)`,
      `${path}:5: non-numeric value in column "quantity": "five"`,
    ]);
  });

  it('CSV: skips records with the wrong field count', async () => {
    const path = write('skip.csv', 'ts,quantity\n1,1\n2\n3,x\n4,4\n');
    const { rows, skipped, table: t } = await readEvents(path, { types: TYPES, skipInvalid: true });
    expect([rows, skipped]).toEqual([2, 2]);
    expect(t.column('ts')).toEqual(new Float64Array([1, 4]));
  });
});
