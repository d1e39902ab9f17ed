/**
 * Snappy decompression for the page decoder, a 32-bit word at a time. hyparquet exports a
 * snappy decoder (`snappyUncompress`), but it copies a byte at a time, and the bench file's time
 * column (short ISO strings: most elements copy 4–12 bytes) made it the decoder's largest cost.
 * Measured on that column's pages of the 5M-event bench file (41 pages, 140 MB out, one thread,
 * CPU time): hyparquet's 268–275 ms, this one 182–187 ms. Pages that compress well go to a
 * WebAssembly decoder, faster still (./parquet-snappy-wasm.ts); this one reads the rest, and
 * every page where WebAssembly is missing or fails.
 *
 * It accepts no less than hyparquet's: every input hyparquet rejects is rejected here too (and
 * a few odd ones more, such as a negative back-reference offset), and a rejected page goes to
 * hyparquet, which reports it as it always did.
 *
 * The output array must have 4 bytes of room past `length`: a word copy may write up to 3 bytes
 * beyond the end of what it copies (the next copy overwrites them).
 */

export const SNAPPY_SLACK = 4;

/** Decompresses `input` into `output[0, length)`; throws on a malformed stream. */
export function snappyInto(input: Uint8Array, output: Uint8Array, length: number): void {
  if (output.length < length + SNAPPY_SLACK) throw new Error('snappy output without room');
  const n = input.length;
  const inView = new DataView(input.buffer, input.byteOffset, n);
  const outView = new DataView(output.buffer, output.byteOffset, output.length);
  let pos = 0;
  while (pos < n && input[pos++] >= 128); // the preamble: the length as a varint
  if (length && pos >= n) throw new Error('invalid snappy length header');
  let op = 0;
  while (pos < n) {
    const c = input[pos++];
    if (pos >= n) throw new Error('missing eof marker');
    if ((c & 3) === 0) {
      let len = (c >>> 2) + 1;
      if (len > 60) {
        if (pos + 3 >= n) throw new Error('snappy literal length beyond the input');
        const bytes = len - 60;
        len = (input[pos] | (input[pos + 1] << 8) | (input[pos + 2] << 16) | (input[pos + 3] << 24)) >>> 0;
        len = (bytes === 4 ? len : len & ((1 << (8 * bytes)) - 1)) + 1;
        pos += bytes;
      }
      if (pos + len > n) throw new Error('snappy literal beyond the input');
      if (op + len > length) throw new Error('snappy output beyond its length');
      if (len > 64) output.set(input.subarray(pos, pos + len), op);
      else if (pos + len + 3 <= n)
        for (let k = 0; k < len; k += 4) outView.setUint32(op + k, inView.getUint32(pos + k, true), true);
      else for (let k = 0; k < len; k++) output[op + k] = input[pos + k];
      pos += len;
      op += len;
      continue;
    }
    let len: number;
    let offset: number;
    switch (c & 3) {
      case 1:
        if (pos >= n) throw new Error('snappy copy beyond the input');
        len = ((c >>> 2) & 7) + 4;
        offset = input[pos] + ((c >>> 5) << 8);
        pos++;
        break;
      case 2:
        if (n <= pos + 1) throw new Error('snappy copy beyond the input');
        len = (c >>> 2) + 1;
        offset = input[pos] | (input[pos + 1] << 8);
        pos += 2;
        break;
      default:
        if (n <= pos + 3) throw new Error('snappy copy beyond the input');
        len = (c >>> 2) + 1;
        offset = input[pos] | (input[pos + 1] << 8) | (input[pos + 2] << 16) | (input[pos + 3] << 24);
        pos += 4;
    }
    if (offset <= 0 || offset > op) throw new Error('snappy copy offset out of range');
    if (op + len > length) throw new Error('snappy output beyond its length');
    const from = op - offset;
    if (offset >= 4) for (let k = 0; k < len; k += 4) outView.setUint32(op + k, outView.getUint32(from + k, true), true);
    else for (let k = 0; k < len; k++) output[op + k] = output[from + k];
    op += len;
  }
  if (op !== length) throw new Error('premature end of input');
}
