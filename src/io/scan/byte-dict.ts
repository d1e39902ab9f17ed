/**
 * A chunk-local dictionary: values in first-seen order, found by value (a Map) or, for text
 * read straight from file bytes, by the bytes themselves (an open-addressing hash table over a
 * byte arena), so a repeated id costs a hash and a compare, never a new string. Both doors
 * share one code space: the bytes of "abc" and the string 'abc' get the same code.
 */
const utf8 = new TextDecoder();

/** The UTF-8 text of `bytes[start, end)`; short ASCII runs without the decoder's call cost. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 16) {
    let s = '';
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      if (b >= 0x80) return utf8.decode(bytes.subarray(start, end));
      s += String.fromCharCode(b);
    }
    return s;
  }
  return utf8.decode(bytes.subarray(start, end));
}

/**
 * The text hash: the text's little-endian 32-bit words (the last one zero-padded) mixed in one
 * by one with {@link mixWord}, from {@link HASH_SEED}. Scanners compute it word by word while
 * they look for a value's end and pass it in; a word at a time is about four times fewer steps
 * than a byte at a time for ids.
 */
export const HASH_SEED = 0x811c9dc5 | 0;

export function mixWord(h: number, word: number): number {
  const m = Math.imul(h ^ word, 0x9e3779b1);
  return m ^ (m >>> 15);
}

/** The {@link HASH_SEED} hash of `bytes[start, end)`. */
export function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = HASH_SEED;
  let i = start;
  for (; i + 4 <= end; i += 4) h = mixWord(h, b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
  if (i < end) {
    let w = 0;
    for (let k = i; k < end; k++) w |= b[k] << ((k - i) << 3);
    h = mixWord(h, w);
  }
  return h;
}

export class ByteDict {
  readonly values: unknown[] = [];
  private readonly byValue = new Map<unknown, number>();
  // Hash table: slot s holds entry + 1 (0 = empty) at 2s and the entry's hash at 2s + 1, so a
  // probe reads one place. Entry e: bytes arena[starts[e], starts[e] + lens[e]), code entryCodes[e].
  private slots = new Int32Array(256);
  private arena = new Uint8Array(1024);
  private arenaView = new DataView(this.arena.buffer);
  private used = 0;
  private entries = 0;
  private starts = new Int32Array(32);
  private lens = new Int32Array(32);
  private hashes = new Int32Array(32);
  private entryCodes = new Int32Array(32);

  /** Texts held by their bytes: one per distinct text as long as every caller hashes as {@link hashBytes} does. */
  get byteEntries(): number {
    return this.entries;
  }

  code(value: unknown): number {
    let c = this.byValue.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.byValue.set(value, c);
    }
    return c;
  }

  codeOfBytes(bytes: Uint8Array, start: number, end: number): number {
    return this.codeOfHashed(bytes, start, end, hashBytes(bytes, start, end));
  }

  /**
   * {@link codeOfBytes} with the bytes' hash already computed ({@link hashBytes}); with `view`
   * (a DataView of `bytes`) a long text is compared four bytes at a time.
   */
  codeOfHashed(bytes: Uint8Array, start: number, end: number, h: number, view?: DataView): number {
    h |= 0;
    const len = end - start;
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let s = h & mask;
    for (;;) {
      const e = slots[2 * s] - 1;
      if (e < 0) break;
      if (slots[2 * s + 1] === h && this.lens[e] === len) {
        const arena = this.arena;
        const at = this.starts[e] - start;
        let k = start;
        if (view !== undefined) {
          const words = this.arenaView;
          while (k + 4 <= end && words.getInt32(at + k, true) === view.getInt32(k, true)) k += 4;
        }
        while (k < end && arena[at + k] === bytes[k]) k++;
        if (k === end) return this.entryCodes[e];
      }
      s = (s + 1) & mask;
    }
    const code = this.code(decodeUtf8(bytes, start, end));
    this.add(bytes, start, len, h, code);
    return code;
  }

  private add(bytes: Uint8Array, start: number, len: number, h: number, code: number): void {
    if (this.used + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.used + len));
      next.set(this.arena.subarray(0, this.used));
      this.arena = next;
      this.arenaView = new DataView(next.buffer);
    }
    this.arena.set(bytes.subarray(start, start + len), this.used);
    const e = this.entries++;
    if (e === this.starts.length) {
      this.starts = grown(this.starts);
      this.lens = grown(this.lens);
      this.hashes = grown(this.hashes);
      this.entryCodes = grown(this.entryCodes);
    }
    this.starts[e] = this.used;
    this.lens[e] = len;
    this.hashes[e] = h;
    this.entryCodes[e] = code;
    this.used += len;
    // At most a quarter of the slots in use: a lookup rarely probes a second one.
    if ((e + 1) * 8 > this.slots.length) this.rehash();
    else this.place(e);
  }

  private place(e: number): void {
    const mask = (this.slots.length >> 1) - 1;
    const h = this.hashes[e];
    let s = h & mask;
    while (this.slots[2 * s] !== 0) s = (s + 1) & mask;
    this.slots[2 * s] = e + 1;
    this.slots[2 * s + 1] = h;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let e = 0; e < this.entries; e++) this.place(e);
  }
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(a.length * 2);
  next.set(a);
  return next;
}
