/**
 * The CSV fast path: a record with the header's number of fields and one line break, whose
 * quoted fields hold no doubled quote or line break, is read field by field straight into its
 * columns, without first collecting its field ranges: an id goes into the dictionary by its
 * bytes, an integer or instant is read from its digits. Anything else — a doubled
 * quote, a line break in a field, text after a closing quote, a field count that differs, a
 * value the fast readers do not settle, the end of the bytes — rolls the row back and the
 * record is read as before (`./csv-record.ts`), so this path never decides a row differently.
 *
 * Measured (1M Boltz records, one thread, scanCsv alone): 167 ns a record through field ranges,
 * 104 on this path; with every field quoted, 200 and 145 (CPU time, a busy machine). A field's
 * end is looked for four bytes at a time (an id hashed by the same words): with 36-byte UUIDs
 * for ids, 178 ns a record byte by byte, 146 by words.
 */
import type { ChunkBuilder, DictBuilder, NumberBuilder } from './builder.ts';
import { HASH_SEED, mixWord } from './byte-dict.ts';
import { smallInteger } from './numbers.ts';
import type { Rule, Rules, Writers } from './rules.ts';

const QUOTE = 34,
  LF = 10,
  CR = 13;

const SKIP = 0,
  TIME = 1,
  DICT = 2,
  NUMBER = 3;

export class PlainCsv {
  private readonly kinds: Int32Array;
  /** The hash {@link fieldEnd} computed last. */
  private hash = 0;
  /** Whether an instant's end may be found by its length: the delimiter is no byte an instant holds. */
  private readonly jump: boolean;
  private readonly numbers: (NumberBuilder | null)[];
  private readonly dicts: (DictBuilder | null)[];

  private constructor(kinds: number[], byField: (Rule | null)[], w: Writers, delimiter: number) {
    this.jump = !'0123456789-T:.Z'.includes(String.fromCharCode(delimiter));
    this.kinds = Int32Array.from(kinds);
    this.numbers = byField.map((r, k) => (kinds[k] === TIME || kinds[k] === NUMBER ? w.number(r!) : null));
    this.dicts = byField.map((r, k) => (kinds[k] === DICT ? w.dict(r!) : null));
  }

  /**
   * The fast path for a header's fields, or null when its rows need the general one: a column
   * other than ids, numbers and the time column is kept, or the row's only time column is not
   * the scan's time column among the fields (every row is then malformed).
   */
  static of(byField: (Rule | null)[], rules: Rules, w: Writers, delimiter: number): PlainCsv | null {
    if (byField.length === 0 || rules.times.length !== 1 || !byField.includes(rules.times[0])) return null;
    const kinds: number[] = [];
    for (const rule of byField) {
      if (rule === null) kinds.push(SKIP);
      else if (rule.kind === 'time') kinds.push(TIME);
      else if (rule.kind === 'dict' && rule.type !== 'boolean') kinds.push(DICT);
      else if (rule.type === 'number') kinds.push(NUMBER);
      else return null;
    }
    return new PlainCsv(kinds, byField, w, delimiter);
  }

  /**
   * Reads the record at `pos` into the current row; returns where the next record starts, or -1
   * when the general path must read it (the caller rolls the row back). `view` is a DataView of `b`.
   */
  read(b: Uint8Array, view: DataView, pos: number, n: number, delimiter: number, chunk: ChunkBuilder): number {
    const kinds = this.kinds;
    const last = kinds.length - 1;
    const row = chunk.n;
    let i = pos;
    if (i >= n || b[i] === LF || b[i] === CR) return -1; // a blank line is no record
    for (let k = 0; ; k++) {
      const kind = kinds[k];
      let s = i;
      let e: number;
      let c: number;
      if (b[i] === QUOTE) {
        // A quoted field without doubled quotes or line breaks; a lone "" may be a blank line.
        if (last === 0) return -1;
        s = ++i;
        i = this.fieldEnd(b, view, i, n, QUOTE, kind === DICT);
        if (i < 0 || i + 1 >= n || b[i] !== QUOTE) return -1;
        e = i++;
        c = b[i];
        if (c !== delimiter && c !== LF && c !== CR) return -1;
      } else if (kind === TIME && this.jump) {
        // An instant's bytes hold no delimiter, so its end is where its Z says (checked below).
        i += b[i + 19] === 90 ? 20 : 24;
        if (i >= n) return -1;
        e = i;
        c = b[i];
      } else {
        i = this.fieldEnd(b, view, i, n, delimiter, kind === DICT);
        if (i < 0) return -1;
        e = i;
        c = b[i];
      }
      if (kind === DICT) {
        const dict = this.dicts[k]!;
        dict.set(row, s === e ? -1 : dict.dict.codeOfHashed(b, s, e, this.hash, view));
      } else if (kind === TIME) {
        if (!this.numbers[k]!.setIsoUtc(row, view, b, s, e)) return -1;
      } else if (kind === NUMBER && s !== e) {
        const v = smallInteger(b, s, e, true);
        if (v === undefined) return -1;
        this.numbers[k]!.set(row, v);
      }
      if (k < last) {
        if (c !== delimiter) return -1;
        i++;
        continue;
      }
      if (c === LF) return i + 1;
      if (c !== CR || i + 1 >= n) return -1; // after a \r at the end of the bytes a \n may follow
      return b[i + 1] === LF ? i + 2 : i + 1;
    }
  }

  /**
   * The first `stop`, line feed or carriage return at or after `i` (four bytes at a time while a
   * word holds none), or -1 when the bytes end first; with `hash`, the text's hash up to there
   * ({@link hashBytes}) is left in {@link hash}.
   */
  private fieldEnd(b: Uint8Array, view: DataView, i: number, n: number, stop: number, hash: boolean): number {
    const stops = Math.imul(stop, 0x01010101);
    let h = HASH_SEED;
    for (; i + 4 <= n; i += 4) {
      const x = view.getInt32(i, true);
      const y = x ^ stops;
      const l = x ^ 0x0a0a0a0a;
      const r = x ^ 0x0d0d0d0d;
      if (((((y - 0x01010101) & ~y) | ((l - 0x01010101) & ~l) | ((r - 0x01010101) & ~r)) & 0x80808080) !== 0) break;
      if (hash) h = mixWord(h, x);
    }
    let w = 0;
    let j = 0;
    for (; ; i++, j++) {
      if (i >= n) return -1;
      const c = b[i];
      if (c === stop || c === LF || c === CR) break;
      w |= c << (j << 3); // j < 4: the word holds the stop, or fewer than 4 bytes are left
    }
    if (hash) this.hash = j > 0 ? mixWord(h, w) : h;
    return i;
  }
}
