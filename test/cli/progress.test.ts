/**
 * The summary line and the progress line write counts as `Intl.NumberFormat('en-US')` would
 * (commas between thousands), without making one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProgress, summaryLine } from '../../src/cli/progress.ts';

const en = new Intl.NumberFormat('en-US');

describe('progress counts', () => {
  it('the summary line groups rows and skipped as en-US does', () => {
    expect(summaryLine('f.ndjson', { rows: 5_000_000, skipped: 1234, bytes: 2_500_000, seconds: 0.5 })).toBe(
      'read f.ndjson: 5,000,000 rows, 1,234 skipped, 2.5 MB in 0.50 s (5 MB/s)',
    );
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.nat(), (rows, skipped) => {
        const line = summaryLine('x', { rows, skipped, bytes: 0, seconds: 0 });
        expect(line).toBe(`read x: ${en.format(rows)} rows, ${en.format(skipped)} skipped, 0.0 MB in 0.00 s`);
      }),
      { numRuns: 200 },
    );
  });

  it('the progress line on a terminal groups the rows the same way', () => {
    let text = '';
    const progress = createProgress({ isTTY: true, write: (t: string) => (text += t) }, 'read');
    progress.update(1_234_567);
    expect(text).toMatch(/^\rread: 1,234,567 rows, [\d,]+ rows\/s, [\d.]+ s$/);
  });
});
