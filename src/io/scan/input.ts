/**
 * What a scan can read: a path (`.gz` decompressed on the way in, the format from the extension
 * beneath it), a web `ReadableStream`, a Node stream, or any `AsyncIterable<Uint8Array>` (stdin,
 * an HTTP body). Everything but a plain path becomes a stream of byte blocks here.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { type EventFormat, FORMAT_EXTENSIONS } from '../types.ts';
import type { Readable } from 'node:stream';

export type ScanInput = string | ReadableStream<Uint8Array> | Readable | AsyncIterable<Uint8Array>;

/**
 * The format a file name implies (looking beneath a `.gz`), or null.
 * @example formatFromPath('events.jsonl.gz') // 'ndjson'
 */
export function formatFromPath(path: string): EventFormat | null {
  const ext = /\.([^./\\]+)$/.exec(path.replace(/\.gz$/i, ''))?.[1]?.toLowerCase();
  return (ext && FORMAT_EXTENSIONS[ext]) || null;
}

export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path);
}

function isWebStream(input: unknown): input is ReadableStream<Uint8Array> {
  return typeof input === 'object' && input !== null && typeof (input as ReadableStream).getReader === 'function';
}

async function* fromWeb(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** A byte stream with a running count of the input bytes consumed (compressed bytes for `.gz`). */
export interface ByteSource {
  blocks: AsyncIterable<Uint8Array>;
  consumed(): number;
}

export function byteSource(input: Exclude<ScanInput, string> | { gzipPath: string }): ByteSource {
  if ('gzipPath' in input) {
    const file = createReadStream(input.gzipPath);
    const gunzip = file.pipe(createGunzip());
    file.on('error', (e) => gunzip.destroy(e));
    return { blocks: gunzip as AsyncIterable<Uint8Array>, consumed: () => file.bytesRead };
  }
  let n = 0;
  const raw: AsyncIterable<Uint8Array> = isWebStream(input) ? fromWeb(input) : (input as AsyncIterable<Uint8Array>);
  if (typeof (raw as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] !== 'function') {
    throw new TypeError('scan input must be a path, a ReadableStream, a Node stream or an AsyncIterable of bytes');
  }
  return {
    blocks: (async function* () {
      for await (const block of raw) {
        const bytes = typeof block === 'string' ? new TextEncoder().encode(block) : block;
        n += bytes.byteLength;
        yield bytes;
      }
    })(),
    consumed: () => n,
  };
}
