/**
 * The dictionary of one dimension column of an events object, shared by all its parts and only
 * ever appended to, so a part's codes never change once written (appending events never
 * re-encodes what is there).
 *
 * Events loaded at once are coded in value order with null last: codes 0…L−1 are the values
 * ascending and L is null (what the part builder writes). Values an append brings get the
 * codes after L, in arrival order. Value order is then no longer code order, so `order` lists the
 * codes in value order (null after the values); it is rebuilt only when the dictionary has grown,
 * by merging the new values into the previous order rather than sorting everything again.
 */
import { compareValues } from '../values.ts';

export class EventsDict {
  /** `values[code]`; the null code's slot holds undefined. */
  readonly values: unknown[];
  readonly nullCode: number;
  #index: CodeIndex | null = null;
  #order: Int32Array | null = null;

  /** A dictionary whose codes 0…L−1 are `sorted` (ascending) and whose null code is L. */
  constructor(sorted: unknown[]) {
    this.values = sorted.slice();
    this.nullCode = sorted.length;
  }

  /** Codes in use (null included): codes run from 0 to `size - 1`. */
  get size(): number {
    return Math.max(this.values.length, this.nullCode + 1);
  }

  /** The code of a value, or undefined. The index is built on first use (a load never needs it). */
  code(value: unknown): number | undefined {
    if (!this.#index) {
      const index = new CodeIndex(this.values, this.values.length);
      this.values.forEach((v, c) => {
        if (c !== this.nullCode) index.set(v, c);
      });
      this.#index = index;
    }
    return this.#index.get(value);
  }

  /** Appends values not in the dictionary yet; their codes follow the existing ones. */
  add(values: unknown[]): void {
    this.code(undefined); // the index exists from here on
    if (this.values.length === this.nullCode) this.values.push(undefined);
    for (const v of values) {
      this.#index!.set(v, this.values.length);
      this.values.push(v);
    }
  }

  /** Bytes the value → code index takes, or 0 before it exists. */
  indexBytes(): number {
    return this.#index ? this.#index.bytes() : 0;
  }

  /**
   * Every code up to `size` (a {@link size} the dictionary had) in result order: the values
   * ascending, then null, then `size` itself (a slot no row uses, which a dense group layout of
   * `size + 1` codes has). Null while code order is value order.
   */
  order(size: number): Int32Array | null {
    if (size <= this.nullCode + 1) return null;
    const cached = this.#order;
    if (cached && cached.length === size + 1) return cached;
    const prevSize = cached && cached.length < size + 1 ? cached.length - 1 : 0;
    // The previous order's values, then the codes added since, sorted, merged in.
    const old: number[] = [];
    if (prevSize) {
      for (const c of cached!) if (c !== this.nullCode && c !== prevSize) old.push(c);
    } else for (let c = 0; c < this.nullCode; c++) old.push(c);
    const fresh: number[] = [];
    for (let c = prevSize || this.nullCode + 1; c < size; c++) fresh.push(c);
    const cmp = (a: number, b: number) => compareValues(this.values[a], this.values[b]);
    fresh.sort(cmp);
    const out = new Int32Array(size + 1);
    let i = 0,
      j = 0,
      k = 0;
    while (i < old.length || j < fresh.length) {
      out[k++] = j >= fresh.length || (i < old.length && cmp(old[i], fresh[j]) <= 0) ? old[i++] : fresh[j++];
    }
    out[k++] = this.nullCode;
    out[k] = size;
    this.#order = out;
    return out;
  }
}

/** FNV-1a over a string's UTF-16 code units. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Value → code. Strings (nearly every dimension value) go in an open-addressing table of codes,
 * compared through the dictionary itself: 8–16 bytes a value, where a Map entry costs about 40
 * to 80 — the difference between affordable and not for a column of 10M event ids. Other values
 * (numbers, booleans) are few and go in a Map.
 */
class CodeIndex {
  #slots: Int32Array;
  #count = 0;
  readonly #others = new Map<unknown, number>();

  /** Sized for `expected` values up front, so building the index for a large dictionary never rehashes. */
  constructor(
    private readonly values: unknown[],
    expected = 0,
  ) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.#slots = new Int32Array(size).fill(-1);
  }

  get(v: unknown): number | undefined {
    if (typeof v !== 'string') return this.#others.get(v);
    const mask = this.#slots.length - 1;
    for (let i = hashString(v) & mask; ; i = (i + 1) & mask) {
      const c = this.#slots[i];
      if (c < 0) return undefined;
      if (this.values[c] === v) return c;
    }
  }

  set(v: unknown, code: number): void {
    if (typeof v !== 'string') {
      this.#others.set(v, code);
      return;
    }
    if ((this.#count + 1) * 2 > this.#slots.length) this.#grow();
    this.#place(this.#slots, v, code);
    this.#count++;
  }

  bytes(): number {
    return this.#slots.byteLength + this.#others.size * 40;
  }

  #place(slots: Int32Array, v: string, code: number): void {
    const mask = slots.length - 1;
    let i = hashString(v) & mask;
    while (slots[i] >= 0) i = (i + 1) & mask;
    slots[i] = code;
  }

  #grow(): void {
    const old = this.#slots;
    const slots = new Int32Array(old.length * 2).fill(-1);
    for (const c of old) if (c >= 0) this.#place(slots, this.values[c] as string, c);
    this.#slots = slots;
  }
}
