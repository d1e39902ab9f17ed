import { describe, expect, it } from 'vitest';
import { parseAwareDateTime } from '../../../src/facades/boltz/pydantic-datetime.ts';

const ok = (ms: number) => ({ ok: true, ms });
const parseError = (input: string, error: string) => ({
  ok: false,
  error: { type: 'datetime_from_date_parsing', msg: `Input should be a valid datetime or date, ${error}`, input, ctx: { error } },
});
const naive = (input: string) => ({
  ok: false,
  error: { type: 'timezone_aware', msg: 'Input should have timezone info', input },
});

describe('parseAwareDateTime', () => {
  it('reads ISO 8601 date-times with Z or an offset', () => {
    expect(parseAwareDateTime('2026-04-08T18:56:46Z')).toEqual(ok(Date.UTC(2026, 3, 8, 18, 56, 46)));
    expect(parseAwareDateTime('2026-04-08T18:56:46.117Z')).toEqual(ok(Date.UTC(2026, 3, 8, 18, 56, 46, 117)));
    expect(parseAwareDateTime('2026-04-08T20:56:46+02:00')).toEqual(ok(Date.UTC(2026, 3, 8, 18, 56, 46)));
    expect(parseAwareDateTime('2026-04-08 18:56Z')).toEqual(ok(Date.UTC(2026, 3, 8, 18, 56)));
    expect(parseAwareDateTime('2026-04-08_18:56:46z')).toEqual(ok(Date.UTC(2026, 3, 8, 18, 56, 46)));
    expect(parseAwareDateTime('2028-02-29T00:00:00Z')).toEqual(ok(Date.UTC(2028, 1, 29)));
  });

  it('without an offset (the Python client with a naive datetime), or a bare date: timezone_aware', () => {
    expect(parseAwareDateTime('2019-12-27T18:11:19.117000')).toEqual(naive('2019-12-27T18:11:19.117000'));
    expect(parseAwareDateTime('2026-04-08T18:56')).toEqual(naive('2026-04-08T18:56'));
    expect(parseAwareDateTime('2026-04-08')).toEqual(naive('2026-04-08'));
  });

  it("otherwise the date parser's complaint, as speedate words it", () => {
    expect(parseAwareDateTime('')).toEqual(parseError('', 'input is too short'));
    expect(parseAwareDateTime('garbage')).toEqual(parseError('garbage', 'input is too short'));
    expect(parseAwareDateTime('yesterday!')).toEqual(parseError('yesterday!', 'invalid character in year'));
    expect(parseAwareDateTime('2026/04/08T00:00Z')).toEqual(
      parseError('2026/04/08T00:00Z', 'invalid date separator, expected `-`'),
    );
    expect(parseAwareDateTime('2026-4-08T00:00Z')).toEqual(parseError('2026-4-08T00:00Z', 'invalid character in month'));
    expect(parseAwareDateTime('2026-04+08T00:00Z')).toEqual(
      parseError('2026-04+08T00:00Z', 'invalid date separator, expected `-`'),
    );
    expect(parseAwareDateTime('2026-xx-08T00:00Z')).toEqual(parseError('2026-xx-08T00:00Z', 'invalid character in month'));
    expect(parseAwareDateTime('2026-04-xxT00:00Z')).toEqual(parseError('2026-04-xxT00:00Z', 'invalid character in day'));
    expect(parseAwareDateTime('2026-13-01T00:00Z')).toEqual(
      parseError('2026-13-01T00:00Z', 'month value is outside expected range of 1-12'),
    );
    expect(parseAwareDateTime('2026-02-29T00:00Z')).toEqual(
      parseError('2026-02-29T00:00Z', 'day value is outside expected range'),
    );
    expect(parseAwareDateTime('2026-04-08T25:00:00Z')).toEqual(
      parseError('2026-04-08T25:00:00Z', 'unexpected extra characters at the end of the input'),
    );
    expect(parseAwareDateTime('2026-04-08T10:00:00+24:00')).toEqual(
      parseError('2026-04-08T10:00:00+24:00', 'unexpected extra characters at the end of the input'),
    );
  });
});
