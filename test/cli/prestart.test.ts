/**
 * Worker threads started before `recompute` loads: only for a large input file and workers
 * wanted; the engine created next takes the pool (its tasks are the
 * engine's), and a pool no engine took is closed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { earlyWorkers } from '../../src/cli/prestart.ts';
import { createEngine } from '../../src/engine/engine.ts';
import { closePrestarted, prestartPool, takePrestarted } from '../../src/engine/parallel/prestart.ts';

const dir = mkdtempSync(join(tmpdir(), 'prestart-'));
const big = join(dir, 'big.csv');
const small = join(dir, 'small.ndjson');
writeFileSync(big, Buffer.alloc(5 << 20, 0x20));
writeFileSync(small, '{"ts":0}\n');

describe('early worker threads', () => {
  it('are wanted for a large file unless workers are 0', () => {
    expect(earlyWorkers(['--input', big, '--query', 'q.json'])).toBe('auto');
    expect(earlyWorkers([`--input=${big}`, '--workers', '3'])).toBe(3);
    expect(earlyWorkers(['-i', big, '--format', 'ndjson', '--workers=auto'])).toBe('auto');
    expect(earlyWorkers(['--input', big, '--workers', '0'])).toBeNull();
    expect(earlyWorkers(['--input', big, '--workers', 'lots'])).toBeNull();
    expect(earlyWorkers(['--input', small])).toBeNull();
    expect(earlyWorkers(['--input', join(dir, 'missing.csv')])).toBeNull();
    expect(earlyWorkers(['--input', '-'])).toBeNull();
    expect(earlyWorkers(['--query', 'q.json'])).toBeNull();
  });

  it('are taken by the next engine of that size, which runs its queries on them', async () => {
    await prestartPool(2);
    expect(takePrestarted(3, 60_000)).toBeNull();
    const engine = createEngine({ workers: 2, inlineThreshold: 0 });
    try {
      const rows = [
        { ts: 0, q: 1 },
        { ts: 1, q: 2 },
      ];
      const events = await engine.load(rows);
      const table = await engine.aggregate(events, { time: 'ts', window: 'day', measures: { q: { op: 'sum', column: 'q' } } });
      expect(table.objects()).toEqual([{ window_start: 0, window_end: 86_400_000, q: 3 }]);
      expect(engine.stats().workers).toMatchObject({ state: 'active', threads: 2 });
      expect(takePrestarted(2, 60_000)).toBeNull();
    } finally {
      await engine.close();
    }
  });

  it('are closed when no engine took them', async () => {
    await prestartPool(1);
    const pool = takePrestarted(1, 60_000);
    expect(pool).not.toBeNull();
    const started = await pool!;
    if ('error' in started) throw new Error(started.error);
    await started.close();
    await prestartPool(1);
    await closePrestarted();
    expect(takePrestarted(1, 60_000)).toBeNull();
  });
});
