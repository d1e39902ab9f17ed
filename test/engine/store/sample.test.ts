/**
 * The committed sample through `engine.load(path)` and through the table path: every façade
 * answers the same, byte for byte, inline and on two workers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdverity, createBoltz, createMiosa, createScenario, type LoadedEvents, type LocalEngine } from '../../../src/index.ts';
import { createEngine } from '../../../src/engine/engine.ts';
import type { Query } from '../../../src/engine/types.ts';
import { vendorTypes } from '../../../src/cli/vendor-columns.ts';
import { loadSample, samplePath, sampleNow as now, type Sample } from '../../../examples/sample.ts';
import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

let sample: Sample;
beforeAll(async () => { sample = await loadSample(); });

for (const workers of [0, 2]) {
  describe(`the sample loaded with engine.load (workers ${workers})`, () => {
    let engine: LocalEngine;
    const loaded: Record<string, LoadedEvents> = {};
    beforeAll(async () => {
      engine = createEngine({ workers, inlineThreshold: 0 });
      for (const vendor of ['boltz', 'miosa', 'scenario', 'adverity'] as const) {
        loaded[vendor] = await engine.load(samplePath(`${vendor}.ndjson`), { columns: vendorTypes(vendor) });
      }
    });
    afterAll(() => engine.close());
    const same = async (run: (events: unknown) => Promise<unknown>, vendor: keyof Sample) => {
      const want = JSON.stringify(await run((sample[vendor] as { table: unknown }).table));
      expect(JSON.stringify(await run(loaded[vendor]))).toBe(want);
    };

    it('a Node stream, a web stream, bytes and a .gz path give the same events as the path', async () => {
      const path = samplePath('boltz.ndjson');
      const dir = mkdtempSync(join(tmpdir(), 'load-'));
      const gz = join(dir, 'boltz.ndjson.gz');
      writeFileSync(gz, gzipSync(readFileSync(path)));
      async function* bytes() { yield readFileSync(path).subarray(0, 1000); yield readFileSync(path).subarray(1000); }
      const q: Query = { time: 'ts', window: 'day', groupBy: ['workspace_id', 'application'], measures: { q: { op: 'sum', column: 'quantity' } } };
      const want = (await engine.aggregate(loaded.boltz, q)).objects();
      expect(want.length).toBeGreaterThan(100);
      const columns = vendorTypes('boltz');
      for (const input of [createReadStream(path), Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, bytes()]) {
        const events = await engine.load(input, { format: 'ndjson', columns });
        expect((await engine.aggregate(events, q)).objects()).toEqual(want);
      }
      const fromGz = await engine.load(gz, { columns });
      expect(fromGz.summary.rows).toBe(sample.boltz.rows);
      expect((await engine.aggregate(fromGz, q)).objects()).toEqual(want);
    });

    it('holds every row of each file', () => {
      for (const vendor of ['boltz', 'miosa', 'scenario', 'adverity'] as const) {
        expect(loaded[vendor].numRows()).toBe(sample[vendor].rows);
      }
    });

    it('Boltz', () => same((events) => createBoltz({ events: events as LoadedEvents, engine, now }).admin.usage.list({
      window_size: 'HOUR', starting_at: '2026-11-13T00:00:00Z', ending_at: '2026-11-20T00:00:00Z', group_by: ['application', 'workspace_id'], limit: 1000,
    }), 'boltz'));

    it('MIOSA', () => same((events) => createMiosa({ events: events as LoadedEvents, engine, now }).usage.get({ group_by: 'external_user_id', period: '30d' }), 'miosa'));

    it('Scenario, activity included', () => same((events) => createScenario({ events: events as LoadedEvents, engine, now, catalogs: sample.catalogs })
      .usages.list({ timeRange: 'last-thirty-one-days', type: 'usages,model-usages,asset-usages,consumption,activity' }), 'scenario'));

    it('Adverity', () => {
      const root = sample.workspaces.find((w) => w.parent_id === null)!;
      return same((events) => createAdverity({ events: events as LoadedEvents, engine, now, workspaces: sample.workspaces })
        .usage.list({ granularity: 'daily', date_from: '2026-10-01', page_size: '1000' }, { scope: root.id }), 'adverity');
    });
  });
}
