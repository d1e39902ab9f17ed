// The published package is the built JS in dist/: on plain Node (no tsx), its engine must start
// the worker pool from dist/engine/parallel/worker.js and give the same rows as inline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine, createBoltz } from '../../dist/index.js';
import { startPool } from '../../dist/engine/parallel/pool.js';

const events = Array.from({ length: 500 }, (_, i) => ({
  ts: Date.UTC(2026, 2, 7) + i * 7 * 60_000,
  workspace_id: `ws_${i % 3}`,
  application: i % 2 ? 'adme' : 'protein_design',
  quantity: (i % 5) + 0.25,
}));
const query = {
  time: 'ts',
  window: 'day',
  timeZone: 'America/New_York',
  groupBy: ['workspace_id'],
  measures: { q: { op: 'sum', column: 'quantity' }, n: { op: 'count' }, apps: { op: 'countDistinct', column: 'application' } },
};

test('the built worker starts on plain Node', async () => {
  const pool = await startPool(2);
  assert.equal('size' in pool ? pool.size : pool.error, 2);
  await pool.close();
});

test('the built engine with two workers equals inline', async () => {
  const inline = createEngine({ workers: 0 });
  const sharded = createEngine({ workers: 2, inlineThreshold: 0 });
  const a = (await inline.aggregate(events, query)).objects();
  const b = (await sharded.aggregate(events, query)).objects();
  assert.ok(a.length > 3);
  assert.deepEqual(b, a);
  assert.equal(
    a.reduce((s, r) => s + r.n, 0),
    events.length,
  );
  await inline.close();
  await sharded.close();
});

test('a façade from the built package answers', async () => {
  const engine = createEngine({ workers: 0 });
  const boltz = createBoltz({ events, engine, now: () => new Date('2026-03-10T00:00:00Z') });
  const page = await boltz.admin.usage.list({
    starting_at: '2026-03-07T00:00:00Z',
    ending_at: '2026-03-08T00:00:00Z',
    window_size: 'DAY',
  });
  const sum = events.filter((e) => e.ts < Date.UTC(2026, 2, 8)).reduce((s, e) => s + e.quantity, 0);
  assert.equal(page.data.length, 1);
  // quantity is an integer: the sum (461.5, positive) rounded half away from zero.
  assert.equal(page.data[0].quantity, Math.round(sum));
  await engine.close();
});
