/**
 * What `recompute` reads from the event file for a raw engine query or a vendor's façade: the
 * time column, the declared types (the numeric measures and the time column of a query, the
 * vendor's columns of a façade) and the columns kept. The command loads with these, and so does
 * the scan the command line starts early for it (./prestart.ts), which must ask for exactly the
 * same.
 */
import { MEASURE_OPS } from '../engine/measure-ops.ts';
import type { Query } from '../engine/types.ts';
import type { Vendor } from '../facades/vendors.ts';
import type { ColumnType } from '../io/types.ts';
import { vendorTypes } from './vendor-columns.ts';

export { VENDORS } from './vendor-columns.ts';

export interface RecomputeReads {
  time: string;
  columns: Record<string, ColumnType>;
  keep: string[];
}

/**
 * The columns `recompute` reads for a query, or else for a vendor's façade (with its `--columns`
 * renames).
 *
 * @example
 * recomputeReads({ query: { time: 'ts', measures: { q: { op: 'sum', column: 'quantity' } } } });
 * // { time: 'ts', columns: { quantity: 'number', ts: 'time' }, keep: ['ts', 'quantity'] }
 */
export function recomputeReads(
  from: { query: Partial<Query> } | { vendor: Vendor; columns?: Record<string, string> },
): RecomputeReads {
  if ('query' in from) return { time: queryTime(from.query), columns: queryTypes(from.query), keep: queryColumns(from.query) };
  const columns = vendorTypes(from.vendor, from.columns);
  return { time: from.columns?.ts ?? 'ts', columns, keep: Object.keys(columns) };
}

/** The time column and the columns summed, averaged or compared must be read as such. */
function queryTypes(query: Partial<Query>): Record<string, ColumnType> {
  const types: Record<string, ColumnType> = {};
  for (const m of Object.values(query.measures ?? {})) {
    if (m && typeof m.column === 'string' && Object.hasOwn(MEASURE_OPS, m.op) && MEASURE_OPS[m.op].numeric)
      types[m.column] = 'number';
  }
  if (typeof query.time === 'string') types[query.time] = 'time';
  return types;
}

/** Every column a query names: its time, groups, conditions and measures. */
function queryColumns(query: Partial<Query>): string[] {
  const names = new Set<string>();
  if (typeof query.time === 'string') names.add(query.time);
  if (Array.isArray(query.groupBy)) for (const g of query.groupBy) if (typeof g === 'string') names.add(g);
  if (query.where && typeof query.where === 'object') for (const w of Object.keys(query.where)) names.add(w);
  for (const m of Object.values(query.measures ?? {})) if (m && typeof m.column === 'string') names.add(m.column);
  return [...names];
}

/** The time column a query's events are read by (`ts` when it names none). */
function queryTime(query: Partial<Query>): string {
  return typeof query.time === 'string' ? query.time : 'ts';
}
