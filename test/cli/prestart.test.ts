/**
 * Worker threads started before `recompute` loads: only for a large input file and workers
 * wanted; the engine created next takes the pool (its tasks are the
 * engine's), and a pool no engine took is closed. The scan they start is the one the command's
 * load takes over (same file, same options), and gives the command's own output.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { earlyWorkers, prestartFor } from '../../src/cli/prestart.ts';
import { createEngine } from '../../src/engine/engine.ts';
import { closePrestarted, prestartPool, takePrestarted } from '../../src/engine/parallel/prestart.ts';
import { prescanWaiting } from '../../src/io/scan/index.ts';
import { recompute } from './helpers.ts';

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

  it('started one short (the command line reads on its own thread too) grow when a query wants them all', async () => {
    await prestartPool(2, { threads: 1 });
    const engine = createEngine({ workers: 2, inlineThreshold: 0 });
    try {
      const rows = Array.from({ length: 1000 }, (_, i) => ({ ts: i * 3_600_000, q: i }));
      const events = await engine.load(rows);
      const table = await engine.aggregate(events, { time: 'ts', window: 'day', measures: { q: { op: 'sum', column: 'q' } } });
      // 24 hours a day: day d sums i = 24d … 24d + 23 (the last day has 1000 - 984 = 16 of them).
      const sums = Array.from({ length: 42 }, (_, d) => {
        let sum = 0;
        for (let i = 24 * d; i < Math.min(1000, 24 * d + 24); i++) sum += i;
        return sum;
      });
      expect((table.objects() as { q: number }[]).map((r) => r.q)).toEqual(sums);
      expect(engine.stats().workers).toMatchObject({ state: 'active', threads: 2 });
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

describe('the scan started early', () => {
  // Large enough to be scanned early: 5 MiB of Boltz events over three days, one malformed.
  const rows: string[] = [];
  for (let i = 0; rows.join('\n').length < 5 << 20 && i < 200_000; i++) {
    rows.push(
      JSON.stringify({
        ts: `2026-11-0${1 + (i % 3)}T${String(i % 24).padStart(2, '0')}:00:00Z`,
        workspace_id: `ws_${i % 5}`,
        application: i % 2 ? 'adme' : 'docking',
        quantity: i % 10,
      }),
    );
  }
  rows[1234] = '{"ts":"yesterday","workspace_id":"ws_0","quantity":1}';
  const events = join(dir, 'events.ndjson');
  writeFileSync(events, `${rows.join('\n')}\n`);
  const query = join(dir, 'query.json');
  writeFileSync(
    query,
    JSON.stringify({ time: 'ts', window: 'day', groupBy: ['workspace_id'], measures: { q: { op: 'sum', column: 'quantity' } } }),
  );
  const columns = JSON.stringify({ workspace_id: 'workspace_id' });

  for (const argv of [
    ['--input', events, '--query', query, '--skip-invalid', '--output', 'ndjson'],
    [
      '--input',
      events,
      '--facade',
      'boltz',
      '--columns',
      columns,
      '--skip-invalid',
      '--now',
      '2026-11-05T00:00:00Z',
      '-p',
      'window_size=DAY',
      '-p',
      'starting_at=2026-11-01T00:00:00Z',
      '-p',
      'ending_at=2026-11-04T00:00:00Z',
    ],
  ]) {
    it(`is taken by the command's load and gives the same output (${argv[2]})`, async () => {
      const plain = await recompute([...argv, '--workers', '0']);
      expect(plain.code).toBe(0);
      const done = await prestartFor([...argv, '--workers', '2']);
      try {
        expect(prescanWaiting()).toBe(true);
        const early = await recompute([...argv, '--workers', '2']);
        expect(prescanWaiting()).toBe(false);
        expect(early).toEqual(plain);
        expect(early.stderr).toMatch(/skipped 1 malformed row .*\n.*:1235: bad time/);
      } finally {
        await done();
      }
    });
  }

  it('is dropped when the command loads with other options', async () => {
    const done = await prestartFor(['--input', events, '--query', query, '--workers', '2']);
    expect(prescanWaiting()).toBe(true);
    const other = await recompute([
      '--input',
      events,
      '--query',
      query,
      '--skip-invalid',
      '--workers',
      '2',
      '--output',
      'ndjson',
    ]);
    expect(other.code).toBe(0);
    expect(prescanWaiting()).toBe(true);
    await done();
    expect(prescanWaiting()).toBe(false);
  });
});
