/**
 * One RFC 4180 record read from bytes: the same rules as the text splitter in `../csv-records.ts`
 * (quoted fields may hold delimiters, doubled quotes and line breaks; `\n`, `\r\n` and `\r` end a
 * record), but fields come back as byte ranges, so a value becomes a string only if it must.
 */
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Field k of the last record: `bytes[starts[k], ends[k])`; `doubled[k]` when it holds `""` to unescape. */
export class CsvRecord {
  count = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  doubled = new Uint8Array(64);
  /** Where the record ends (after its line break). */
  end = 0;
  /** Line breaks the record spans, its own ending included. */
  breaks = 0;
  error: string | null = null;

  push(s: number, e: number, doubled: boolean): void {
    if (this.count === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T) => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts, (n) => new Int32Array(n));
      this.ends = grow(this.ends, (n) => new Int32Array(n));
      this.doubled = grow(this.doubled, (n) => new Uint8Array(n));
    }
    this.starts[this.count] = s;
    this.ends[this.count] = e;
    this.doubled[this.count++] = doubled ? 1 : 0;
  }
}

function countBreaks(b: Uint8Array, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === LF) n++;
    else if (c === CR && !(i + 1 < e && b[i + 1] === LF)) n++;
  }
  return n;
}

/**
 * Reads the record at `start` of `b[0, n)` into `r`. Returns false when the bytes end before the
 * record does and more may come (`final` false); the caller then reads further and asks again.
 */
export function readRecord(b: Uint8Array, start: number, n: number, delimiter: number, final: boolean, r: CsvRecord): boolean {
  r.count = 0;
  r.breaks = 0;
  r.error = null;
  let i = start;
  for (;;) {
    if (i < n && b[i] === QUOTE) {
      let j = i + 1;
      let doubled = false;
      let close: number;
      for (;;) {
        const q = b.indexOf(QUOTE, j);
        if (q < 0 || q >= n) {
          if (!final) return false;
          r.error = 'unterminated quoted field';
          r.breaks += countBreaks(b, i, n);
          r.end = n;
          return true;
        }
        if (q + 1 >= n && !final) return false;
        if (q + 1 < n && b[q + 1] === QUOTE) {
          doubled = true;
          j = q + 2;
          continue;
        }
        close = q;
        break;
      }
      r.breaks += countBreaks(b, i + 1, close);
      r.push(i + 1, close, doubled);
      i = close + 1;
      const c = i < n ? b[i] : -1;
      if (c !== delimiter && c !== LF && c !== CR && c !== -1) {
        // Resynchronise at the end of this line.
        let k = i;
        while (k < n && b[k] !== LF && b[k] !== CR) k++;
        if (k >= n) {
          if (!final) return false;
          r.end = n;
        } else {
          r.breaks++;
          r.end = b[k] === CR && k + 1 < n && b[k + 1] === LF ? k + 2 : k + 1;
          if (b[k] === CR && k + 1 >= n && !final) return false;
        }
        r.error = 'unexpected text after a closing quote';
        return true;
      }
    } else {
      let j = i;
      while (j < n) {
        const c = b[j];
        if (c === delimiter || c === LF || c === CR) break;
        j++;
      }
      if (j >= n && !final) return false;
      r.push(i, j, false);
      i = j;
    }
    if (i >= n) {
      r.end = n;
      return true;
    }
    const c = b[i];
    if (c === delimiter) {
      i++;
      continue;
    }
    if (c === CR) {
      if (i + 1 >= n && !final) return false; // a \n may follow
      r.end = i + 1 < n && b[i + 1] === LF ? i + 2 : i + 1;
      r.breaks++;
      return true;
    }
    r.end = i + 1;
    r.breaks++;
    return true;
  }
}
