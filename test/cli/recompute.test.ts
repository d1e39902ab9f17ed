import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENTS, ndjson, recompute, spawnCli, tempFiles } from './helpers.ts';

const file = tempFiles();
const events = file('boltz.ndjson', ndjson(EVENTS));
const dailyByApp = file(
  'query.json',
  JSON.stringify({
    time: 'ts',
    window: 'day',
    groupBy: ['application'],
    measures: { total: { op: 'sum', column: 'quantity' }, n: { op: 'count' } },
  }),
);
const day = (d: number) => Date.UTC(2026, 10, d);
// Worked by hand: 11-02T05:00+02:00 is 11-02T03:00Z, so November 2 has adme 5 + 1.
const DAILY_BY_APP = [
  { window_start: day(1), window_end: day(2), application: 'adme', total: 3, n: 1 },
  { window_start: day(1), window_end: day(2), application: 'protein_design', total: 2, n: 1 },
  { window_start: day(2), window_end: day(3), application: 'adme', total: 6, n: 2 },
  { window_start: day(3), window_end: day(4), application: 'protein_design', total: 4, n: 1 },
];
const BOLTZ_PARAMS = JSON.stringify({
  window_size: 'DAY',
  starting_at: '2026-11-01T00:00:00Z',
  ending_at: '2026-11-03T00:00:00Z',
  group_by: 'application',
});

describe('usage-aggregator recompute (spawned)', () => {
  it('runs a raw query and prints its rows as JSON', () => {
    const r = spawnCli(['recompute', '--input', events, '--query', dailyByApp, '--workers', '0']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(DAILY_BY_APP);
  });

  it('answers as the Boltz façade', () => {
    const r = spawnCli(['recompute', '--input', events, '--facade', 'boltz', '--params', BOLTZ_PARAMS, '--workers', '0']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      data: [
        { start_time: '2026-11-01T00:00:00.000Z', end_time: '2026-11-02T00:00:00.000Z', quantity: 3, application: 'adme' },
        {
          start_time: '2026-11-01T00:00:00.000Z',
          end_time: '2026-11-02T00:00:00.000Z',
          quantity: 2,
          application: 'protein_design',
        },
        { start_time: '2026-11-02T00:00:00.000Z', end_time: '2026-11-03T00:00:00.000Z', quantity: 6, application: 'adme' },
      ],
      has_more: false,
      next_page: null,
    });
  });

  it('exits 4 with the vendor error body on stdout when the façade rejects the request', () => {
    const r = spawnCli([
      'recompute',
      '--input',
      events,
      '--facade',
      'boltz',
      '--workers',
      '0',
      '--params',
      '{"window_size":"WEEK","starting_at":"2026-11-01T00:00:00Z","ending_at":"2026-11-03T00:00:00Z"}',
    ]);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('recompute: the façade rejected the request (HTTP 422); its error body is on stdout\n');
    const body = JSON.parse(r.stdout);
    expect(body.detail[0].loc).toEqual(['query', 'window_size']);
    expect(body.detail[0].msg).toBe("Input should be 'HOUR' or 'DAY'");
  });

  it('exits 3 naming file and line for a malformed row', () => {
    const bad = file('bad.ndjson', ndjson(EVENTS.slice(0, 2)) + '{"ts":"soon","quantity":1}\n');
    const r = spawnCli(['recompute', '--input', bad, '--query', dailyByApp, '--workers', '0']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `recompute: ${bad}:3: bad time in column "ts": "soon" (expected epoch ms or ISO-8601 with Z or an offset)\n`,
    );
  });

  it('exits 2 with the usage for bad arguments', () => {
    const r = spawnCli(['recompute', '--query', dailyByApp]);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith('recompute: --input FILE is required\nusage: usage-aggregator recompute --input FILE')).toBe(true);
  });
});

describe('usage-aggregator (dispatch)', () => {
  it('prints the commands for --help, and rejects an unknown command', () => {
    const help = spawnCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('  recompute   event file → rollups through a vendor façade or a raw engine query\n');
    const unknown = spawnCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.startsWith('usage-aggregator: unknown command "frobnicate"\nusage: usage-aggregator <command>')).toBe(
      true,
    );
    const typo = spawnCli(['recompte']);
    expect(typo.code).toBe(2);
    expect(typo.stderr.startsWith('usage-aggregator: unknown command "recompte" (did you mean recompute?)\n')).toBe(true);
  });

  it('prints the package version for --version', () => {
    const r = spawnCli(['--version']);
    expect(r).toEqual({
      code: 0,
      stdout: `${JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version}\n`,
      stderr: '',
    });
  });

  it.skipIf(existsSync(new URL('../../src/cli/load.ts', import.meta.url)))('says so when a command is not in the build', () => {
    const r = spawnCli(['load']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('usage-aggregator: the load command is not available in this build (load.ts is missing)\n');
  });
});

describe('recompute outputs', () => {
  it('writes CSV and NDJSON rows', async () => {
    const csv = await recompute(['--input', events, '--query', dailyByApp, '--workers', '0', '--output', 'csv']);
    expect(csv.stdout).toBe(
      [
        'window_start,window_end,application,total,n',
        `${day(1)},${day(2)},adme,3,1`,
        `${day(1)},${day(2)},protein_design,2,1`,
        `${day(2)},${day(3)},adme,6,2`,
        `${day(3)},${day(4)},protein_design,4,1`,
        '',
      ].join('\n'),
    );
    const lines = await recompute(['--input', events, '--query', dailyByApp, '--workers', '0', '--output', 'ndjson']);
    expect(
      lines.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(DAILY_BY_APP);
  });

  it('writes to --out, and a façade response as rows with --output ndjson', async () => {
    const out = events.replace(/boltz\.ndjson$/, 'out/boltz-rows.ndjson'); // a folder writeTextFile creates
    const r = await recompute([
      '--input',
      events,
      '--facade',
      'boltz',
      '--params',
      BOLTZ_PARAMS,
      '--workers',
      '0',
      '--output',
      'ndjson',
      '--out',
      out,
    ]);
    expect([r.code, r.stdout]).toEqual([0, '']);
    expect(
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).quantity),
    ).toEqual([3, 2, 6]);
  });

  it('follows Boltz pages with --all-pages', async () => {
    const params = JSON.stringify({
      window_size: 'DAY',
      starting_at: '2026-11-01T00:00:00Z',
      ending_at: '2026-11-04T00:00:00Z',
      limit: 1,
    });
    const r = await recompute(['--input', events, '--facade', 'boltz', '--params', params, '--workers', '0', '--all-pages']);
    expect(JSON.parse(r.stdout)).toEqual({
      data: [
        { start_time: '2026-11-01T00:00:00.000Z', end_time: '2026-11-02T00:00:00.000Z', quantity: 5 },
        { start_time: '2026-11-02T00:00:00.000Z', end_time: '2026-11-03T00:00:00.000Z', quantity: 6 },
        { start_time: '2026-11-03T00:00:00.000Z', end_time: '2026-11-04T00:00:00.000Z', quantity: 4 },
      ],
      has_more: false,
      next_page: null,
    });
  });
});
