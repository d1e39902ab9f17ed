/**
 * The NDJSON line templates against the walk: a file of look-alike lines (where templates read
 * most lines) scans to the same rows, errors and skips as the same lines scanned one by one
 * (where every line is walked, as a template is only made from a line already walked). Lines
 * reorder keys, lose or gain keys, repeat keys, carry escapes, nested values, nulls, odd
 * whitespace, numbers of every JSON form and instants good and bad.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColumnChunk } from '../../../src/engine/store/chunk.ts';
import { ChunkBuilder } from '../../../src/io/scan/builder.ts';
import { scanNdjson } from '../../../src/io/scan/ndjson.ts';
import { RowTemplate } from '../../../src/io/scan/ndjson-template.ts';
import { Rules, type ScanSpec, Writers } from '../../../src/io/scan/rules.ts';
import type { RowProblem, TextScan } from '../../../src/io/scan/text-scan.ts';
import { chunkRows, normalize } from './helpers.ts';

const times = [
  '"2026-10-16T06:30:28.743Z"',
  '"2026-10-16T23:59:59Z"',
  '"2024-02-29T00:00:00.000Z"',
  '"2026-02-30T00:00:00Z"',
  '"2026-10-16T24:00:00Z"',
  '"2026-10-16T06:30:28.743+05:30"',
  '"2026-10-16T06:30:28.74Z"',
  '"2026-10-16T06:30:28.743\\u005a"',
  '"soon"',
  '""',
  '1790000000000',
  'null',
];
// The first five of each list are the common values, which most lines take.
const numbers = [
  '0',
  '-0',
  '31',
  'null',
  'true',
  '-5',
  '1.5',
  '1e3',
  '1E+2',
  '-1.25e-3',
  '123456789012345',
  '1234567890123456',
  '9007199254740993',
  '1e400',
  '01',
  '1.',
  '-',
  '"12"',
];
const strings = [
  '"ws_1"',
  '"ws_2"',
  'null',
  '""',
  'false',
  '"ws_1"',
  '"a\\"b"',
  '"é日本"',
  '"\\u0041"',
  '"tab\t"',
  '7',
  '{"a":[1,"2"]}',
  '[1]',
];

const valuesOf: Record<string, string[]> = { ts: times, ws: strings, q: numbers, extra: [...strings, ...numbers] };
const shape = fc.record({
  keys: fc.shuffledSubarray(['ts', 'ws', 'q', 'extra'], { minLength: 1 }),
  gap: fc.constantFrom('', ' ', '\t'),
});
/** A line of one of the file's shapes: value picks, then a damage now and then. */
const line = (shapes: { keys: string[]; gap: string }[]) =>
  fc
    .record({
      shape: fc.nat(shapes.length - 1),
      picks: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
      common: fc.boolean(),
      damage: fc.oneof(
        { weight: 6, arbitrary: fc.constant('none') },
        {
          weight: 1,
          arbitrary: fc.constantFrom('drop', 'repeat', 'cut', 'trailing', 'garbage', 'blank', 'array', 'rename', 'rename'),
        },
      ),
    })
    .map(({ shape: k, picks, common, damage }) => {
      const { keys, gap } = shapes[k];
      // Mostly values the fast path reads, so templates are made and used.
      const value = (key: string, p: number) => (common ? valuesOf[key][p % 5] : valuesOf[key][p % valuesOf[key].length]);
      let members = keys.map((key, i) => `"${key}":${gap}${value(key, picks[i])}`);
      if (damage === 'drop') members = members.slice(1);
      if (damage === 'repeat') members.push(members[0]);
      let text = `{${gap}${members.join(`,${gap}`)}${gap}}`;
      if (damage === 'cut') text = text.slice(0, picks[4] % text.length);
      if (damage === 'trailing') text += ' x';
      if (damage === 'garbage') text = text.replace(':', '');
      if (damage === 'blank') text = gap;
      if (damage === 'array') text = '[1,2]';
      // A key one byte off the template's: the last bytes of a literal must be compared too.
      if (damage === 'rename') text = text.replace('"ws"', '"wz"').replace('"q"', '"r"');
      return text;
    });
const file = fc
  .array(shape, { minLength: 1, maxLength: 3 })
  .chain((shapes) => fc.record({ lines: fc.array(line(shapes), { maxLength: 60 }), crlf: fc.boolean() }));

const specs: ScanSpec[] = [
  { time: 'ts', types: { q: 'number', ws: 'string' }, keep: undefined, skipInvalid: false },
  { time: 'ts', types: { q: 'number' }, keep: ['ws'], skipInvalid: false },
  { time: 'ts', types: {}, keep: undefined, skipInvalid: false },
];

interface Result {
  rows: Record<string, unknown>[];
  error: RowProblem | null;
  invalid: RowProblem[];
  skipped: number;
}

function scan(text: string, spec: ScanSpec): TextScan {
  const bytes = Buffer.from(text);
  return scanNdjson(bytes, bytes.length, true, new Rules(spec))!;
}

/** Every line scanned on its own: each is walked. */
function lineByLine(lines: string[], spec: ScanSpec): Result {
  const chunks: ColumnChunk[] = [];
  const invalid: RowProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const s = scan(lines[i], spec);
    if (s.error) return { rows: [], error: { line: i + 1, reason: s.error.reason }, invalid, skipped: invalid.length };
    for (const p of s.invalid) invalid.push({ line: i + 1, reason: p.reason });
    chunks.push(s.chunk);
  }
  return { rows: chunkRows(chunks, 'ts'), error: null, invalid, skipped: invalid.length };
}

