/**
 * The vendor descriptors against what they describe: each façade has the method its path calls,
 * its column list is the descriptor's, the sample writes what the descriptor names, and the docs
 * tables of routes and 401s list exactly the registered vendors as their descriptors say.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.ts';
import { createAdverity, ADVERITY_COLUMNS } from '../../src/facades/adverity/index.ts';
import { createBoltz, BOLTZ_COLUMNS } from '../../src/facades/boltz/index.ts';
import { createMiosa, MIOSA_COLUMNS } from '../../src/facades/miosa/index.ts';
import { createScenario, SCENARIO_COLUMNS } from '../../src/facades/scenario/index.ts';
import { VENDOR_NAMES, VENDORS, vendorOf, type Vendor } from '../../src/facades/vendors.ts';
import { generateSample } from '../../src/sample/index.ts';

const engine = createEngine({ workers: 0 });
afterAll(() => engine.close());
const FACADES: Record<Vendor, { facade: unknown; columns: readonly string[] }> = {
  boltz: { facade: createBoltz({ events: [], engine }), columns: BOLTZ_COLUMNS },
  miosa: { facade: createMiosa({ events: [], engine }), columns: MIOSA_COLUMNS },
  scenario: { facade: createScenario({ events: [], engine }), columns: SCENARIO_COLUMNS },
  adverity: { facade: createAdverity({ events: [], engine, workspaces: [] }), columns: ADVERITY_COLUMNS },
};

/** A markdown table row with its cells trimmed, for comparing rows whatever their padding. */
const row = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim())
    .join(' | ');
const rowsOf = (doc: string) =>
  readFileSync(doc, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map(row);

describe('vendor descriptors', () => {
  it('register each vendor once, with its own path', () => {
    expect(VENDOR_NAMES).toEqual(['boltz', 'miosa', 'scenario', 'adverity']);
    expect(new Set(VENDORS.map((v) => v.http.path)).size).toBe(VENDORS.length);
  });

  it.each(VENDOR_NAMES)('%s: the façade has the method its path calls, and the descriptor’s columns', (name) => {
    const { facade, columns } = FACADES[name];
    const { call } = vendorOf(name).http;
    let owner = facade as Record<string, unknown>;
    for (const key of call.slice(0, -1)) owner = owner[key] as Record<string, unknown>;
    expect(typeof owner[call[call.length - 1]]).toBe('function');
    expect(columns).toEqual(Object.keys(vendorOf(name).columns));
  });

  it('name the files the sample writes, each from the vendor’s generated value', () => {
    const sample = generateSample({ counts: { boltz: 3, miosa: 3, scenario: 2, adverity: 3 } });
    for (const v of VENDORS) {
      for (const file of v.sample.files) {
        const value = sample[v.name] as never;
        const content = 'rows' in file ? file.rows(value) : file.json(value);
        expect(content, `${v.name}: ${file.name}`).toBeTruthy();
      }
    }
  });

  it('are what the docs tables of routes and 401 challenges say', () => {
    const http = rowsOf('docs/http.md');
    for (const v of VENDORS) {
      const call = `${v.name}.${v.http.call.join('.')}(params${v.http.scoped ? ', { scope }' : ''})`;
      expect(http).toContain(`${v.title} | \`GET ${v.http.path}\` | \`${call}\``);
      expect(
        http.some((r) => r.startsWith(v.title) && r.endsWith(`| \`${v.auth.challenge}\``)),
        v.name,
      ).toBe(true);
    }
    const routes = http.filter((r) => /^\S+ \| `GET \//.test(r));
    expect(routes).toHaveLength(VENDORS.length);
  });
});
