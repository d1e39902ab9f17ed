/** `--output table`, sparklines, ISO times in a zone, and `-p key=value`. */
import { describe, expect, it } from 'vitest';
import { isoInZone, sparkline } from '../../src/sparkline.ts';
import { EVENTS, ndjson, recompute, tempFiles } from './helpers.ts';

const file = tempFiles();
const events = file('boltz.ndjson', ndjson(EVENTS));

describe('sparkline', () => {
  it('scales from zero (or the smallest negative) to the largest, a gap for null', () => {
    expect(sparkline([0, 1, 4, 8, null, 2])).toBe('▁▂▅█ ▃'); // 4 of 8 is 3.5 of 7 steps: rounds up
    expect(sparkline([5, 5])).toBe('██');
    expect(sparkline([0, 0])).toBe('▁▁');
    expect(sparkline([-7, 0, 7])).toBe('▁▅█');
    expect(sparkline([null, null])).toBe('  ');
  });
  it('draws a long series as means of consecutive values, at most the width', () => {
    expect(sparkline([0, 0, 8, 8, 4, 4], 3)).toBe('▁█▅');
    expect(sparkline(Array.from({ length: 1000 }, (_, i) => i))).toHaveLength(60);
  });
});

describe('isoInZone', () => {
  it('writes the local clock and its offset, across a DST change', () => {
    expect(isoInZone(Date.UTC(2026, 10, 1), 'UTC')).toBe('2026-11-01T00:00:00Z');
    expect(isoInZone(Date.UTC(2026, 10, 1), 'Europe/Berlin')).toBe('2026-11-01T01:00:00+01:00');
    expect(isoInZone(Date.UTC(2026, 6, 1, 12, 30), 'Europe/Berlin')).toBe('2026-07-01T14:30:00+02:00');
    expect(isoInZone(Date.UTC(2026, 2, 8, 7), 'America/New_York')).toBe('2026-03-08T03:00:00-04:00');
    expect(isoInZone(Date.UTC(2026, 0, 1, 0, 0, 0, 5), 'Asia/Kolkata')).toBe('2026-01-01T05:30:00.005+05:30');
    expect(isoInZone(-60_589_296_000_000, 'UTC')).toBe('0050-01-01T00:00:00Z'); // years 0–99 are not 1900–1999
  });
});

describe('recompute --output table', () => {
  it('aligns a raw query, window times in its zone, and sparklines per group', async () => {
    const query = file(
      'q.json',
      JSON.stringify({
        time: 'ts',
        window: 'day',
        timeZone: 'Europe/Berlin',
        groupBy: ['application'],
        measures: { total: { op: 'sum', column: 'quantity' } },
      }),
    );
    const r = await recompute(['--input', events, '--query', query, '--workers', '0', '--output', 'table']);
    expect(r.code).toBe(0);
    // Berlin days (UTC+1): 11-01 10:00Z and 11-01 23:59Z (= 11-02 00:59 local) fall apart;
    // 11-02 00:00Z, 11-02 03:00Z are 11-02 local; 11-03 12:00Z is 11-03 local.
    expect(r.stdout).toBe(
      [
        'window_start               window_end                 application     total',
        '2026-11-01T00:00:00+01:00  2026-11-02T00:00:00+01:00  adme                3',
        '2026-11-02T00:00:00+01:00  2026-11-03T00:00:00+01:00  adme                6',
        '2026-11-02T00:00:00+01:00  2026-11-03T00:00:00+01:00  protein_design      2',
        '2026-11-03T00:00:00+01:00  2026-11-04T00:00:00+01:00  protein_design      4',
        '',
        'per group, 3 windows from 2026-11-01T00:00:00+01:00 to 2026-11-03T00:00:00+01:00:',
        'application     total  total max',
        'adme            ▅█             6',
        'protein_design   ▅█            4',
        '',
      ].join('\n'),
    );
  });

  it('tables a façade response, with -p pairs as its parameters', async () => {
    const r = await recompute([
      '--input',
      events,
      '--facade',
      'boltz',
      '--workers',
      '0',
      '--output',
      'table',
      '-p',
      'window_size=DAY',
      '-p',
      'starting_at=2026-11-01T00:00:00Z',
      '--param',
      'ending_at=2026-11-03T00:00:00Z',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'end_time                  quantity  start_time',
        '2026-11-02T00:00:00.000Z         5  2026-11-01T00:00:00.000Z',
        '2026-11-03T00:00:00.000Z         6  2026-11-02T00:00:00.000Z',
        '',
        'per group, 2 windows from 2026-11-01T00:00:00.000Z to 2026-11-02T00:00:00.000Z:',
        '(all)  quantity  quantity max',
        '       ▇█                   6',
        '',
      ].join('\n'),
    );
  });

  it('-p: a repeated key is a list; a malformed pair or one also in --params is a usage error', async () => {
    const both = await recompute([
      '--input',
      events,
      '--facade',
      'boltz',
      '--params',
      '{"window_size":"DAY"}',
      '-p',
      'window_size=HOUR',
    ]);
    expect([both.code, both.stderr.split('\n')[0]]).toEqual([2, 'recompute: window_size is given both in --params and with -p']);
    const bad = await recompute(['--input', events, '--facade', 'boltz', '-p', 'window_size']);
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, 'recompute: -p takes key=value, got "window_size"']);
    const list = await recompute([
      '--input',
      events,
      '--facade',
      'boltz',
      '--workers',
      '0',
      '-p',
      'window_size=DAY',
      '-p',
      'window_size=HOUR',
      '-p',
      'starting_at=2026-11-01T00:00:00Z',
      '-p',
      'ending_at=2026-11-03T00:00:00Z',
    ]);
    // Boltz's FastAPI takes the last of a repeated scalar query parameter.
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).data).toHaveLength(48);
  });
});
