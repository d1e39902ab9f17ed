/**
 * Numbers as vendors print them: totals cleaned of binary noise, integers rounded half away
 * from zero, decimals as plain strings.
 */

/** The digits a float sum of decimal inputs can be trusted to. */
const TRUSTED_DIGITS = 15;

/**
 * A total as the vendors print it: an integer as it is; anything else rounded to 15
 * significant digits, so the noise of binary floating point (`0.1 + 0.2` is
 * 0.30000000000000004) does not reach the response. JSON then prints the shortest form.
 * Non-finite values pass through (overflow is reported elsewhere).
 *
 * @example
 * cleanTotal(0.1 + 0.2) // 0.3
 * cleanTotal(1.8 + 2.5) // 4.3
 */
export function cleanTotal(value: number): number {
  if (!Number.isFinite(value)) return value;
  // + 0: never -0.
  return (Number.isInteger(value) ? value : Number(value.toPrecision(TRUSTED_DIGITS))) + 0;
}

/**
 * Rounds half away from zero (2.5 → 3, −2.5 → −3). The value is first taken to 15 significant
 * digits — all a float sum of decimal inputs can be trusted to — so that float noise such as
 * 0.7 + 1.8 = 2.4999999999999996 rounds as the decimal sum 2.5 does.
 *
 * @example
 * roundHalfAwayFromZero(0.7 + 1.8) // 3
 * roundHalfAwayFromZero(-2.5)      // -3
 */
export function roundHalfAwayFromZero(value: number): number {
  if (!Number.isFinite(value)) return value;
  const decimal = cleanTotal(value);
  const rounded = decimal < 0 ? -Math.round(-decimal) : Math.round(decimal);
  return rounded + 0; // no -0
}

/**
 * The shortest decimal text that reads back as the same number, never in exponent form
 * (`2`, `2.5`, `0.0000001`, `1000000000000000000000`); `-0` is `"0"`.
 *
 * @example
 * formatDecimal(1e-7) // '0.0000001'
 */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (value === 0) return '0';
  const text = String(value);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const [whole, fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const point = whole.length + exponent;
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}
