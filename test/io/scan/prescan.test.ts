import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnChunk } from '../../../src/engine/store/chunk.ts';
import { dropPrescan, prescan, type ScanOptions, takePrescan } from '../../../src/io/scan/index.ts';
import { tempDir } from '../fixtures.ts';
import { chunkRows, type Outcome, scanOutcome, useThreadPool } from './helpers.ts';

const dir = tempDir();
const lines = (n: number, bad: number[]) =>
  Array.from({ length: n }, (_, i) =>
    bad.includes(i)
      ? `{"ts":"not a time","workspace_id":"ws_${i % 7}","quantity":${i}}`
      : `{"ts":"2026-11-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:00:00Z","workspace_id":"ws_${i % 7}","quantity":${i}}`,
  ).join('\n');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, `${text}\n`);
  return path;
};
const OPTIONS: ScanOptions = { time: 'ts', columns: { quantity: 'number' }, keep: ['ts', 'quantity', 'workspace_id'] };
// Small pieces, so even these files take several tasks on the threads.
const PIECE = { pieceBytes: 4096 };

const shared = useThreadPool();
afterEach(() => dropPrescan());

/** What a taken-over scan yields, as {@link scanOutcome} reports a scan read directly. */
async function takenOutcome(path: string, options: ScanOptions): Promise<Outcome & { progressRows: number }> {
  const invalid: string[] = [];
  let progressRows = 0;
  const scan = takePrescan(path, {
    ...options,
    onInvalid: (e) => invalid.push(e.message),
    onProgress: (p) => {
      progressRows = p.rows;
    },
  });
  if (!scan) throw new Error('the started scan was not taken');
  const got: ColumnChunk[] = [];
  try {
    for await (const c of scan.chunks) got.push(c);
  } catch (e) {
    return { rows: [], skipped: 0, invalid, error: (e as Error).message, progressRows };
  }
  const s = await scan.summary;
  return { rows: chunkRows(got, options.time), skipped: s.skipped, invalid, error: null, progressRows };
}

describe('prescan', () => {
  for (const threads of [0, 2]) {
    const poolNow = () => Promise.resolve(threads ? shared.pool : null);

    it(`a scan taken over gives what a direct scan gives: rows, skips, progress (threads ${threads})`, async () => {
      const path = file(`skips-${threads}.ndjson`, lines(2000, [5, 777, 1999]));
      const options = { ...OPTIONS, ...PIECE, skipInvalid: true };
      prescan(path, options, poolNow());
      // Let the scan run ahead of its taker, as it does while the program loads.
      await new Promise((r) => setTimeout(r, 20));
      const taken = await takenOutcome(path, options);
      const direct = await scanOutcome(path, { ...options, pool: threads ? shared.pool : null });
      expect(taken.rows).toEqual(direct.rows);
      expect(taken.rows).toHaveLength(1997);
      expect(taken.skipped).toBe(3);
      expect(taken.invalid).toEqual(direct.invalid);
      expect(taken.invalid[0]).toMatch(/:6: bad time/);
      expect(taken.progressRows).toBe(1997);
    });

    it(`a malformed row fails the taker with the scan's own error (threads ${threads})`, async () => {
      const path = file(`bad-${threads}.ndjson`, lines(2000, [1500, 300]));
      const options = { ...OPTIONS, ...PIECE };
      prescan(path, options, poolNow());
      const taken = await takenOutcome(path, options);
      const direct = await scanOutcome(path, { ...options, pool: threads ? shared.pool : null });
      expect(taken.error).not.toBeNull();
      expect(taken.error).toBe(direct.error);
      expect(taken.error).toMatch(/bad-\d\.ndjson:301: bad time/);
    });
  }

  it('is taken only with the same file and options, and only once', async () => {
    const path = file('once.ndjson', lines(50, []));
    prescan(path, OPTIONS);
    expect(takePrescan(path, { ...OPTIONS, skipInvalid: true })).toBeNull();
    expect(takePrescan(path, { ...OPTIONS, columns: {} })).toBeNull();
    expect(takePrescan(`${path}.other`, OPTIONS)).toBeNull();
    expect(takePrescan(path, { ...OPTIONS, onProgress: () => {} })).not.toBeNull();
    expect(takePrescan(path, OPTIONS)).toBeNull();
  });

  it('a dropped scan is not taken', async () => {
    const path = file('dropped.ndjson', lines(50, []));
    prescan(path, OPTIONS);
    dropPrescan();
    expect(takePrescan(path, OPTIONS)).toBeNull();
  });
});
