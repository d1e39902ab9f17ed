import { describe, expect, it } from 'vitest';
import { csvRecords, type CsvRecord } from '../../src/io/csv-records.ts';

async function records(chunks: string[], delimiter = ','): Promise<CsvRecord[]> {
  async function* source() {
    yield* chunks;
  }
  const out: CsvRecord[] = [];
  for await (const r of csvRecords(source(), delimiter)) out.push(r);
  return out;
}

/** Every way of cutting `text` into two chunks gives the same records as one chunk. */
async function sameAtEveryCut(text: string): Promise<CsvRecord[]> {
  const whole = await records([text]);
  for (let cut = 1; cut < text.length; cut++) {
    expect(await records([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(whole);
  }
  return whole;
}

describe('csvRecords', () => {
  it('splits fields, unquotes, and numbers lines across quoted line breaks', async () => {
    const text = 'a,b,c\r\n1,"x, ""y""",3\n"multi\r\nline\nfield",,\r\n\n7,8,9';
    expect(await sameAtEveryCut(text)).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['1', 'x, "y"', '3'], line: 2 },
      { fields: ['multi\r\nline\nfield', '', ''], line: 3 },
      { fields: ['7', '8', '9'], line: 7 },
    ]);
  });

  it('treats a lone \\r as a line end and keeps an empty quoted field', async () => {
    expect(await sameAtEveryCut('a,b\r1,""\r2,"3"')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', ''], line: 2 },
      { fields: ['2', '3'], line: 3 },
    ]);
  });

  it('takes a quote inside an unquoted field literally', async () => {
    expect(await records(['a,b"c\n'])).toEqual([{ fields: ['a', 'b"c'], line: 1 }]);
  });

  it('reports malformed records and carries on after them', async () => {
    expect(await sameAtEveryCut('a,b\n"x"y,1\n2,3\n"open,4\n5,6\n')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { error: 'unexpected text after a closing quote', line: 2 },
      { fields: ['2', '3'], line: 3 },
      { error: 'unterminated quoted field', line: 4 },
    ]);
  });

  it('uses another delimiter', async () => {
    expect(await records(['a;b\n1;"2;3"\n'], ';')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2;3'], line: 2 },
    ]);
  });
});
