/**
 * A UTF-8 text file as chunks of decoded text, streamed with node:fs (which Node, Deno and Bun
 * all provide). A leading byte-order mark is dropped.
 */
import { createReadStream } from 'node:fs';

/** Decoded text chunks of about `highWaterMark` bytes each. */
export async function* textChunks(path: string, highWaterMark = 1 << 20): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark });
  let first = true;
  for await (const chunk of stream as AsyncIterable<string>) {
    if (first) {
      first = false;
      yield chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    } else yield chunk;
  }
}

/** Lines of a text file with their 1-based numbers; `\n` and `\r\n` both end a line. */
export async function* textLines(path: string): AsyncGenerator<{ text: string; line: number }> {
  let pending = '';
  let line = 0;
  for await (const chunk of textChunks(path)) {
    const text = pending + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { text: text.slice(start, end), line: ++line };
      start = nl + 1;
    }
    pending = text.slice(start);
  }
  if (pending !== '') yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, line: ++line };
}
