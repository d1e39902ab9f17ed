/** The benchmark's queries, as engine queries (the peers express the same in their own terms). */
import type { Query } from '../src/index.ts';

export interface Workload {
  id: string;
  title: string;
  query: (range: { start: number; end: number }) => Query;
}

const sum = { quantity: { op: 'sum', column: 'quantity' } } as const;

export const WORKLOADS: Workload[] = [
  {
    id: 'Q1',
    title: 'sum by hour × workspace × application',
    query: () => ({ time: 'ts', window: 'hour', groupBy: ['workspace', 'application'], measures: sum }),
  },
  {
    id: 'Q2',
    title: 'sum by UTC day × workspace',
    query: () => ({ time: 'ts', window: 'day', groupBy: ['workspace'], measures: sum }),
  },
  {
    id: 'Q3',
    title: 'countDistinct(row id) by day × workspace',
    query: () => ({
      time: 'ts',
      window: 'day',
      groupBy: ['workspace'],
      measures: { rows: { op: 'countDistinct', column: 'row_id' } },
    }),
  },
  {
    id: 'Q4',
    title: 'sum by America/New_York day × application',
    query: () => ({ time: 'ts', window: 'day', timeZone: 'America/New_York', groupBy: ['application'], measures: sum }),
  },
];

/** Q5: day × workspace over one day of a year-long table, against the same over the whole year. */
export function q5(range: { start: number; end: number }): Query {
  return { time: 'ts', window: 'day', groupBy: ['workspace'], range, measures: sum };
}
