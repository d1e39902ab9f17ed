/**
 * An arquero table made from Arrow, with dictionary-encoded columns over several record
 * batches (nulls included): loaded from the dictionary keys, it answers as the same events as
 * plain records do.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { columnFromArray, dictionary, float64, int32, tableFromColumns, tableFromIPC, tableToIPC, utf8 } from '@uwdata/flechette';
import { createEngine } from '../../../src/engine/engine.ts';
import { asArrowDictionary } from '../../../src/engine/store/arrow.ts';
import type { Query } from '../../../src/engine/types.ts';

const engine = createEngine({ workers: 0 });
afterAll(() => engine.close());

const T = Date.UTC(2026, 2, 1);
const n = 50;
const records = Array.from({ length: n }, (_, i) => ({
  ts: T + ((i * 7919) % 13) * 3_600_000,
  ws: i % 7 === 0 ? null : `ws_${(i * 31) % 5}`,
  app: ['b', 'a', 'c'][i % 3],
  qty: i % 11 === 0 ? null : i % 4,
}));

function arrowColumns() {
  const batch = { maxBatchRows: 16 };
  return tableFromColumns({
    ts: columnFromArray(
      records.map((r) => r.ts),
      float64(),
      batch,
    ),
    ws: columnFromArray(
      records.map((r) => r.ws),
      dictionary(utf8()),
      batch,
    ),
    app: columnFromArray(
      records.map((r) => r.app),
      dictionary(utf8(), int32()),
      batch,
    ),
    qty: columnFromArray(
      records.map((r) => r.qty),
      float64(),
      batch,
    ),
  });
}

/** Through IPC bytes and arquero's fromArrow, as a file would arrive. */
function fromIpc() {
  return aq.fromArrow(tableFromIPC(tableToIPC(arrowColumns(), {})!) as never);
}

/** An arquero table over the flechette vectors themselves. */
function overVectors() {
  const t = arrowColumns();
  return aq.table(Object.fromEntries(t.names.map((name) => [name, t.getChild(name)])) as never);
}

describe('arquero tables from Arrow', () => {
  it("dictionary columns are read from their keys (arquero's wrapper only without nulls)", () => {
    expect(asArrowDictionary(overVectors().column('ws'))?.kind).toBe('vector');
    expect(asArrowDictionary(fromIpc().column('app'))?.kind).toBe('arquero');
    expect(asArrowDictionary(fromIpc().column('ws'))).toBeNull();
    expect(asArrowDictionary(fromIpc().column('qty'))).toBeNull();
  });

  it.each([
    ['fromArrow', () => fromIpc()],
    ['vectors', overVectors],
  ])('aggregate like the same records, loaded or not (%s)', async (_, make) => {
    const table = make();
    const loaded = await engine.load(table);
    const queries: Query[] = [
      { time: 'ts', window: 'hour', groupBy: ['ws', 'app'], measures: { q: { op: 'sum', column: 'qty' }, n: { op: 'count' } } },
      {
        time: 'ts',
        window: 'day',
        where: { ws: [null, 'ws_1'] },
        measures: { d: { op: 'countDistinct', column: 'app' }, l: { op: 'latest', column: 'ws' } },
      },
    ];
    for (const q of queries) {
      const want = (await engine.aggregate(records, q)).objects();
      expect(want.length).toBeGreaterThan(0);
      expect((await engine.aggregate(loaded, q)).objects()).toEqual(want);
      expect((await engine.aggregate(table, q)).objects()).toEqual(want);
    }
  });
});
