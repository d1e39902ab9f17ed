/**
 * The granularity policy (default, thresholds, functions), snapping, decimal strings, id order
 * and the façade's option errors.
 */
import { describe, expect, it } from 'vitest';
import { createScenario, DEFAULT_GRANULARITY_POLICY } from '../../../src/facades/scenario/index.ts';
import { granularityChooser, snapRange, type GranularityPolicy } from '../../../src/facades/scenario/granularity.ts';
import { ev, now, referenceEngine } from './fixtures.ts';

const H = 3_600_000,
  D = 24 * H;

describe('granularity policy', () => {
  it.each([
    [1, '1m'],
    [H, '1m'],
    [H + 1, '5m'],
    [6 * H, '5m'],
    [6 * H + 1, '15m'],
    [D, '15m'],
    [D + 1, '30m'],
    [3 * D, '30m'],
    [3 * D + 1, '1h'],
    [7 * D, '1h'],
    [7 * D + 1, '1d'],
    [31 * D, '1d'],
    [31 * D + 1, '7d'],
    [120 * D, '7d'],
  ])('default: %d ms → %s', (ms, g) => {
    expect(granularityChooser()(ms)).toBe(g);
  });

  it('snaps outward: start down, end up; aligned edges stay', () => {
    const t = (s: string) => Date.parse(s);
    expect(snapRange(t('2026-04-08T10:07:30Z'), t('2026-04-08T11:07:30Z'), '15m')).toEqual({
      start: t('2026-04-08T10:00:00Z'),
      end: t('2026-04-08T11:15:00Z'),
    });
    expect(snapRange(t('2026-04-08T10:00:00Z'), t('2026-04-08T11:00:00Z'), '1h')).toEqual({
      start: t('2026-04-08T10:00:00Z'),
      end: t('2026-04-08T11:00:00Z'),
    });
    // Weeks from Monday 00:00 UTC: Wed 04-08 → Mon 04-06 … Mon 04-13; Mon 1970-01-05 is the origin.
    expect(snapRange(t('2026-04-08T10:00:00Z'), t('2026-04-08T11:00:00Z'), '7d')).toEqual({
      start: t('2026-04-06T00:00:00Z'),
      end: t('2026-04-13T00:00:00Z'),
    });
    expect(snapRange(t('1970-01-01T00:00:00Z'), t('1970-01-05T00:00:00Z'), '7d')).toEqual({
      start: t('1969-12-29T00:00:00Z'),
      end: t('1970-01-05T00:00:00Z'),
    });
  });

  it('the default policy is the vendor thresholds', () => {
    expect(DEFAULT_GRANULARITY_POLICY.map((t) => [t.upTo, t.granularity])).toEqual([
      [H, '1m'],
      [6 * H, '5m'],
      [D, '15m'],
      [3 * D, '30m'],
      [7 * D, '1h'],
      [31 * D, '1d'],
      [Infinity, '7d'],
    ]);
  });

  it.each<[string, GranularityPolicy, string]>([
    ['an empty list', [], 'granularity: must list at least one threshold'],
    [
      'descending thresholds',
      [
        { upTo: D, granularity: '1h' },
        { upTo: H, granularity: '1m' },
        { upTo: Infinity, granularity: '1d' },
      ],
      'granularity: upTo must be strictly ascending',
    ],
    ['no Infinity at the end', [{ upTo: D, granularity: '1h' }], 'granularity: the last upTo must be Infinity'],
    [
      'an unknown granularity',
      [{ upTo: Infinity, granularity: '2h' as '1h' }],
      'granularity[0].granularity: must be one of 1m, 5m, 15m, 30m, 1h, 1d, 7d',
    ],
    [
      'a zero upTo',
      [
        { upTo: 0, granularity: '1m' },
        { upTo: Infinity, granularity: '1h' },
      ],
      'granularity[0].upTo: must be a positive number of milliseconds or Infinity',
    ],
    ['not a list', { upTo: 1 } as never, 'granularity: must be a function or a list of thresholds'],
  ])('rejects %s', (_, policy, message) => {
    expect(() => granularityChooser(policy)).toThrow(new TypeError(message));
  });
});

describe('granularity option on the façade', () => {
  const events = [ev({ ts: '2026-04-08T12:10:00Z', usage_name: 'upscale', usage_value: 3 })];

  it('thresholds: last-day as 1 h windows, 04-07 18:00 … 04-08 18:00', async () => {
    const policy: GranularityPolicy = [
      { upTo: 2 * D, granularity: '1h' },
      { upTo: Infinity, granularity: '1d' },
    ];
    const res = await createScenario({ events, engine: referenceEngine, now, granularity: policy }).usages.list({
      timeRange: 'last-day',
      type: 'usages',
      dropZeroPoints: '',
    });
    expect(res.usages![18]).toEqual({
      granularity: '1h',
      points: [{ apiKey: '0', time: '2026-04-08T12:00:00.000Z', value: '3' }],
      usageName: 'upscale',
    });
    const all = await createScenario({ events, engine: referenceEngine, now, granularity: policy }).usages.list({
      timeRange: 'last-day',
      type: 'usages',
    });
    expect(all.usages![18].points.length).toBe(25);
  });

  it('a function: every range as one Monday week', async () => {
    const scenario = createScenario({ events, engine: referenceEngine, now, granularity: () => '7d' });
    const res = await scenario.usages.list({ timeRange: 'last-day', type: 'usages' });
    expect(res.usages![18]).toEqual({
      granularity: '7d',
      points: [{ apiKey: '0', time: '2026-04-06T00:00:00.000Z', value: '3' }],
      usageName: 'upscale',
    });
  });

  it('a function answering an unknown granularity rejects with a TypeError', async () => {
    const scenario = createScenario({ events, engine: referenceEngine, now, granularity: () => 'hourly' as '1h' });
    await expect(scenario.usages.list({})).rejects.toThrow(
      new TypeError('granularity policy returned "hourly"; expected one of 1m, 5m, 15m, 30m, 1h, 1d, 7d'),
    );
  });
});

describe('façade options', () => {
  it('rejects unknown, empty or shared columns, events that are neither a table, records nor a source, and no engine', () => {
    const engine = referenceEngine;
    expect(() => createScenario({ events: [], engine, columns: { workspace_id: 'w' } as never })).toThrow(
      new TypeError(
        "createScenario: columns: unknown column 'workspace_id' (known: ts, project_id, user_id, action, is_api_key, creative_units, discount, usage_name, usage_value, model_id, job_id, asset_id, asset_kind, nsfw_label, collection_id)",
      ),
    );
    expect(() => createScenario({ events: [], engine, columns: { ts: '' } })).toThrow(
      new TypeError("createScenario: columns: column 'ts' must be a non-empty string"),
    );
    expect(() => createScenario({ events: [], engine, columns: { user_id: 'project_id' } })).toThrow(
      new TypeError("createScenario: columns: 'project_id' and 'user_id' both read column 'project_id'"),
    );
    expect(() => createScenario({ events: {} as never, engine })).toThrow(
      new TypeError('createScenario: events must be an arquero table, an array of records or an EventSource'),
    );
    expect(() => createScenario({ events: [], engine: {} as never })).toThrow(
      new TypeError('createScenario: engine must be an engine from createEngine()'),
    );
  });
});
