/**
 * Plain arquero peer: what one writes without this library — derive the window, groupby,
 * rollup. New York days use a precomputed day grid and a binary search per row (arquero has
 * no time zones), which is already kinder than per-row calendar work.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { buildGrid } from '../../src/index.ts';

const op = aq.op;

export function arqueroQuery(t: ColumnTable, id: string, range?: { start: number; end: number }): ColumnTable {
  switch (id) {
    case 'Q1':
      return t
        .derive({ w: 'd => op.floor(d.ts / 3600000) * 3600000' })
        .groupby('w', 'workspace', 'application')
        .rollup({ quantity: op.sum('quantity') });
    case 'Q2':
      return t
        .derive({ w: 'd => op.floor(d.ts / 86400000) * 86400000' })
        .groupby('w', 'workspace')
        .rollup({ quantity: op.sum('quantity') });
    case 'Q3':
      return t
        .derive({ w: 'd => op.floor(d.ts / 86400000) * 86400000' })
        .groupby('w', 'workspace')
        .rollup({ rows: op.distinct('row_id') });
    case 'Q4': {
      const extent = t.rollup({ min: op.min('ts'), max: op.max('ts') }).object() as { min: number; max: number };
      const grid = buildGrid({ kind: 'calendar', unit: 'day', timeZone: 'America/New_York' }, extent.min, extent.max);
      const day = (ts: number) => {
        let lo = 0,
          hi = grid.length - 1;
        while (hi - lo > 1) {
          const m = (lo + hi) >>> 1;
          if (grid[m] <= ts) lo = m;
          else hi = m;
        }
        return grid[lo];
      };
      return t
        .derive({ w: aq.escape((d: { ts: number }) => day(d.ts)) })
        .groupby('w', 'application')
        .rollup({ quantity: op.sum('quantity') });
    }
    case 'Q5':
      return t
        .params({ s: range!.start, e: range!.end })
        .filter('(d, $) => d.ts >= $.s && d.ts < $.e')
        .derive({ w: 'd => op.floor(d.ts / 86400000) * 86400000' })
        .groupby('w', 'workspace')
        .rollup({ quantity: op.sum('quantity') });
    default:
      throw new Error(id);
  }
}
