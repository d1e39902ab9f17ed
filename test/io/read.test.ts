import { describe, expect, it } from 'vitest';
import { readEventChunks, readEvents, formatFromPath } from '../../src/io/index.ts';
import { EXPECTED, TYPES, tempDir, writeArrow, writeCsv, writeNdjson, writeParquet } from './fixtures.ts';

const dir = tempDir();
const files = {
  ndjson: writeNdjson(dir),
  csv: writeCsv(dir),
  'arrow file': writeArrow(dir, 'file'),
  'arrow stream': writeArrow(dir, 'stream'),
  parquet: writeParquet(dir),
};

describe('readEvents', () => {
  for (const [name, path] of Object.entries(files)) {
    it(`reads ${name} into the same table`, async () => {
      const { table, rows, skipped } = await readEvents(path, { types: TYPES });
      expect(rows).toBe(5);
      expect(skipped).toBe(0);
      const order = ['ts', 'workspace_id', 'application', 'quantity'];
      const got = (table.objects() as Record<string, unknown>[]).map((r) => Object.fromEntries(order.map((k) => [k, r[k]])));
      expect(got).toEqual(EXPECTED);
      expect(table.column('ts')).toBeInstanceOf(Float64Array);
    });

    it(`streams ${name} in chunks of chunkRows`, async () => {
      const sizes: number[] = [];
      const ids: unknown[] = [];
      for await (const chunk of readEventChunks(path, { types: TYPES, chunkRows: 2 })) {
        sizes.push(chunk.numRows());
        ids.push(...(chunk.array('workspace_id') as unknown[]));
      }
      expect(sizes).toEqual([2, 2, 1]);
      expect(ids).toEqual(['007', '007', '042', '100', '007']);
    });
  }

  it('streams Arrow by record batch and Parquet by row group', async () => {
    for (const path of [files['arrow file'], files['arrow stream'], files.parquet]) {
      const sizes: number[] = [];
      for await (const chunk of readEventChunks(path, { types: TYPES, chunkRows: 1000 })) sizes.push(chunk.numRows());
      expect(sizes).toEqual([2, 2, 1]);
    }
  });

  it('keeps CSV text as text unless a column is declared', async () => {
    const { table } = await readEvents(files.csv, { types: { ts: 'time' } });
    expect(table.objects()[0]).toEqual({ ts: EXPECTED[0].ts, workspace_id: '007', application: 'adme', quantity: '3' });
    expect((table.objects()[3] as Record<string, unknown>).application).toBeNull();
  });

  it('reads only the asked columns (declared ones always)', async () => {
    for (const path of [files.parquet, files['arrow file'], files.ndjson, files.csv]) {
      const { table } = await readEvents(path, { types: TYPES, columns: ['workspace_id'] });
      expect(table.columnNames().sort()).toEqual(['quantity', 'ts', 'workspace_id']);
    }
  });

  it('reports progress per chunk', async () => {
    const seen: number[] = [];
    await readEvents(files.ndjson, { types: TYPES, chunkRows: 2, onProgress: (p) => seen.push(p.rows) });
    expect(seen).toEqual([2, 4, 5]);
  });

  it('reads a column that first appears after the first chunk, with nulls before it', async () => {
    const path = `${dir}/late.ndjson`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, '{"ts":1,"a":1}\n{"ts":2,"a":2}\n{"ts":3,"a":3,"b":"x"}\n');
    const { table } = await readEvents(path, { types: { ts: 'time' }, chunkRows: 2 });
    expect(table.objects()).toEqual([
      { ts: 1, a: 1, b: null },
      { ts: 2, a: 2, b: null },
      { ts: 3, a: 3, b: 'x' },
    ]);
  });

  it('reads tab-separated files, and another delimiter when asked', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/t.tsv`, 'ts\tnote\n2026-11-01T00:00:00Z\ta,b\n');
    expect((await readEvents(`${dir}/t.tsv`, { types: { ts: 'time' } })).table.objects()).toEqual([
      { ts: EXPECTED[0].ts, note: 'a,b' },
    ]);
    writeFileSync(`${dir}/s.csv`, 'ts;note\n2026-11-01T00:00:00Z;a,b\n');
    expect((await readEvents(`${dir}/s.csv`, { types: { ts: 'time' }, delimiter: ';' })).table.objects()).toEqual([
      { ts: EXPECTED[0].ts, note: 'a,b' },
    ]);
    await expect(readEvents(`${dir}/s.csv`, { delimiter: ';;' })).rejects.toThrow(
      'CSV delimiter must be one character other than a quote or line break, got ";;"',
    );
  });

  it('tells formats by extension and rejects an unknown one', async () => {
    expect(formatFromPath('x/y.JSONL')).toBe('ndjson');
    expect(formatFromPath('y.feather')).toBe('arrow');
    expect(formatFromPath('y.txt')).toBeNull();
    await expect(readEvents('events.txt')).rejects.toThrow(
      'cannot tell the format of events.txt from its extension; give format (ndjson, csv, arrow, parquet)',
    );
    const { copyFileSync } = await import('node:fs');
    copyFileSync(files.ndjson, `${dir}/events.txt`);
    const { rows } = await readEvents(`${dir}/events.txt`, { format: 'ndjson' });
    expect(rows).toBe(5);
  });
});
