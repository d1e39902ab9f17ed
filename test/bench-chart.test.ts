/** The benchmark chart: bars on a log scale, every system labelled, a missing one said so. */
import { describe, expect, it } from 'vitest';
import { barChart } from '../bench/chart.ts';

const widths = (svg: string) =>
  [...svg.matchAll(/<rect x="\d+" y="\d+" width="([\d.]+)" height="16" fill="(#[0-9a-f]+)"><title>([^<]+)<\/title>/g)].map(
    (m) => ({ width: Number(m[1]), title: m[3] }),
  );

describe('barChart', () => {
  it('draws each median as a bar whose length is its log10 from the axis start', () => {
    const svg = barChart([{ id: 'Q1', title: 'sum', engine: 10, duck: 100, arquero: 1000 }], { n: 1000, machine: 'test box' });
    const bars = widths(svg);
    expect(bars.map((b) => b.title)).toEqual(['usage-aggregator: 10.0 ms', 'DuckDB: 100 ms', 'plain arquero: 1,000 ms']);
    // The axis runs 10 ms … 1 s: two decades over the plot; 10 ms is its start (1 px minimum).
    const decade = bars[2].width / 2;
    expect(bars[0].width).toBe(1);
    expect(bars[1].width).toBeCloseTo(decade, 5);
    expect(svg).toContain('1,000 events · test box');
  });

  it('says which system was not measured', () => {
    const svg = barChart([{ id: 'Q5', title: 'one day', engine: 0.2, arquero: 225 }], { n: 5, machine: 'm' });
    expect(svg).toContain('DuckDB: not measured');
    expect(widths(svg)).toHaveLength(2);
  });
});
