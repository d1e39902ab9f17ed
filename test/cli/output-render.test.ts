/**
 * The output formats (json, ndjson, csv, table) and how they are written: the fast renderer and
 * the batched writes give byte for byte what the plain renderer (test/reference/render.ts)
 * gives, written one piece at a time, for random rows.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTPUT_FORMATS, render } from '../../src/cli/format-rows.ts';
import { inferShape, type TableShape } from '../../src/cli/table.ts';
import { batches, writeOutput } from '../../src/cli/write-output.ts';
import { refInferShape, refRender } from '../reference/render.ts';

const NUM_RUNS = 60;
const DAY = 86_400_000;

// Few names and instants, so rows share columns and repeat windows as a result's do.
const name = fc.constantFrom('window_start', 'window_end', 'start_time', 'day', 'app', 'ws', 'total', 'n', 'é😀', 'a,b');
const instant = fc.integer({ min: 0, max: 40 }).map((d) => Date.UTC(2026, 0, 1) + d * DAY + (d % 3) * 1_500);
const text = fc.oneof(
  fc.constantFrom('ws_1', 'adme', '', ' ', '12', '3.5', 'null', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', '😀', '\ud83d', 'ü'),
  fc.string({ maxLength: 6, unit: 'grapheme' }),
);
const number = fc.oneof(
  fc.integer({ min: -1_000, max: 1_000 }),
  fc.double({ noDefaultInfinity: false }),
  fc.constantFrom(0.1 + 0.2, -0, 1e21, 123456789.12345679),
  instant,
);
const value = fc.oneof(
  { weight: 4, arbitrary: number },
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.constantFrom('k', 'v'), text, { maxKeys: 2 })),
  },
);
const row = fc.dictionary(name, value, { maxKeys: 6 });
const rows = fc.array(row, { maxLength: 25 });
const shape = fc.option(
  fc.record({
    times: fc.subarray(['window_start', 'window_end', 'start_time', 'day']),
    window: fc.option(fc.constantFrom('window_start', 'start_time', 'day', 'app'), { nil: undefined }),
    groups: fc.subarray(['app', 'ws', 'é😀', 'a,b']),
    measures: fc.subarray(['total', 'n']),
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kolkata', 'America/St_Johns'),
  }),
  { nil: undefined },
);

/** The text, or the error (an instant out of Date's range in a time column throws both ways). */
function outcome(write: () => string): string | { error: string } {
  try {
    return write();
  } catch (error) {
    return { error: String(error) };
  }
}

describe('output formats', () => {
  it('render gives the plain renderer’s text, for every format', () => {
    fc.assert(
      fc.property(rows, shape, (rs, s) => {
        for (const format of OUTPUT_FORMATS) {
          const value = format === 'json' ? { data: rs } : rs;
          expect(outcome(() => [...render(format, value, rs, s as TableShape | undefined)].join(''))).toEqual(
            outcome(() => refRender(format, value, rs, s).join('')),
          );
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a table of rows that share a few windows, as a query result', () => {
    const result = fc.array(fc.record({ window_start: instant, app: fc.constantFrom('a', 'b', 'ü', '😀x'), total: number }), {
      minLength: 1,
      maxLength: 40,
    });
    const zone = fc.constantFrom('UTC', 'Europe/Berlin', 'Australia/Lord_Howe');
    fc.assert(
      fc.property(result, zone, (rs, timeZone) => {
        const s: TableShape = { times: ['window_start'], window: 'window_start', groups: ['app'], measures: ['total'], timeZone };
        expect([...render('table', rs, rs, s)].join('')).toBe(refRender('table', rs, rs, s).join(''));
        expect(inferShape(rs, timeZone)).toEqual(refInferShape(rs, timeZone));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a table of 200,000 rows (more than a spread of arguments takes) is written', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => ({ day: i, total: i % 7 }));
    const s: TableShape = { times: [], window: 'day', groups: [], measures: ['total'], timeZone: 'UTC' };
    const out = [...render('table', many, many, s)].join('');
    expect(out.split('\n')).toHaveLength(200_000 + 1 + 4 + 1);
    expect(out).toBe(refRender('table', many, many, s).join(''));
  });
});

describe('writing the output', () => {
  const pieces = fc.array(fc.string({ maxLength: 12, unit: 'grapheme' }), { maxLength: 40 });

  it('batches keep every piece in order and make each batch but the last at least the size', () => {
    fc.assert(
      fc.property(pieces, fc.integer({ min: 1, max: 30 }), (ps, size) => {
        const out = [...batches(ps, size)];
        expect(out.join('')).toBe(ps.join(''));
        out.slice(0, -1).forEach((b) => expect(b.length).toBeGreaterThanOrEqual(size));
        expect(out.every((b) => b.length > 0)).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('stdout and an --out file get the pieces’ text, in UTF-8', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ua-out-'));
    fc.assert(
      fc.property(pieces, (ps) => {
        let stdout = '';
        writeOutput(ps, undefined, { write: (t: string) => (stdout += t) });
        expect(stdout).toBe(ps.join(''));
        const file = join(dir, 'sub', 'out.txt');
        writeOutput(ps, file, { write: () => expect.unreachable('stdout written with --out') });
        expect(readFileSync(file, 'utf8')).toBe(ps.join(''));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
