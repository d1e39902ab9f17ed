/**
 * Range → granularity → snapped grid, at the policy's boundaries. Counts and edges worked out by
 * hand from now = Wed 2026-04-08T18:56:46Z; 2026-01-01 is a Thursday, 2026-03-01 a Sunday,
 * 2026-04-01 a Wednesday, 2026-05-01 a Friday.
 */
import { describe, expect, it } from 'vitest';
import { FacadeError } from '../../../src/errors.ts';
import { createScenario, type ScenarioParams } from '../../../src/facades/scenario/index.ts';
import { ENGINE_NAMES, useEngines } from './engines.ts';
import { ev, now } from './fixtures.ts';

const engine = useEngines();
const Z = (s: string) => `${s}.000Z`;

// [case, params, granularity, windows, first window, last window]
const PRESETS: [string, ScenarioParams, string, number, string, string][] = [
  // [17:56:46, 18:56:46) → 1 m windows 17:56 … 18:56.
  ['last-hour', { timeRange: 'last-hour' }, '1m', 61, Z('2026-04-08T17:56:00'), Z('2026-04-08T18:56:00')],
  // [04-07 18:56:46, 04-08 18:56:46) → 15 m windows 04-07 18:45 … 04-08 18:45: 24 h 15 m.
  ['last-day', { timeRange: 'last-day' }, '15m', 97, Z('2026-04-07T18:45:00'), Z('2026-04-08T18:45:00')],
  ['last-day (time_range)', { time_range: 'last-day' }, '15m', 97, Z('2026-04-07T18:45:00'), Z('2026-04-08T18:45:00')],
  // 30 m windows 04-05 18:30 … 04-08 18:30: 72 h 30 m.
  ['last-three-days', { timeRange: 'last-three-days' }, '30m', 145, Z('2026-04-05T18:30:00'), Z('2026-04-08T18:30:00')],
  // 1 h windows 04-01 18:00 … 04-08 18:00: 169.
  ['last-seven-days', { timeRange: 'last-seven-days' }, '1h', 169, Z('2026-04-01T18:00:00'), Z('2026-04-08T18:00:00')],
  ['default (no parameters)', {}, '1h', 169, Z('2026-04-01T18:00:00'), Z('2026-04-08T18:00:00')],
  ['empty timeRange', { timeRange: '' }, '1h', 169, Z('2026-04-01T18:00:00'), Z('2026-04-08T18:00:00')],
  // [03-08 18:56:46, 04-08 18:56:46) → days 03-08 … 04-08: 32.
  ['last-thirty-one-days', { timeRange: 'last-thirty-one-days' }, '1d', 32, Z('2026-03-08T00:00:00'), Z('2026-04-08T00:00:00')],
];

const span = (start: string, end: string): ScenarioParams => ({ startDate: start, endDate: end });
const CUSTOM: [string, ScenarioParams, string, number, string, string][] = [
  [
    'exactly 1 h',
    span('2026-04-08T10:00:00Z', '2026-04-08T11:00:00Z'),
    '1m',
    60,
    Z('2026-04-08T10:00:00'),
    Z('2026-04-08T10:59:00'),
  ],
  [
    '1 h + 1 ms',
    span('2026-04-08T10:00:00Z', '2026-04-08T11:00:00.001Z'),
    '5m',
    13,
    Z('2026-04-08T10:00:00'),
    Z('2026-04-08T11:00:00'),
  ],
  [
    'exactly 6 h',
    span('2026-04-08T10:00:00Z', '2026-04-08T16:00:00Z'),
    '5m',
    72,
    Z('2026-04-08T10:00:00'),
    Z('2026-04-08T15:55:00'),
  ],
  [
    '6 h + 1 ms',
    span('2026-04-08T10:00:00Z', '2026-04-08T16:00:00.001Z'),
    '15m',
    25,
    Z('2026-04-08T10:00:00'),
    Z('2026-04-08T16:00:00'),
  ],
  [
    'exactly 1 d',
    span('2026-04-07T00:00:00Z', '2026-04-08T00:00:00Z'),
    '15m',
    96,
    Z('2026-04-07T00:00:00'),
    Z('2026-04-07T23:45:00'),
  ],
  [
    '1 d + 1 ms',
    span('2026-04-07T00:00:00Z', '2026-04-08T00:00:00.001Z'),
    '30m',
    49,
    Z('2026-04-07T00:00:00'),
    Z('2026-04-08T00:00:00'),
  ],
  [
    'exactly 3 d',
    span('2026-04-05T00:00:00Z', '2026-04-08T00:00:00Z'),
    '30m',
    144,
    Z('2026-04-05T00:00:00'),
    Z('2026-04-07T23:30:00'),
  ],
  [
    '3 d + 1 ms',
    span('2026-04-05T00:00:00Z', '2026-04-08T00:00:00.001Z'),
    '1h',
    73,
    Z('2026-04-05T00:00:00'),
    Z('2026-04-08T00:00:00'),
  ],
  [
    'exactly 7 d',
    span('2026-04-01T00:00:00Z', '2026-04-08T00:00:00Z'),
    '1h',
    168,
    Z('2026-04-01T00:00:00'),
    Z('2026-04-07T23:00:00'),
  ],
  [
    '7 d + 1 ms',
    span('2026-04-01T00:00:00Z', '2026-04-08T00:00:00.001Z'),
    '1d',
    8,
    Z('2026-04-01T00:00:00'),
    Z('2026-04-08T00:00:00'),
  ],
  [
    'exactly 31 d',
    span('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'),
    '1d',
    31,
    Z('2026-03-01T00:00:00'),
    Z('2026-03-31T00:00:00'),
  ],
  // Sun 03-01 snaps down to Mon 02-23; Wed 04-01 00:00:00.001 up to Mon 04-06.
  [
    '31 d + 1 ms',
    span('2026-03-01T00:00:00Z', '2026-04-01T00:00:00.001Z'),
    '7d',
    6,
    Z('2026-02-23T00:00:00'),
    Z('2026-03-30T00:00:00'),
  ],
  // Thu 01-01 → Mon 2025-12-29; Fri 05-01 → Mon 05-04: 126 days, 18 weeks.
  [
    'exactly 120 d',
    span('2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z'),
    '7d',
    18,
    Z('2025-12-29T00:00:00'),
    Z('2026-04-27T00:00:00'),
  ],
  [
    '120 d, snake_case',
    { start_date: '2026-01-01T00:00:00Z', end_date: '2026-05-01T00:00:00Z' },
    '7d',
    18,
    Z('2025-12-29T00:00:00'),
    Z('2026-04-27T00:00:00'),
  ],
  // 12:07:30+02:00 = 10:07:30Z: 1 m windows 10:07 … 11:07.
  [
    'an offset, unaligned',
    span('2026-04-08T12:07:30+02:00', '2026-04-08T13:07:30+02:00'),
    '1m',
    61,
    Z('2026-04-08T10:07:00'),
    Z('2026-04-08T11:07:00'),
  ],
  ['dates only (UTC midnights)', span('2026-04-01', '2026-04-08'), '1h', 168, Z('2026-04-01T00:00:00'), Z('2026-04-07T23:00:00')],
  [
    'date-times without offset (UTC)',
    span('2026-04-08T10:00:00', '2026-04-08T11:00'),
    '1m',
    60,
    Z('2026-04-08T10:00:00'),
    Z('2026-04-08T10:59:00'),
  ],
  [
    'timeRange ignored with both dates',
    { ...span('2026-04-08T10:00:00Z', '2026-04-08T11:00:00Z'), timeRange: 'nonsense' },
    '1m',
    60,
    Z('2026-04-08T10:00:00'),
    Z('2026-04-08T10:59:00'),
  ],
];

