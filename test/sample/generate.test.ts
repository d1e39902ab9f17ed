import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRandom, generateSample, SAMPLE_NOW } from '../../src/sample/index.ts';
import { ASSET_KINDS, USAGE_NAMES } from '../../src/facades/scenario/enums.ts';

const APPLICATIONS = [
  'structure_and_binding',
  'small_molecule_design',
  'small_molecule_library_screen',
  'protein_design',
  'protein_library_screen',
  'adme',
];
const small = { counts: { boltz: 300, miosa: 300, scenario: 150, adverity: 300 } };

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    const r = createRandom(1);
    for (let i = 0; i < 1000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      const k = r.int(2, 4);
      expect([2, 3, 4]).toContain(k);
    }
  });
});

describe('generateSample', () => {
  it('is deterministic: same seed, same events; another seed, other events', () => {
    expect(generateSample({ seed: 3, ...small })).toEqual(generateSample({ seed: 3, ...small }));
    expect(generateSample({ seed: 4, ...small }).boltz).not.toEqual(generateSample({ seed: 3, ...small }).boltz);
  });

  it('keeps each vendor on its own stream', () => {
    const a = generateSample({ seed: 3, counts: { boltz: 10, miosa: 300, scenario: 150, adverity: 300 } });
    const b = generateSample({ seed: 3, ...small });
    expect(a.miosa).toEqual(b.miosa);
    expect(a.adverity).toEqual(b.adverity);
  });

  it('puts every event in [end − days, end), in time order', () => {
    const s = generateSample({ seed: 5, end: '2026-03-01T00:00:00Z', days: 10, ...small });
    const end = Date.parse('2026-03-01T00:00:00Z');
    for (const list of [s.boltz, s.miosa, s.scenario.events, s.adverity.events]) {
      const times = list.map((e) => Date.parse(e.ts));
      expect(Math.min(...times)).toBeGreaterThanOrEqual(end - 10 * 86_400_000);
      expect(Math.max(...times)).toBeLessThan(end);
      expect(times).toEqual([...times].sort((x, y) => x - y));
    }
  });

  it('Boltz: known applications, positive integer quantities', () => {
    for (const e of generateSample(small).boltz) {
      expect(APPLICATIONS).toContain(e.application);
      expect(Number.isInteger(e.quantity) && e.quantity >= 1).toBe(true);
    }
  });

  it('MIOSA: one metric per record, priced as documented', () => {
    for (const e of generateSample(small).miosa) {
      const metrics = ['sandbox_seconds', 'computer_seconds', 'storage_gb_hours'].filter((k) => k in e);
      expect(metrics.length).toBe(1);
      const expected =
        e.sandbox_seconds !== undefined
          ? e.sandbox_seconds * 0.0125
          : e.computer_seconds !== undefined
            ? e.computer_seconds * 0.02
            : e.storage_gb_hours! * 2.4;
      expect(e.credit_cents).toBeCloseTo(expected, 4);
    }
  });

  it('Scenario: every reference resolves in the catalogs, enums are the vendor’s', () => {
    const { events, catalogs } = generateSample(small).scenario;
    const ids = (list: { id: string }[]) => new Set(list.map((x) => x.id));
    const users = new Map(catalogs.users.map((u) => [u.id, u]));
    const [assets, jobs, models, collections] = [catalogs.assets, catalogs.jobs, catalogs.models, catalogs.collections].map(ids);
    for (const e of events) {
      expect(users.get(e.user_id)?.isApiKey).toBe(e.is_api_key);
      if (e.asset_id) expect(assets.has(e.asset_id)).toBe(true);
      if (e.job_id) expect(jobs.has(e.job_id)).toBe(true);
      if (e.model_id) expect(models.has(e.model_id)).toBe(true);
      if (e.collection_id) expect(collections.has(e.collection_id)).toBe(true);
      if (e.usage_name) expect(USAGE_NAMES as readonly string[]).toContain(e.usage_name);
      if (e.asset_kind) expect(ASSET_KINDS as readonly string[]).toContain(e.asset_kind);
    }
    expect(events.some((e) => e.nsfw_label)).toBe(true);
    expect(events.some((e) => e.is_api_key)).toBe(true);
  });

  it('Adverity: a one-root tree, events in it, re-processed rows and manual uploads', () => {
    const { events, workspaces } = generateSample(small).adverity;
    expect(workspaces.filter((w) => w.parent_id === null).length).toBe(1);
    const ids = new Set(workspaces.map((w) => w.id));
    for (const w of workspaces) if (w.parent_id !== null) expect(ids.has(w.parent_id)).toBe(true);
    for (const e of events) expect(ids.has(e.workspace_id)).toBe(true);
    expect(new Set(events.map((e) => `${e.datastream_id} ${e.row_key}`)).size).toBeLessThan(events.length);
    expect(events.some((e) => e.datastream_id === null)).toBe(true);
  });

  it('matches the committed sample in examples/data (run `npm run sample` after changing the generator)', () => {
    const s = generateSample();
    const lines = (name: string) => readFileSync(new URL(`../../examples/data/${name}`, import.meta.url), 'utf8');
    const asLines = (rows: unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join('');
    expect(lines('boltz.ndjson')).toBe(asLines(s.boltz));
    expect(lines('miosa.ndjson')).toBe(asLines(s.miosa));
    expect(lines('scenario.ndjson')).toBe(asLines(s.scenario.events));
    expect(JSON.parse(lines('scenario-catalogs.json'))).toEqual(s.scenario.catalogs);
    expect(lines('adverity.ndjson')).toBe(asLines(s.adverity.events));
    expect(JSON.parse(lines('adverity-workspaces.json'))).toEqual(s.adverity.workspaces);
    expect(s.boltz.at(-1)!.ts < SAMPLE_NOW).toBe(true);
  });
});
