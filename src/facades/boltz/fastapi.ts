/**
 * FastAPI's error bodies, for façades of vendors whose servers run FastAPI (pydantic v2).
 *
 * A 422 lists every invalid parameter at once, in FastAPI's shape and pydantic's own wording:
 * `{ "detail": [{ "type", "loc": ["query", name, index?], "msg", "input", "ctx"? }] }`.
 * `input` is what the server received (the raw query string value; `null` for a missing
 * parameter) and `ctx` appears exactly for the error types pydantic gives a context. FastAPI
 * drops pydantic's `url`, and so do we. Other errors are `{ "detail": "…" }` with the status.
 */
import { FacadeError, type Json } from '../../errors.ts';

/** One item of a FastAPI 422 `detail` list. */
export interface FastApiErrorItem {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: Json;
  ctx?: Record<string, Json>;
}

/** A pydantic error before it is placed at a location. */
export type PydanticError = Omit<FastApiErrorItem, 'loc'>;

function item(type: string, msg: string, input: Json, ctx?: Record<string, Json>): PydanticError {
  return ctx ? { type, msg, input, ctx } : { type, msg, input };
}

/** Python's `repr` of a str, as pydantic quotes literal choices (`'HOUR'`). */
export function pythonRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const body = text.replace(/\\/g, '\\\\').replace(quote === "'" ? /'/g : /"/g, `\\${quote}`);
  return `${quote}${body}${quote}`;
}

/** pydantic's list of choices: `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`. */
export function choicesText(choices: readonly string[]): string {
  const quoted = choices.map(pythonRepr);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** pydantic v2's error types as FastAPI reports them for query parameters. */
export const pydantic = {
  missing: (): PydanticError => item('missing', 'Field required', null),
  /** A value outside an `Enum` (pydantic's type `enum`). */
  enumMember: (input: string, choices: readonly string[]): PydanticError => {
    const expected = choicesText(choices);
    return item('enum', `Input should be ${expected}`, input, { expected });
  },
  intParsing: (input: Json): PydanticError =>
    item('int_parsing', 'Input should be a valid integer, unable to parse string as an integer', input),
  intFromFloat: (input: Json): PydanticError =>
    item('int_from_float', 'Input should be a valid integer, got a number with a fractional part', input),
  finiteNumber: (input: Json): PydanticError => item('finite_number', 'Input should be a finite number', input),
  greaterThanEqual: (input: Json, ge: number): PydanticError =>
    item('greater_than_equal', `Input should be greater than or equal to ${ge}`, input, { ge }),
  lessThanEqual: (input: Json, le: number): PydanticError =>
    item('less_than_equal', `Input should be less than or equal to ${le}`, input, { le }),
  timezoneAware: (input: Json): PydanticError => item('timezone_aware', 'Input should have timezone info', input),
  datetimeFromDateParsing: (input: Json, error: string): PydanticError =>
    item('datetime_from_date_parsing', `Input should be a valid datetime or date, ${error}`, input, { error }),
};

const LAX_INT = /^[+-]?\d+(?:_\d+)*(?:\.0*)?$/;

/**
 * pydantic's lax `int` from a query value: surrounding whitespace, `_` separators and a `.0`
 * tail are accepted (`' 1_000.0 '` is 1000). A JS number (from an SDK-style call) must be an
 * integer.
 */
export function parseLaxInt(input: string | number): { ok: true; value: number } | { ok: false; error: PydanticError } {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, error: pydantic.finiteNumber(input) };
    if (!Number.isInteger(input)) return { ok: false, error: pydantic.intFromFloat(input) };
    return { ok: true, value: input };
  }
  const text = input.trim();
  if (!LAX_INT.test(text)) return { ok: false, error: pydantic.intParsing(input) };
  return { ok: true, value: Number.parseInt(text.replace(/_/g, ''), 10) };
}

/** The error placed at a location, its keys in FastAPI's order (type, loc, msg, input, ctx). */
export function at(loc: (string | number)[], error: PydanticError): FastApiErrorItem {
  const out: FastApiErrorItem = { type: error.type, loc, msg: error.msg, input: error.input };
  if (error.ctx) out.ctx = error.ctx;
  return out;
}

/**
 * 422 with the items in the order given.
 *
 * @example
 * throw validationError([at(['query', 'starting_at'], pydantic.missing())]);
 */
export function validationError(items: FastApiErrorItem[]): FacadeError {
  return new FacadeError(422, { detail: items.map((i) => at(i.loc, i)) as unknown as Json });
}

/** FastAPI's `HTTPException(status, detail)`: `{ "detail": "…" }`. */
export function httpError(status: number, detail: string): FacadeError {
  return new FacadeError(status, { detail });
}
