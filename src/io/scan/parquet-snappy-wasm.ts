/**
 * Snappy pages through hysnappy, a WebAssembly decoder, where it is faster than the own one
 * (./parquet-snappy.ts) and gives the same answer. Measured on the 5M-event bench file, one scan
 * worker's share (every other row group, 147 pages: the time column's ISO strings compress to
 * 43%, the other columns hardly at all), each way in a fresh process, CPU time, medians of 9
 * alternating runs on a loaded machine: the own decoder 262 ms (fastest 131), hysnappy on every
 * page 174 ms (83), this module (hysnappy on pages that expand at least 1.5×, the own decoder on
 * the rest) 166 ms (94). Pages that hardly compress are long literals, which the own decoder
 * copies natively and hysnappy a byte at a time (all 246 such pages of the file, warm: 1.4 ms the
 * own way, 7.9 ms hysnappy). Loading this module and the package costs a thread about 5 ms, and
 * instantiating the WebAssembly on its first snappy page about 1 ms. End to end (the bundled
 * bin's `recompute --query` on the file, 9 runs alternating with the build before, medians):
 * CPU 1.41 s → 1.24 s, peak RSS 257 → 268 MB, the same rows.
 *
 * A page the WebAssembly decoder would read differently from hyparquet is left to the own one,
 * which rejects what hyparquet rejects (the page then goes to hyparquet): hysnappy stops at the
 * length in the stream's preamble where hyparquet stops at the page header's size, so the two
 * must agree; and hyparquet rejects a long-form literal with fewer than four bytes after its tag,
 * which hysnappy reads, and which can only end a stream. Where WebAssembly is missing or fails
 * (or the decoder rejects a page), the own decoder reads the page.
 */
import { snappyUncompressor } from 'hysnappy';

type Uncompress = (input: Uint8Array, length: number) => Uint8Array;

/** This thread's decoder: undefined until first asked for, null where WebAssembly is unavailable. */
let wasm: Uncompress | null | undefined;
/** The most its memory has held: a page's input and output (the memory grows and never shrinks). */
let held = 0;

/** Pages decompressed on this thread by WebAssembly and by the own decoder (tests check the ways taken). */
export const snappyPages = { wasm: 0, own: 0 };

/** A page must expand at least this much to go to WebAssembly (see the measurement above). */
const MIN_RATIO = 1.5;

function decoder(): Uncompress | null {
  if (wasm === undefined) {
    try {
      wasm = typeof WebAssembly === 'object' ? snappyUncompressor() : null;
    } catch {
      wasm = null;
    }
  }
  return wasm;
}

/** Whether hysnappy would read `input` as hyparquet does, for an output of `length` bytes. */
function agrees(input: Uint8Array, length: number): boolean {
  // The preamble as hysnappy reads it: a varint of at most 5 bytes, kept to 32 bits.
  let preamble = 0;
  let pos = 0;
  for (let shift = 0; ; shift += 7) {
    if (shift >= 32 || pos >= input.length) return false;
    const c = input[pos++];
    preamble = (preamble | ((c & 0x7f) << shift)) >>> 0;
    if (c < 128) break;
  }
  if (preamble !== length) return false;
  // A last literal in long form (tags 0xf0: one length byte, 0xf4: two) with at most 3 bytes after its tag.
  const n = input.length;
  return !(input[n - 3] === 0xf0 || input[n - 4] === 0xf0 || input[n - 4] === 0xf4);
}

/**
 * Lets go of the decoder once its memory has grown past `limit` bytes (a file of huge pages):
 * the next page makes another.
 */
export function releaseSnappyWasm(limit: number): void {
  if (held > limit && wasm) {
    wasm = undefined;
    held = 0;
  }
}

/**
 * `input` decompressed to `length` bytes in a fresh array by WebAssembly, or null: the page
 * expands less than `minRatio` (the own decoder reads it faster), WebAssembly is unavailable, or
 * the stream is rejected (the own decoder then reads it, or rejects it as hyparquet would).
 *
 * @example
 * // A preamble (6), a 2-byte literal "ab", a copy of 4 bytes from 2 back.
 * snappyWasm(Uint8Array.of(6, 4, 97, 98, 1, 2), 6, 0); // Uint8Array "ababab"
 */
export function snappyWasm(input: Uint8Array, length: number, minRatio = MIN_RATIO): Uint8Array | null {
  if (length < minRatio * input.length || !agrees(input, length)) return null;
  const uncompress = decoder();
  if (uncompress === null) return null;
  try {
    held = Math.max(held, input.length + length);
    const out = uncompress(input, length);
    if (out.length !== length) return null;
    snappyPages.wasm++;
    return out;
  } catch {
    return null;
  }
}
