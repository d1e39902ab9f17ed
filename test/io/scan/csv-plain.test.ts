/**
 * The CSV fast path for unquoted records against today's text reader, on records made to trip
 * it: instants of both lengths followed by short fields (so an instant's end found by its length
 * could land on a later delimiter), signs, long integers, decimals, empty fields, quotes inside
 * and around fields, too few and too many fields, blank lines, \r\n and lone \r.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkBuilder } from '../../../src/io/scan/builder.ts';
import { PlainCsv } from '../../../src/io/scan/csv-plain.ts';
import { Rules, Writers } from '../../../src/io/scan/rules.ts';
import { tempDir } from '../fixtures.ts';
import { normalize, readOutcome, scanOutcome } from './helpers.ts';

const dir = tempDir();
let files = 0;

const time = fc.constantFrom(
  '2026-10-16T06:30:28.743Z',
  '2026-10-16T06:30:28Z',
  '2024-02-29T23:59:59.999Z',
  '2026-02-30T00:00:00Z',
  '2026-10-16T24:00:00Z',
  '2026-10-16T06:30:28+01:00',
  '1790000000000',
  '',
  '"2026-10-16T06:30:28Z"',
);
const id = fc.constantFrom(
  'a',
  'ws_1',
  'ws_22',
  '',
  'é',
  'x"y',
  '"q,uoted"',
  '"a""b"',
  '"two\nlines"',
  '"a\n,b"',
  '"cr\r"',
  '"cr\r\nlf"',
  '"ws_1"',
  '1',
  'tab\tx',
);
const number = fc.constantFrom(
  '0',
  '-0',
  '+5',
  '31',
  '"31"',
  '-12',
  '1.5',
  '1e3',
  '123456789012345',
  '1234567890123456',
  '',
  '""',
  'x',
  ' 7',
  '"7"x',
);
const record = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(time, id, number, id).map((f) => f.join(',')) },
  { weight: 1, arbitrary: fc.tuple(time, id).map((f) => f.join(',')) },
  { weight: 1, arbitrary: fc.tuple(time, id, number).map((f) => f.join(',')) },
  { weight: 1, arbitrary: fc.tuple(time, id, number, id, id).map((f) => f.join(',')) },
  { weight: 1, arbitrary: fc.constantFrom('', ',,,', '"unterminated,1,2,3') },
);
const file = fc.record({
  records: fc.array(record, { maxLength: 40 }),
  end: fc.constantFrom('\n', '\r\n', '\r'),
  lastBreak: fc.boolean(),
  skipInvalid: fc.boolean(),
});

describe('CSV records without quotes', () => {
  it('read as today’s reader reads them', async () => {
    await fc.assert(
      fc.asyncProperty(file, async ({ records, end, lastBreak, skipInvalid }) => {
        const body = ['ts,ws,q,note', ...records].join(end) + (lastBreak ? end : '');
        const path = join(dir, `c${files++}.csv`);
        writeFileSync(path, body);
        const columns = { q: 'number', ws: 'string' } as const;
        const got = await scanOutcome(path, { time: 'ts', columns, skipInvalid });
        const today = await readOutcome(path, 'ts', columns, skipInvalid);
        const where = (m: string | null) => m && /^.*?:\d+:/.exec(m)?.[0];
        expect(where(got.error)).toBe(where(today.error));
        expect(got.invalid.map(where).sort()).toEqual(today.invalid.map(where).sort());
        expect(got.skipped).toBe(today.skipped);
        expect(normalize(got.rows)).toEqual(normalize(today.rows));
      }),
      { numRuns: 150 },
    );
  });

  it('reads hand-checked records, an instant before a short field among them', async () => {
    const path = join(dir, 'hand.csv');
    writeFileSync(path, 'ts,ws,q,note\n2026-10-16T06:30:28Z,abc,1,\n2026-10-16T06:30:28.743Z,"b",+2,n\r\n');
    const got = await scanOutcome(path, { time: 'ts', columns: { q: 'number' } });
    expect(got.rows).toEqual([
      { ts: Date.UTC(2026, 9, 16, 6, 30, 28), ws: 'abc', q: 1, note: null },
      { ts: Date.UTC(2026, 9, 16, 6, 30, 28, 743), ws: 'b', q: 2, note: 'n' },
    ]);
  });

  it('takes a lone "" as a blank line when the header has one column', async () => {
    const path = join(dir, 'one.csv');
    writeFileSync(path, 'ts\n""\n"2026-10-16T06:30:28Z"\n');
    const got = await scanOutcome(path, { time: 'ts' });
    expect(got).toEqual({ rows: [{ ts: Date.UTC(2026, 9, 16, 6, 30, 28) }], skipped: 0, invalid: [], error: null });
  });

  it('hashes ids as the dictionary does, quoted or not, so each text is one entry', () => {
    const id = fc.string({ maxLength: 14, unit: fc.constantFrom('a', 'é', '\u0000', '日', 'x', '-', ';') });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(id, fc.boolean()), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (ids, end) => {
          const rules = new Rules({ time: 'ts', types: {}, keep: undefined, skipInvalid: false });
          const chunk = new ChunkBuilder();
          const w = new Writers(chunk, rules);
          const plain = PlainCsv.of([rules.rule('ts'), rules.rule('ws')], rules, w, 44)!;
          const dict = w.dict(rules.rule('ws')!).dict;
          for (const [ws, quoted] of [...ids, ...ids]) {
            // A record after this one, so a lone \r is known not to be followed by \n.
            const record = `2026-10-16T00:00:00Z,${quoted ? `"${ws}"` : ws}${end}`;
            const bytes = Buffer.from(`${record}2026-10-16T00:00:00Z,x\n`);
            expect(
              plain.read(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.length), 0, bytes.length, 44, chunk),
            ).toBe(Buffer.byteLength(record));
            chunk.n++;
            const text = Buffer.from(ws);
            if (ws !== '') dict.codeOfBytes(text, 0, text.length);
          }
          expect(dict.byteEntries).toBe(new Set(ids.map(([ws]) => ws).filter((ws) => ws !== '')).size);
        },
      ),
      { numRuns: 200 },
    );
  });
});
