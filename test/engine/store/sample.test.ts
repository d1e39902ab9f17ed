/**
 * The committed sample through `engine.load(path)` and through the table path: every façade
 * answers the same, byte for byte, inline and on two workers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAdverity,
  createBoltz,
  createMiosa,
  createScenario,
  type LoadedEvents,
  type LocalEngine,
} from '../../../src/index.ts';
import { createEngine } from '../../../src/engine/engine.ts';
import type { Query } from '../../../src/engine/types.ts';
import { vendorTypes } from '../../../src/cli/vendor-columns.ts';
import type { ColumnTable } from 'arquero';
import { readEvents } from '../../../src/io/index.ts';
import { SAMPLE_NOW } from '../../../src/sample/index.ts';
import type { ScenarioCatalogs, Workspace } from '../../../src/index.ts';
import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

const samplePath = (name: string) => new URL(`../../../examples/data/${name}`, import.meta.url).pathname;
const now = () => new Date(SAMPLE_NOW);
const VENDORS = ['boltz', 'miosa', 'scenario', 'adverity'] as const;
type Vendor = (typeof VENDORS)[number];
type Sample = Record<Vendor, { table: ColumnTable; rows: number }> & { catalogs: ScenarioCatalogs; workspaces: Workspace[] };

/** The sample as the table path reads it: each vendor's file with its column types. */
let sample: Sample;
beforeAll(async () => {
  const read = async (v: Vendor) => readEvents(samplePath(`${v}.ndjson`), { types: vendorTypes(v) });
  const [boltz, miosa, scenario, adverity] = await Promise.all(VENDORS.map(read));
  sample = {
    boltz,
    miosa,
    scenario,
    adverity,
    catalogs: JSON.parse(readFileSync(samplePath('scenario-catalogs.json'), 'utf8')),
    workspaces: JSON.parse(readFileSync(samplePath('adverity-workspaces.json'), 'utf8')),
  };
});

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
    const same = async (run: (events: unknown) => Promise<unknown>, vendor: Vendor) => {
      const want = JSON.stringify(await run(sample[vendor].table));
      expect(JSON.stringify(await run(loaded[vendor]))).toBe(want);
    };

    it('a Node stream, a web stream, bytes and a .gz path give the same events as the path', async () => {
      const path = samplePath('boltz.ndjson');
      const dir = mkdtempSync(join(tmpdir(), 'load-'));
      const gz = join(dir, 'boltz.ndjson.gz');
      writeFileSync(gz, gzipSync(readFileSync(path)));
      async function* bytes() {
        yield readFileSync(path).subarray(0, 1000);
        yield readFileSync(path).subarray(1000);
      }
      const q: Query = {
        time: 'ts',
        window: 'day',
        groupBy: ['workspace_id', 'application'],
        measures: { q: { op: 'sum', column: 'quantity' } },
      };
      const want = (await engine.aggregate(loaded.boltz, q)).objects();
      expect(want.length).toBeGreaterThan(100);
      const columns = vendorTypes('boltz');
      for (const input of [
        createReadStream(path),
        Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
        bytes(),
      ]) {
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

    it('Boltz', () =>
      same(
        (events) =>
          createBoltz({ events: events as LoadedEvents, engine, now }).admin.usage.list({
            window_size: 'HOUR',
            starting_at: '2026-11-13T00:00:00Z',
            ending_at: '2026-11-20T00:00:00Z',
            group_by: ['application', 'workspace_id'],
            limit: 1000,
          }),
        'boltz',
      ));

    it('MIOSA', () =>
      same(
        (events) =>
          createMiosa({ events: events as LoadedEvents, engine, now }).usage.get({ group_by: 'external_user_id', period: '30d' }),
        'miosa',
      ));

    it('Scenario, activity included', () =>
      same(
        (events) =>
          createScenario({ events: events as LoadedEvents, engine, now, catalogs: sample.catalogs }).usages.list({
            timeRange: 'last-thirty-one-days',
            type: 'usages,model-usages,asset-usages,consumption,activity',
          }),
        'scenario',
      ));

    it('Adverity', () => {
      const root = sample.workspaces.find((w) => w.parent_id === null)!;
      return same(
        (events) =>
          createAdverity({ events: events as LoadedEvents, engine, now, workspaces: sample.workspaces }).usage.list(
            { granularity: 'daily', date_from: '2026-10-01', page_size: '1000' },
            { scope: root.id },
          ),
        'adverity',
      );
    });
  });
}
