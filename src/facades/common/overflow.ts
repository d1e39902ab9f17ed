/**
 * A sum that overflows (past ±1.8e308) as each vendor's 5xx. The engine refuses such a result
 * with an {@link OverflowError} naming the cell; a façade turns it into its vendor's error body
 * with status 500, naming the window and the group in the vendor's own field names, never a
 * `null` inside a 200.
 */
import { FacadeError, isOverflowError, type Json, type Overflow } from '../../errors.ts';
import { isInstantMs } from '../../time.ts';

/** Engine names → the vendor's: the façade's internal measure names and its mapped columns. */
export interface OverflowNames {
  measures: Record<string, string>;
  /** The façade's column mapping, vendor field → engine column. */
  columns: Record<string, string>;
}

const iso = (ms: number) => (isInstantMs(ms) ? new Date(ms).toISOString() : String(ms));

/**
 * The sentence a vendor body carries.
 *
 * @example
 * overflowMessage(error.overflow, { measures: { __q: 'quantity' }, columns: { workspace_id: 'ws' } })
 * // 'quantity overflows (a sum beyond ±1.8e308) in the window 2026-04-01T00:00:00.000Z to 2026-04-01T01:00:00.000Z for workspace_id "ws_1"'
 */
export function overflowMessage(o: Overflow, names: OverflowNames): string {
  const vendorName = new Map(Object.entries(names.columns).map(([field, column]) => [column, field]));
  const group = Object.entries(o.group)
    .map(([column, value]) => `${vendorName.get(column) ?? column} ${value === null ? 'null' : JSON.stringify(value)}`)
    .join(', ');
  return (
    `${names.measures[o.measure] ?? o.measure} overflows (a sum beyond ±1.8e308) in the window ` +
    `${iso(o.windowStart)} to ${iso(o.windowEnd)}${group ? ` for ${group}` : ''}`
  );
}

/**
 * Runs a façade's engine call; an overflow becomes `FacadeError(500, body(message))`, anything
 * else passes through unchanged.
 */
export async function overflowAs5xx<T>(work: Promise<T>, names: OverflowNames, body: (message: string) => Json): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isOverflowError(error)) throw new FacadeError(500, body(overflowMessage(error.overflow, names)));
    throw error;
  }
}
