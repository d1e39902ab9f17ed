import { describe, expect, it } from 'vitest';
import { FacadeError } from '../../../src/errors.ts';
import {
  at,
  choicesText,
  httpError,
  parseLaxInt,
  pydantic,
  pythonRepr,
  validationError,
} from '../../../src/facades/boltz/fastapi.ts';

describe('pydantic wording', () => {
  it('quotes choices as Python reprs, joined with commas and a final "or"', () => {
    expect(choicesText(['HOUR'])).toBe("'HOUR'");
    expect(choicesText(['HOUR', 'DAY'])).toBe("'HOUR' or 'DAY'");
    expect(choicesText(['a', 'b', 'c'])).toBe("'a', 'b' or 'c'");
    expect(pythonRepr("it's")).toBe('"it\'s"');
    expect(pythonRepr('back\\slash')).toBe("'back\\\\slash'");
  });

  it('has the messages, types and contexts FastAPI reports', () => {
    expect(pydantic.missing()).toEqual({ type: 'missing', msg: 'Field required', input: null });
    expect(pydantic.enumMember('WEEK', ['HOUR', 'DAY'])).toEqual({
      type: 'enum',
      msg: "Input should be 'HOUR' or 'DAY'",
      input: 'WEEK',
      ctx: { expected: "'HOUR' or 'DAY'" },
    });
    expect(pydantic.intParsing('x')).toEqual({
      type: 'int_parsing',
      msg: 'Input should be a valid integer, unable to parse string as an integer',
      input: 'x',
    });
    expect(pydantic.greaterThanEqual('0', 1)).toEqual({
      type: 'greater_than_equal',
      msg: 'Input should be greater than or equal to 1',
      input: '0',
      ctx: { ge: 1 },
    });
    expect(pydantic.lessThanEqual('1001', 1000)).toEqual({
      type: 'less_than_equal',
      msg: 'Input should be less than or equal to 1000',
      input: '1001',
      ctx: { le: 1000 },
    });
    expect(pydantic.timezoneAware('2026-01-01T00:00:00')).toEqual({
      type: 'timezone_aware',
      msg: 'Input should have timezone info',
      input: '2026-01-01T00:00:00',
    });
    expect(pydantic.datetimeFromDateParsing('x', 'input is too short')).toEqual({
      type: 'datetime_from_date_parsing',
      msg: 'Input should be a valid datetime or date, input is too short',
      input: 'x',
      ctx: { error: 'input is too short' },
    });
    expect(pydantic.intFromFloat(1.5)).toEqual({
      type: 'int_from_float',
      msg: 'Input should be a valid integer, got a number with a fractional part',
      input: 1.5,
    });
    expect(pydantic.finiteNumber(Infinity).msg).toBe('Input should be a finite number');
  });
});

describe('parseLaxInt', () => {
  it('takes what pydantic takes from a query string', () => {
    expect(parseLaxInt('42')).toEqual({ ok: true, value: 42 });
    expect(parseLaxInt(' 7 ')).toEqual({ ok: true, value: 7 });
    expect(parseLaxInt('+3')).toEqual({ ok: true, value: 3 });
    expect(parseLaxInt('-3')).toEqual({ ok: true, value: -3 });
    expect(parseLaxInt('1_000')).toEqual({ ok: true, value: 1000 });
    expect(parseLaxInt('5.0')).toEqual({ ok: true, value: 5 });
    expect(parseLaxInt(9)).toEqual({ ok: true, value: 9 });
  });

  it('rejects the rest with int_parsing, or int_from_float for a fractional number', () => {
    for (const s of ['', 'abc', '1.5', '1e3', '0x10', '1__0', '_1']) {
      expect(parseLaxInt(s)).toEqual({ ok: false, error: pydantic.intParsing(s) });
    }
    expect(parseLaxInt(1.5)).toEqual({ ok: false, error: pydantic.intFromFloat(1.5) });
    expect(parseLaxInt(NaN)).toEqual({ ok: false, error: pydantic.finiteNumber(NaN) });
  });
});

describe('FastAPI error bodies', () => {
  it('422 lists items with keys in FastAPI order', () => {
    const err = validationError([at(['query', 'limit'], pydantic.greaterThanEqual('0', 1))]);
    expect(err).toBeInstanceOf(FacadeError);
    expect(err.status).toBe(422);
    expect(JSON.stringify(err.body)).toBe(
      '{"detail":[{"type":"greater_than_equal","loc":["query","limit"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]}',
    );
  });

  it('HTTPException is { detail } with the status', async () => {
    const err = httpError(400, 'nope');
    expect(err.status).toBe(400);
    expect(err.body).toEqual({ detail: 'nope' });
    expect(await err.toResponse().text()).toBe('{"detail":"nope"}');
  });
});
