/**
 * What a raw engine query reads from the event file: the columns it names, and the types the
 * numeric measures and the time column need. `recompute` loads with these, and so does the scan
 * the command line starts early for it (./prestart.ts), which must ask for exactly the same.
 */
import { MEASURE_OPS } from '../engine/measure-ops.ts';
import type { Query } from '../engine/types.ts';
import type { ColumnType } from '../io/types.ts';

/** The time column and the columns summed, averaged or compared must be read as such. */
export function queryTypes(query: Partial<Query>): Record<string, ColumnType> {
  const types: Record<string, ColumnType> = {};
  for (const m of Object.values(query.measures ?? {})) {
    if (m && typeof m.column === 'string' && Object.hasOwn(MEASURE_OPS, m.op) && MEASURE_OPS[m.op].numeric)
      types[m.column] = 'number';
  }
  if (typeof query.time === 'string') types[query.time] = 'time';
  return types;
}

/** Every column a query names: its time, groups, conditions and measures. */
export function queryColumns(query: Partial<Query>): string[] {
  const names = new Set<string>();
  if (typeof query.time === 'string') names.add(query.time);
  if (Array.isArray(query.groupBy)) for (const g of query.groupBy) if (typeof g === 'string') names.add(g);
  if (query.where && typeof query.where === 'object') for (const w of Object.keys(query.where)) names.add(w);
  for (const m of Object.values(query.measures ?? {})) if (m && typeof m.column === 'string') names.add(m.column);
  return [...names];
}

/** The time column a query's events are read by (`ts` when it names none). */
export function queryTime(query: Partial<Query>): string {
  return typeof query.time === 'string' ? query.time : 'ts';
}
