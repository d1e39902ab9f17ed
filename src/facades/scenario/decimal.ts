/**
 * Decimal strings as Scenario sends `usages` values: the shortest string that reads back as the
 * same double ("2", "2.5", "0.30000000000000004"), always in plain notation — never "1e+21" or
 * "1e-7", which JavaScript's `String(n)` would give at the extremes.
 */

const EXPONENTIAL = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/;

/**
 * @example
 * formatDecimal(2)      // "2"
 * formatDecimal(2.5)    // "2.5"
 * formatDecimal(-0)     // "0"
 * formatDecimal(1e21)   // "1000000000000000000000"
 * formatDecimal(1.5e-7) // "0.00000015"
 */
export function formatDecimal(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  if (n === 0) return '0';
  const text = String(n);
  const m = EXPONENTIAL.exec(text);
  if (!m) return text;
  const [, sign, lead, rest = '', expText] = m;
  const exp = Number(expText);
  const digits = lead + rest;
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const point = exp + 1;
  return digits.length <= point
    ? sign + digits + '0'.repeat(point - digits.length)
    : `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
