/**
 * Numbers and instants read straight from file bytes, for the common shapes only: integers of
 * up to 15 digits (exact in a double, so no rounding question) and `YYYY-MM-DDTHH:mm:ss[.sss]Z`
 * (the same rules as `../iso-utc.ts`). Anything else returns undefined and the caller decodes
 * the text and takes the slow path, so the accepted values never differ.
 */
const D0 = 48;

/** The integer `bytes[start, end)` (`-`/`+` sign allowed when `signs`), or undefined for any other shape or over 15 digits. */
export function smallInteger(bytes: Uint8Array, start: number, end: number, signs: boolean): number | undefined {
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === 45 || (signs && bytes[i] === 43))) {
    negative = bytes[i] === 45;
    i++;
  }
  if (i === end || end - i > 15) return undefined;
  let v = 0;
  for (; i < end; i++) {
    const d = bytes[i] - D0;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return negative ? -v : v;
}

function digits(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = b[i] - D0;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch ms of `bytes[s, e)` when it is a valid `YYYY-MM-DDTHH:mm:ss[.sss]Z`; undefined otherwise (invalid ones too). */
export function isoUtcFromBytes(b: Uint8Array, s: number, e: number): number | undefined {
  const n = e - s;
  if ((n !== 20 && n !== 24) || b[e - 1] !== 90) return undefined;
  if (
    b[s + 4] !== 45 ||
    b[s + 7] !== 45 ||
    b[s + 10] !== 84 ||
    b[s + 13] !== 58 ||
    b[s + 16] !== 58 ||
    (n === 24 && b[s + 19] !== 46)
  )
    return undefined;
  const y = digits(b, s, 4),
    mo = digits(b, s + 5, 2),
    d = digits(b, s + 8, 2);
  const h = digits(b, s + 11, 2),
    mi = digits(b, s + 14, 2),
    sec = digits(b, s + 17, 2);
  const ms = n === 24 ? digits(b, s + 20, 3) : 0;
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0)
    return undefined;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > MONTH_DAYS[mo - 1] + (leap ? 1 : 0)) return undefined;
  return daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
}
