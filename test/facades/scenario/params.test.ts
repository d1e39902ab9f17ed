/**
 * Wire parameters → request: aliases, the tolerant parameters, flags, and every 400 message.
 */
import { describe, expect, it } from 'vitest';
import { FacadeError } from '../../../src/errors.ts';
import { parseParams, type ScenarioParams } from '../../../src/facades/scenario/params.ts';

const ALL = ['usages', 'activity', 'consumption', 'model-usages', 'asset-usages', 'nsfw-usages'];
const reject = (params: ScenarioParams): FacadeError => {
  try {
    parseParams(params);
  } catch (e) {
    return e as FacadeError;
  }
  throw new Error('expected a FacadeError');
};

describe('Scenario parameters', () => {
  it('defaults: last seven days, every type, offset 0, zero points kept, no filters', () => {
    expect(parseParams({})).toEqual({
      range: { kind: 'preset', timeRange: 'last-seven-days' },
      types: ALL,
      activityOffset: 0,
      dropZeroPoints: false,
      projectIds: undefined,
      userIds: undefined,
      userId: undefined,
    });
  });

  it('accepts the Python SDK snake_case names', () => {
    const snake = parseParams({
      start_date: '2026-04-01T00:00:00Z',
      end_date: '2026-04-02T00:00:00Z',
      project_ids: 'p1,p2',
      user_id: 'u1',
      user_ids: 'u1,u2',
      type: 'usages',
      activity_offset: '5',
      drop_zero_points: 'true',
    });
    const camel = parseParams({
      startDate: '2026-04-01T00:00:00Z',
      endDate: '2026-04-02T00:00:00Z',
      projectIds: 'p1,p2',
      userId: 'u1',
      userIds: 'u1,u2',
      type: 'usages',
      activityOffset: '5',
      dropZeroPoints: 'true',
    });
    expect(snake).toEqual(camel);
    expect(camel).toEqual({
      range: { kind: 'custom', start: Date.parse('2026-04-01T00:00:00Z'), end: Date.parse('2026-04-02T00:00:00Z') },
      types: ['usages'],
      projectIds: ['p1', 'p2'],
      userIds: ['u1', 'u2'],
      userId: 'u1',
      activityOffset: 5,
      dropZeroPoints: true,
    });
    expect(parseParams({ time_range: 'last-hour' }).range).toEqual({ kind: 'preset', timeRange: 'last-hour' });
  });

  it('camelCase wins when both spellings are sent', () => {
    expect(parseParams({ timeRange: 'last-day', time_range: 'last-hour' }).range).toEqual({
      kind: 'preset',
      timeRange: 'last-day',
    });
  });

  it.each<[string, ScenarioParams['type'], string[]]>([
    ['one name', 'consumption', ['consumption']],
    ['a comma list', 'usages,nsfw-usages', ['usages', 'nsfw-usages']],
    ['a comma list with spaces', ' usages , activity ', ['usages', 'activity']],
    ['an array', ['model-usages', 'asset-usages'], ['model-usages', 'asset-usages']],
    ['an array of comma lists', ['usages,activity', 'consumption'], ['usages', 'activity', 'consumption']],
    ['unknown names dropped', 'usages,bogus', ['usages']],
    ['only unknown names: all', 'bogus', ALL],
    ['empty: all', '', ALL],
    ['commas only: all', ',,', ALL],
    ['case matters: all', 'USAGES', ALL],
  ])('type as %s', (_, type, expected) => {
    expect(parseParams({ type }).types).toEqual(expected);
  });

  it.each<[ScenarioParams['activityOffset'], number]>([
    ['0', 0],
    ['100', 100],
    [' 7 ', 7],
    [250, 250],
    ['', 0],
    ['-1', 0],
    ['1.5', 0],
    ['abc', 0],
    // The SDK's float: any number with an integral value is that offset.
    ['100.0', 100],
    ['+100', 100],
    ['1e2', 100],
    ['1E2', 100],
    ['1000e-1', 100],
    ['100.', 100],
    ['-0', 0],
    ['-0.0', 0],
    ['1e3', 1000],
    ['1.5e1', 15],
    ['1e-1', 0],
    ['-1e2', 0],
    ['0x10', 0],
    ['1e400', 0],
    ['Infinity', 0],
    ['NaN', 0],
    ['1_000', 0],
    ['.5', 0],
    ['.', 0],
    ['e2', 0],
    ['9007199254740993', 0],
    [-5, 0],
    [2.5, 0],
    [100.0, 100],
    [true, 0],
    [['1', '2'], 2],
    [['1', 'x'], 0],
    [undefined, 0],
    [null, 0],
  ])('activityOffset %j → %d', (activityOffset, expected) => {
    expect(parseParams({ activityOffset }).activityOffset).toBe(expected);
  });

  it.each<ScenarioParams['dropZeroPoints']>(['', 'true', '1', 'yes', 'on', 'TRUE', 'anything', 'null', true, 1])(
    'dropZeroPoints %j enables',
    (dropZeroPoints) => {
      expect(parseParams({ dropZeroPoints }).dropZeroPoints).toBe(true);
    },
  );

  it.each<ScenarioParams['dropZeroPoints']>([undefined, 'false', '0', 'no', 'off', 'FALSE', 'Off', ' no ', false, 0])(
    'dropZeroPoints %j disables',
    (dropZeroPoints) => {
      expect(parseParams({ dropZeroPoints }).dropZeroPoints).toBe(false);
    },
  );

  it('a repeated single-valued parameter takes its last value', () => {
    expect(
      parseParams({ timeRange: ['last-day', 'last-hour'], userId: ['u1', 'u2'], dropZeroPoints: ['', 'false'] }),
    ).toMatchObject({ range: { kind: 'preset', timeRange: 'last-hour' }, userId: 'u2', dropZeroPoints: false });
    expect(parseParams({ startDate: ['x', '2026-04-01'], endDate: '2026-04-02' }).range).toEqual({
      kind: 'custom',
      start: Date.parse('2026-04-01T00:00:00Z'),
      end: Date.parse('2026-04-02T00:00:00Z'),
    });
  });

  it('SDK values: Dates as ISO instants, null as absent, key[] as a list', () => {
    expect(
      parseParams({ startDate: new Date('2026-04-01T00:00:00Z'), endDate: new Date('2026-04-02T00:00:00Z'), userId: null }),
    ).toMatchObject({
      range: { kind: 'custom', start: Date.parse('2026-04-01T00:00:00Z'), end: Date.parse('2026-04-02T00:00:00Z') },
      userId: undefined,
    });
    expect(parseParams({ 'type[]': ['usages', 'activity'], 'project_ids[]': 'p1' })).toMatchObject({
      types: ['usages', 'activity'],
      projectIds: ['p1'],
    });
  });

  it('lists: comma lists, repeated keys, blanks dropped, nothing left means no filter', () => {
    expect(parseParams({ projectIds: ['p1,p2', 'p3'], userIds: 'u1,,u2,' })).toMatchObject({
      projectIds: ['p1', 'p2', 'p3'],
      userIds: ['u1', 'u2'],
    });
    expect(parseParams({ projectIds: ',', userIds: '', userId: '' })).toMatchObject({
      projectIds: undefined,
      userIds: undefined,
      userId: undefined,
    });
    expect(parseParams({ userId: 42 }).userId).toBe('42');
  });

  it('dates: offsets, no offset (UTC), dates (UTC midnight)', () => {
    expect(parseParams({ startDate: '2026-04-01T02:00:00+02:00', endDate: '2026-04-01T01:00:00.5' }).range).toEqual({
      kind: 'custom',
      start: Date.parse('2026-04-01T00:00:00Z'),
      end: Date.parse('2026-04-01T01:00:00.500Z'),
    });
    expect(parseParams({ startDate: '2026-04-01', endDate: '2026-04-02' }).range).toEqual({
      kind: 'custom',
      start: Date.parse('2026-04-01T00:00:00Z'),
      end: Date.parse('2026-04-02T00:00:00Z'),
    });
  });

  it.each<[string, ScenarioParams, string]>([
    ['startDate alone', { startDate: '2026-04-01T00:00:00Z' }, 'endDate is required when startDate is given'],
    ['endDate alone', { endDate: '2026-04-01T00:00:00Z' }, 'startDate is required when endDate is given'],
    ['start = end', { startDate: '2026-04-01T00:00:00Z', endDate: '2026-04-01T00:00:00Z' }, 'startDate must be before endDate'],
    ['start > end', { startDate: '2026-04-02', endDate: '2026-04-01' }, 'startDate must be before endDate'],
    [
      'over 120 days',
      { startDate: '2026-01-01', endDate: '2026-05-01T00:00:00.001Z' },
      'The range from startDate to endDate must not exceed 120 days',
    ],
    [
      'a bad startDate',
      { startDate: 'yesterday', endDate: '2026-04-01' },
      "startDate must be an ISO 8601 date or date-time, got 'yesterday'",
    ],
    [
      'a bad endDate',
      { startDate: '2026-04-01', endDate: '2026-02-30' },
      "endDate must be an ISO 8601 date or date-time, got '2026-02-30'",
    ],
    [
      'a bad start_date',
      { start_date: '2026-04-01T25:00:00Z', end_date: '2026-04-02' },
      "startDate must be an ISO 8601 date or date-time, got '2026-04-01T25:00:00Z'",
    ],
    [
      'an epoch number',
      { startDate: 1775000000000, endDate: '2026-04-02' },
      "startDate must be an ISO 8601 date or date-time, got '1775000000000'",
    ],
    [
      'a bad timeRange',
      { timeRange: 'last-year' },
      "timeRange must be one of last-hour, last-day, last-three-days, last-seven-days, last-thirty-one-days, got 'last-year'",
    ],
    ['a bad timeRange with one date', { timeRange: 'x', startDate: '2026-04-01' }, 'endDate is required when startDate is given'],
    [
      'a bad last timeRange',
      { timeRange: ['last-day', 'later'] },
      "timeRange must be one of last-hour, last-day, last-three-days, last-seven-days, last-thirty-one-days, got 'later'",
    ],
  ])('400 for %s', (_, params, message) => {
    const err = reject(params);
    expect(err).toBeInstanceOf(FacadeError);
    expect(err.status).toBe(400);
    expect(err.body).toEqual({ message });
  });

  it('the 400 renders as a JSON Response', async () => {
    const res = reject({ timeRange: 'soon' }).toResponse();
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe(
      '{"message":"timeRange must be one of last-hour, last-day, last-three-days, last-seven-days, last-thirty-one-days, got \'soon\'"}',
    );
  });
});
