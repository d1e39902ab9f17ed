import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, EVENT_SOURCE, type EventSource, type Query, type SourceCells } from '../../src/index.ts';

// An external source that answers with the in-process engine's cells, shuffled: the engine's
// remote path must put them back in result order, fill the empty windows and end the windows.
const events = [
  { ts: '2026-03-07T23:00:00Z', ws: 'b', app: 'x', q: 1 },
  { ts: '2026-03-08T06:00:00Z', ws: 'a', app: null, q: 2 },
  { ts: '2026-03-08T07:00:00Z', ws: null, app: 'y', q: 3 },
  { ts: '2026-03-10T12:00:00Z', ws: 'a', app: 'x', q: 4 },
  { ts: '2026-03-10T13:00:00Z', ws: 'b', app: 'x', q: 5 },
];
const inline = createEngine({ workers: 0 });
afterAll(() => inline.close());

const source: EventSource = {
  [EVENT_SOURCE]: true,
  async extent() {
    return { min: Date.parse('2026-03-07T23:00:00Z'), max: Date.parse('2026-03-10T13:00:00Z') };
  },
  async aggregate(plan, grid): Promise<SourceCells> {
    const t = await inline.aggregate(events, {
      time: 'ts',
      window: 'day',
      timeZone: 'America/New_York',
      groupBy: plan.groupBy,
      measures: Object.fromEntries(plan.measures.map((m) => [m.name, { op: m.op, ...(m.column ? { column: m.column } : {}) }])),
      ...(plan.range ? { range: plan.range } : {}),
    });
    const rows = t.objects().reverse() as Record<string, unknown>[];
    return {
      window: rows.map((r) => grid.indexOf(r.window_start as number)),
      groups: plan.groupBy.map((g) => rows.map((r) => r[g])),
      measures: plan.measures.map((m) => rows.map((r) => r[m.name])),
    };
  },
};

describe('remote path', () => {
  const base: Query = {
    time: 'ts',
    window: 'day',
    timeZone: 'America/New_York',
    groupBy: ['ws', 'app'],
    measures: { q: { op: 'sum', column: 'q' }, top: { op: 'max', column: 'q' } },
  };
  it('orders shuffled cells as in-process does', async () => {
    const remote = createEngine({ workers: 0 });
    expect((await remote.aggregate(source, base)).objects()).toEqual((await inline.aggregate(events, base)).objects());
  });
  it('zero-fills every window × group seen, with empty values per op', async () => {
    const q: Query = { ...base, range: { start: '2026-03-07T05:00:00Z', end: '2026-03-11T04:00:00Z' }, fill: 'zero' };
    const remote = createEngine({ workers: 0 });
    const got = (await remote.aggregate(source, q)).objects();
    expect(got).toEqual((await inline.aggregate(events, q)).objects());
    expect(got).toHaveLength(4 * 4); // 4 New York days × 4 (ws, app) combinations seen
    expect(got[0]).toEqual({
      window_start: Date.parse('2026-03-07T05:00:00Z'),
      window_end: Date.parse('2026-03-08T05:00:00Z'),
      ws: 'a',
      app: 'x',
      q: 0,
      top: null,
    });
  });
});
