import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEventChunks, readEvents } from '../../src/io/index.ts';
import { tempDir } from './fixtures.ts';

// 30,000 rows of about 80 bytes: several of the 1 MiB text chunks the readers stream in, so
// lines and quoted records straddle chunk boundaries.
const N = 30_000;
const dir = tempDir();
const ts = (i: number) => new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
const quantity = (i: number) => (i * 7) % 13;

describe('files larger than one read chunk', () => {
  it('NDJSON: every row arrives, in chunks of chunkRows, and a late bad row has its right line', async () => {
    const lines = Array.from({ length: N }, (_, i) =>
      JSON.stringify({ ts: ts(i), workspace_id: `ws_${i % 97}`, quantity: quantity(i) }),
    );
    const path = join(dir, 'large.ndjson');
    writeFileSync(path, lines.join('\n') + '\n');
    const sizes: number[] = [];
    let total = 0;
    for await (const chunk of readEventChunks(path, { types: { ts: 'time', quantity: 'number' }, chunkRows: 8192 })) {
      sizes.push(chunk.numRows());
      total += (chunk.array('quantity') as number[]).reduce((a, b) => a + b, 0);
    }
    expect(sizes).toEqual([8192, 8192, 8192, N - 3 * 8192]);
    let expected = 0;
    for (let i = 0; i < N; i++) expected += quantity(i);
    expect(total).toBe(expected);

    lines[N - 2] = lines[N - 2].replace(/"quantity":\d+/, '"quantity":"n/a"');
    writeFileSync(path, lines.join('\n') + '\n');
    await expect(readEvents(path, { types: { ts: 'time', quantity: 'number' } })).rejects.toThrow(
      `${path}:${N - 1}: non-numeric value in column "quantity": "n/a"`,
    );
  });

  it('CSV: quoted fields with line breaks across chunks keep rows whole and lines counted', async () => {
    const rows = Array.from({ length: N }, (_, i) => `${ts(i)},"note ${i}\nsecond line, with ""quotes""",${quantity(i)}`);
    rows[N - 1] = `${ts(N - 1)},"last",oops`;
    const path = join(dir, 'large.csv');
    writeFileSync(path, ['ts,note,quantity', ...rows].join('\r\n') + '\r\n');
    // Each record before the last spans two lines: record k (0-based) starts on line 2 + 2k.
    await expect(readEvents(path, { types: { ts: 'time', quantity: 'number' } })).rejects.toThrow(
      `${path}:${2 + 2 * (N - 1)}: non-numeric value in column "quantity": "oops"`,
    );
    const { table, skipped } = await readEvents(path, { types: { ts: 'time', quantity: 'number' }, skipInvalid: true });
    expect([table.numRows(), skipped]).toEqual([N - 1, 1]);
    expect(table.get('note', 12_345)).toBe('note 12345\nsecond line, with "quotes"');
  });
});
