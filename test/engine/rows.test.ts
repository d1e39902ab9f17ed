/**
 * eventRows: row access by column over records, arquero tables (plain and filtered) and loaded
 * events, worked out by hand from the events below.
 */
import * as aq from 'arquero';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.ts';
import { eventRows, type EventRows } from '../../src/engine/rows.ts';

const records = [
  { ts: 3000, user: 'u1', units: 2 },
  { ts: 1000, user: null },
  { ts: 2000, user: 'u2', units: 5 },
];
const engine = createEngine({ workers: 0 });
afterAll(() => engine.close());

const read = (rows: EventRows, column: string) => Array.from({ length: rows.n }, (_, i) => rows.column(column)(i));

describe('eventRows', () => {
  it('reads records in place, a key a record leaves out as undefined', () => {
    const rows = eventRows(records);
    expect(rows.n).toBe(3);
    expect(read(rows, 'user')).toEqual(['u1', null, 'u2']);
    expect(read(rows, 'units')).toEqual([2, undefined, 5]);
    expect(rows.has('units')).toBe(true);
    expect(rows.has('nope')).toBe(false);
    expect(read(rows, 'nope')).toEqual([undefined, undefined, undefined]);
  });

  it('reads a table in its own row order, filtered or not', () => {
    const table = aq.from(records);
    expect(read(eventRows(table), 'ts')).toEqual([3000, 1000, 2000]);
    const filtered = table.filter((d: { ts: number }) => d.ts > 1500).orderby('ts');
    const rows = eventRows(filtered);
    expect(rows.n).toBe(2);
    expect(read(rows, 'user')).toEqual(['u2', 'u1']);
    expect(read(rows, 'nope')).toEqual([undefined, undefined]);
  });

  it('reads loaded events in time order, a column they lack as undefined', async () => {
    const rows = eventRows(await engine.load(records, { time: 'ts' }));
    expect(read(rows, 'ts')).toEqual([1000, 2000, 3000]);
    expect(read(rows, 'user')).toEqual([null, 'u2', 'u1']);
    expect(read(rows, 'units')).toEqual([null, 5, 2]);
    expect(rows.has('user')).toBe(true);
    expect(read(rows, 'nope')).toEqual([undefined, undefined, undefined]);
  });
});
