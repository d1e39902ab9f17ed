/**
 * The measure-op table against the aggregates it names: each fact the table states is checked
 * against what the kernel's aggregates actually do.
 */
import { describe, expect, it } from 'vitest';
import { aggregateByName } from '../../src/engine/aggregates/index.ts';
import { aggregateFor, MEASURE_OPS, type MeasureOp } from '../../src/engine/measure-ops.ts';

const ops = Object.keys(MEASURE_OPS) as MeasureOp[];

describe('the measure-op table', () => {
  it.each(ops)('%s: an empty cell of every aggregate it uses reports its empty value', (op) => {
    for (const name of Object.values(MEASURE_OPS[op].kernel)) {
      const agg = aggregateByName(name);
      const states = agg.states.map((s) => (s.kind === 'f64' ? Float64Array.of(s.init) : Int32Array.of(s.init)));
      expect(Array.from(agg.finalize(states, Int32Array.of(0), Float64Array.of(0), () => 'x'))).toEqual([MEASURE_OPS[op].empty]);
    }
  });

  it.each(ops)('%s: needs numbers exactly when it has no aggregate over dictionary codes', (op) => {
    const info = MEASURE_OPS[op];
    expect(aggregateFor(op, true, false) === null).toBe(info.numeric);
    expect(aggregateFor(op, true, true)).not.toBeNull();
    expect(aggregateFor(op, false, false) !== null).toBe(info.columnOptional);
  });

  it('reads dictionary codes for countDistinct even over numbers, numbers for the others', () => {
    expect(aggregateFor('countDistinct', true, true)).toBe('countDistinct');
    expect(aggregateFor('latest', true, true)).toBe('latestNum');
    expect(aggregateFor('count', true, true)).toBe('countNum');
    expect(aggregateFor('count', false, true)).toBe('countRows');
  });

  it('gives ClickHouse one expression per part, and a finish for the ops with several', () => {
    for (const op of ops) {
      const info = MEASURE_OPS[op] as (typeof MEASURE_OPS)[MeasureOp] & { finish?: unknown };
      const parts = info.sql(op === 'count' ? null : '`x`', '`ts`', '`seq`');
      expect(parts.length > 1).toBe(info.finish !== undefined);
    }
    expect(MEASURE_OPS.avg.finish?.([10, 4])).toBe(2.5);
    expect(MEASURE_OPS.avg.finish?.([null, 0])).toBeNull();
  });
});
