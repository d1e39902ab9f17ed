/**
 * Stable argsort of instants. The engine keeps encoded columns in time order so that a range
 * query touches only its slice and window assignment is a sweep; this sort is paid once per
 * events object and time column.
 *
 * Whole-millisecond instants spanning less than 2^48 ms (about 8,900 years) — every realistic
 * event set — go through an LSD radix sort on three 16-bit digits; anything else falls back to a
 * comparison sort. Both are stable, so equal instants keep their input order (which `latest`'s
 * tie-break relies on).
 */

/** True when `t` is ascending (non-decreasing). */
export function isSorted(t: ArrayLike<number>): boolean {
  for (let i = 1; i < t.length; i++) if (t[i] < t[i - 1]) return false;
  return true;
}

const TWO_32 = 4_294_967_296;
const TWO_48 = 281_474_976_710_656;

/** Row indices that put `t` in ascending order, ties in input order. */
export function argsortTimes(t: Float64Array): Uint32Array {
  const n = t.length;
  let min = Infinity, max = -Infinity, integral = true;
  for (let i = 0; i < n; i++) {
    const v = t[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && v !== Math.floor(v)) integral = false;
  }
  if (!integral || max - min >= TWO_48) return comparisonArgsort(t);

  // Three 16-bit digits of (t - min), least significant first.
  const digits = [new Uint16Array(n), new Uint16Array(n), new Uint16Array(n)];
  for (let i = 0; i < n; i++) {
    const k = t[i] - min;
    const low = k % TWO_32;
    digits[0][i] = low & 0xffff;
    digits[1][i] = low >>> 16;
    digits[2][i] = Math.floor(k / TWO_32);
  }
  let src = new Uint32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  let dst = new Uint32Array(n);
  const count = new Uint32Array(65_537);
  for (const digit of digits) {
    if (radixPass(digit, src, dst, count)) [src, dst] = [dst, src];
  }
  return src;
}

/** One stable counting-sort pass of `src` by `digit` into `dst`; false when every key shares the digit. */
function radixPass(digit: Uint16Array, src: Uint32Array, dst: Uint32Array, count: Uint32Array): boolean {
  const n = src.length;
  count.fill(0);
  for (let i = 0; i < n; i++) count[digit[i] + 1]++;
  for (let d = 1; d < count.length; d++) if (count[d] === n) return false;
  for (let d = 1; d < count.length; d++) count[d] += count[d - 1];
  for (let j = 0; j < n; j++) {
    const i = src[j];
    dst[count[digit[i]]++] = i;
  }
  return true;
}

function comparisonArgsort(t: Float64Array): Uint32Array {
  const idx = Array.from({ length: t.length }, (_, i) => i);
  idx.sort((a, b) => t[a] - t[b] || a - b);
  return Uint32Array.from(idx);
}