describe.each(ENGINE_NAMES)('Scenario grid (%s)', (name) => {
  const events = [ev({ ts: 0 })];
  const scenario = () => createScenario({ events, engine: engine(name), now });

  it.each([...PRESETS, ...CUSTOM])('%s', async (_, params, granularity, count, first, last) => {
    const res = await scenario().usages.list({ ...params, type: 'usages' });
    const times = res.usages![0].points.map((p) => p.time);
    expect(res.usages![0].granularity).toBe(granularity);
    expect(times.length).toBe(count);
    expect([times[0], times[times.length - 1]]).toEqual([first, last]);
    // Evenly spaced: the grid is one step apart throughout.
    const steps = new Set(times.slice(1).map((t, i) => Date.parse(t) - Date.parse(times[i])));
    expect(steps.size).toBeLessThanOrEqual(1);
  });

  it('120 d + 1 ms is a 400', async () => {
    const err = await scenario()
      .usages.list(span('2026-01-01T00:00:00Z', '2026-05-01T00:00:00.001Z'))
      .catch((e) => e);
    expect(err).toBeInstanceOf(FacadeError);
    expect(err.status).toBe(400);
    expect(err.body).toEqual({ message: 'The range from startDate to endDate must not exceed 120 days' });
  });
});

describe.each(ENGINE_NAMES)('Scenario snapped range (%s)', (name) => {
  // Requested [10:07:30, 11:07:30) → snapped [10:07, 11:08): every type counts exactly the snapped range.
  const unit = (ts: string, v: number, user: string) =>
    ev({ ts, user_id: user, project_id: 'p', action: 'upscale', usage_name: 'upscale', usage_value: v, creative_units: v });
  const events = [
    unit('2026-04-08T10:06:59.999Z', 8, 'before'),
    unit('2026-04-08T10:07:00Z', 1, 'a'),
    unit('2026-04-08T11:07:59.999Z', 2, 'a'),
    unit('2026-04-08T11:08:00Z', 4, 'after'),
  ];
  const scenario = () => createScenario({ events, engine: engine(name), now });

  it('counts the events of the whole first and last windows, none outside them', async () => {
    const res = await scenario().usages.list({
      ...span('2026-04-08T10:07:30Z', '2026-04-08T11:07:30Z'),
      type: 'usages,consumption,activity',
      dropZeroPoints: 'yes',
    });
    expect(res.usages![18]).toEqual({
      granularity: '1m',
      points: [
        { apiKey: '0', time: Z('2026-04-08T10:07:00'), value: '1' },
        { apiKey: '0', time: Z('2026-04-08T11:07:00'), value: '2' },
      ],
      usageName: 'upscale',
    });
    expect(res.consumption).toEqual([{ discount: 0, total: 3, userId: 'a', value: 3 }]);
    expect(res.activity!.map((a) => a.time)).toEqual(['2026-04-08T11:07:59.999Z', '2026-04-08T10:07:00.000Z']);
  });
});
