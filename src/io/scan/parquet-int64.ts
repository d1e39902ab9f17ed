/**
 * Parquet int64s as exact numbers: an integer within ±2^53, or a timestamp in ms (truncated
 * toward zero, as hyparquet's BigInt division does) within a Date's range. Anything else throws
 * {@link Unsupported}, and hyparquet reads the chunk (BigInts, invalid Dates) as before.
 */
import { Unsupported } from './parquet-shape.ts';

/** A Date's range in ms; beyond it hyparquet makes an invalid Date. */
export const DATE_LIMIT = 8.64e15;
const TWO_32 = 4294967296;

/** Reads an int64 at `at` as an exact number in ms (a timestamp) or integer, or throws {@link Unsupported}. */
export function int64At(view: DataView, at: number, unit: number): number {
  const lo = view.getUint32(at, true);
  const hi = view.getInt32(at + 4, true);
  if (hi >= -0x200000 && hi < 0x200000) {
    const v = hi * TWO_32 + lo;
    if (unit <= 1) {
      if (unit === 1 && Math.abs(v) > DATE_LIMIT) throw new Unsupported('timestamp beyond a Date');
      return v;
    }
    const r = v % unit; // exact for safe integers; truncates toward zero like BigInt division
    return (v - r) / unit + 0;
  }
  if (unit <= 1) throw new Unsupported('int64 beyond ±2^53');
  const ms = Number(view.getBigInt64(at, true) / BigInt(unit));
  if (Math.abs(ms) > DATE_LIMIT) throw new Unsupported('timestamp beyond a Date');
  return ms;
}
