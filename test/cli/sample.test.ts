import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSample } from '../../src/cli/sample.ts';
import { generateSample } from '../../src/sample/index.ts';

async function sample(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runSample(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

describe('usage-aggregator sample', () => {
  it('writes the six sample files for the seed asked', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ua-sample-')), 'data');
    const r = await sample(['--out', dir, '--seed', '9', '--days', '5', '--end', '2026-01-10T00:00:00Z']);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'adverity-workspaces.json',
      'adverity.ndjson',
      'boltz.ndjson',
      'miosa.ndjson',
      'scenario-catalogs.json',
      'scenario.ndjson',
    ]);
    expect(r.stderr).toContain(`wrote ${join(dir, 'boltz.ndjson')}\n`);
    const first = JSON.parse(readFileSync(join(dir, 'boltz.ndjson'), 'utf8').split('\n')[0]);
    expect(first).toEqual(generateSample({ seed: 9, days: 5, end: '2026-01-10T00:00:00Z' }).boltz[0]);
  });

  it('names an --out folder it cannot write to (exit 3), without hanging where a folder cannot be made', async () => {
    const r = await sample(['--out', '/dev/null/sample']);
    expect([r.code, r.stderr]).toEqual([
      3,
      'sample: --out /dev/null/sample: cannot write /dev/null/sample/boltz.ndjson (ENOTDIR)\n',
    ]);
    if (process.platform === 'linux') {
      const proc = await sample(['--out', '/proc/nope']);
      expect([proc.code, proc.stderr]).toEqual([3, 'sample: --out /proc/nope: cannot write /proc/nope/boltz.ndjson (ENOENT)\n']);
    }
  });

  it('rejects bad flags with the usage (exit 2)', async () => {
    for (const [argv, message] of [
      [['--seed', 'x'], '--seed must be a non-negative integer, got "x"'],
      [['--days', '0'], '--days must be positive'],
      [['--end', 'soon'], '--end must be an ISO-8601 date-time, got "soon"'],
    ] as const) {
      const r = await sample([...argv]);
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(`sample: ${message}\nusage: usage-aggregator sample`)).toBe(true);
    }
  });
});