function whole(lines: string[], crlf: boolean, spec: ScanSpec): Result {
  const s = scan(lines.join(crlf ? '\r\n' : '\n'), spec);
  return { rows: s.error ? [] : chunkRows([s.chunk], 'ts'), error: s.error, invalid: s.invalid, skipped: s.skipped };
}

/**
 * Rows normalized, with -0 read as 0 in undeclared columns: a chunk's dictionary holds 0 and -0
 * as one value (the first seen), so a file and its lines one by one may differ there.
 */
function zeroes(rows: Record<string, unknown>[], spec: ScanSpec): Record<string, unknown>[] {
  return normalize(rows).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === 0 && !(k in spec.types) && k !== spec.time ? 0 : v])),
  );
}

describe('NDJSON line templates', () => {
  it('read what the walk reads, line for line', () => {
    fc.assert(
      fc.property(file, fc.nat(specs.length - 1), fc.boolean(), ({ lines, crlf }, k, skipInvalid) => {
        const spec = { ...specs[k], skipInvalid };
        const got = whole(lines, crlf, spec);
        const expected = lineByLine(lines, spec);
        expect(got.error).toEqual(expected.error);
        expect(got.invalid).toEqual(expected.invalid);
        expect(got.skipped).toBe(expected.skipped);
        expect(zeroes(got.rows, spec)).toEqual(zeroes(expected.rows, spec));
      }),
      { numRuns: 300 },
    );
  });

  it('read hand-checked lines after a template is made, and fall back on a changed one', () => {
    const lines = [
      '{"ts":"2026-10-16T06:30:28.743Z","ws":"a","q":1}',
      '{"ts":"2026-10-17T00:00:00.000Z","ws":"b","q":2.5}',
      '{"ts":"2026-10-17T00:00:00.000Z","ws":"a\\"","q":3}',
      '{"ts":"2026-10-18T00:00:00.000Z","ws":"c","q":null}',
      '{"ts":"2026-10-18T00:00:00.000Z","ws":"c","q":1e400}',
    ];
    const spec = { ...specs[0], skipInvalid: true };
    const got = whole(lines, false, spec);
    expect(got.rows).toEqual([
      { ts: Date.UTC(2026, 9, 16, 6, 30, 28, 743), ws: 'a', q: 1 },
      { ts: Date.UTC(2026, 9, 17), ws: 'b', q: 2.5 },
      { ts: Date.UTC(2026, 9, 17), ws: 'a"', q: 3 },
      { ts: Date.UTC(2026, 9, 18), ws: 'c', q: null },
    ]);
    expect(got.invalid).toEqual([{ line: 5, reason: 'number out of range in column "q": 1e400' }]);
  });

  it('compare every byte of a literal, its last ones too', () => {
    const ts = '"2026-10-16T00:00:00Z"';
    const lines = [
      `{"ts":${ts},"ws":"a","q":1}`,
      `{"ts":${ts},"wz":"b","q":2}`,
      `{"ts":${ts},"ws":"c","r":3}`,
      `{"ts":${ts},"ws":"d","q":4 }`,
    ];
    const t = Date.UTC(2026, 9, 16);
    expect(whole(lines, false, specs[2]).rows).toEqual([
      { ts: t, ws: 'a', q: 1, wz: null, r: null },
      { ts: t, ws: null, q: 2, wz: 'b', r: null },
      { ts: t, ws: 'c', q: null, wz: null, r: 3 },
      { ts: t, ws: 'd', q: 4, wz: null, r: null },
    ]);
  });

  it('read nulls of kept columns as nulls, and skipped columns of any literal', () => {
    const line = (ws: string, q: string, x: string) => `{"ts":"2026-10-16T00:00:00Z","ws":${ws},"q":${q},"x":${x}}`;
    const lines = [
      line('null', 'null', 'true'),
      line('null', 'null', 'true'),
      line('"a"', '1', 'false'),
      line('"a"', '2', 'false'),
    ];
    const ts = Date.UTC(2026, 9, 16);
    // x is not kept: its literals are part of the template.
    expect(whole(lines, false, specs[1]).rows).toEqual([
      { ts, ws: null, q: null },
      { ts, ws: null, q: null },
      { ts, ws: 'a', q: 1 },
      { ts, ws: 'a', q: 2 },
    ]);
    // x is kept: a line with true or false in it is walked.
    expect(whole(lines, false, specs[2]).rows).toEqual([
      { ts, ws: null, q: null, x: true },
      { ts, ws: null, q: null, x: true },
      { ts, ws: 'a', q: 1, x: false },
      { ts, ws: 'a', q: 2, x: false },
    ]);
  });

  it('hash ids as the dictionary does, so a text read by a template or by the walk is one entry', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 14, unit: 'grapheme' }), { minLength: 1, maxLength: 30 }), (ids) => {
        const rules = new Rules({ ...specs[0], skipInvalid: false });
        const chunk = new ChunkBuilder();
        const w = new Writers(chunk, rules);
        const line = (ws: string) => Buffer.from(`{"ts":"2026-10-16T00:00:00Z","ws":${JSON.stringify(ws)}}\n`);
        const first = line('x');
        const template = RowTemplate.of(first, 0, first.length - 1, rules, w)!;
        const dict = w.dict(rules.rule('ws')!).dict;
        for (const ws of [...ids, ...ids]) {
          // Through the template (plain text) or else the walk's door, by the same bytes.
          const bytes = line(ws);
          if (template.read(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.length), 0, chunk) < 0) {
            chunk.rollback();
            const text = Buffer.from(ws);
            dict.codeOfBytes(text, 0, text.length);
          } else chunk.n++;
          const walked = Buffer.from(ws);
          dict.codeOfBytes(walked, 0, walked.length);
        }
        expect(dict.byteEntries).toBe(new Set(ids).size);
      }),
      { numRuns: 200 },
    );
  });
});
