/**
 * The command line as a process on a file large enough for its early worker threads: it ends
 * without waiting for them to finish stopping, and still with its exit code, all its output on
 * stdout (a pipe) or in the --out file, and nothing on stderr but the read's summary.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recompute, spawnCli, tempFiles } from './helpers.ts';

const file = tempFiles();
// About 5.5 MB: more than the 4 MiB from which the threads start before the command loads.
const lines: string[] = [];
for (let i = 0; i < 60_000; i++) {
  const ts = new Date(Date.UTC(2026, 10, 1) + i * 37_000).toISOString();
  lines.push(JSON.stringify({ ts, workspace_id: `ws_${i % 97}`, application: `app_${i % 5}`, quantity: i % 13 }));
}
const events = file('big.ndjson', `${lines.join('\n')}\n`);
const query = file(
  'q.json',
  JSON.stringify({ time: 'ts', window: 'day', groupBy: ['workspace_id'], measures: { q: { op: 'sum', column: 'quantity' } } }),
);

describe('recompute as a process, with worker threads', () => {
  it('writes every row to a pipe and to --out, exits 0, and prints no error', async () => {
    const expected = await recompute(['--input', events, '--query', query, '--workers', '0', '--output', 'ndjson']);
    expect(expected.stdout.split('\n').length).toBeGreaterThan(2_000);

    const argv = ['recompute', '--input', events, '--query', query, '--workers', '2', '--output', 'ndjson'];
    const piped = spawnCli(argv);
    expect([piped.code, piped.stderr, piped.stdout]).toEqual([0, '', expected.stdout]);

    const out = file('rows-out.ndjson', '');
    const written = spawnCli([...argv, '--out', out]);
    expect([written.code, written.stderr, written.stdout]).toEqual([0, '', '']);
    expect(readFileSync(out, 'utf8')).toBe(expected.stdout);
  });

  it('exits with the data error code when the query is bad', () => {
    const bad = file('bad.json', JSON.stringify({ time: 'ts', window: 'fortnight', measures: {} }));
    const r = spawnCli(['recompute', '--input', events, '--query', bad, '--workers', '2']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^recompute: .*window/);
  });
});
