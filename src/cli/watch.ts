/**
 * `serve --watch`: follows a growing NDJSON file and appends its new lines to the served events
 * as they arrive. The file is read up to its last complete line when serving starts, and from
 * that exact byte on afterwards, so no line is read twice or skipped; a line still being written
 * (no newline yet) waits for the next look. The file is looked at every `intervalMs` (250 ms), so
 * an appended event shows within about that long plus the append itself.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { LoadedEvents } from '../engine/store/events.ts';

/** The byte just after the file's last newline among its first `size` bytes (0 when there is none). */
export async function completeLines(path: string, size: number): Promise<number> {
  const file = await open(path, 'r');
  try {
    const buf = new Uint8Array(64 * 1024);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - buf.length);
      const { bytesRead } = await file.read(buf, 0, end - start, start);
      for (let i = bytesRead - 1; i >= 0; i--) if (buf[i] === 0x0a) return start + i + 1;
      end = start;
    }
    return 0;
  } finally {
    await file.close();
  }
}

/** The file's bytes `[start, end)` as a stream of chunks. */
export function byteRange(path: string, start: number, end: number): AsyncIterable<Uint8Array> {
  if (end <= start) return (async function* () {})();
  return createReadStream(path, { start, end: end - 1 }) as AsyncIterable<Uint8Array>;
}

export interface Follower {
  stop(): Promise<void>;
}

/**
 * Appends the lines written to `path` after byte `from` to `events`, until stopped. Malformed
 * lines are skipped and reported through `log` (the server keeps serving what is good).
 *
 * @example
 * const follower = follow('events.ndjson', offset, events, console.error);
 * // … later
 * await follower.stop();
 */
export function follow(
  path: string,
  from: number,
  events: LoadedEvents,
  log: (line: string) => void,
  intervalMs = 250,
): Follower {
  let offset = from;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const look = async () => {
    const { size } = await stat(path);
    if (size < offset) {
      log(`serve --watch: ${path} shrank to ${size} bytes; following from its new end`);
      offset = await completeLines(path, size);
      return;
    }
    if (size === offset) return;
    const end = await completeLines(path, size);
    if (end <= offset) return;
    const r = await events.append(byteRange(path, offset, end), { format: 'ndjson', name: path, skipInvalid: true });
    offset = end;
    if (r.skipped > 0) log(`serve --watch: ${r.skipped} malformed line(s) of ${path} skipped`);
  };
  const timer = setInterval(() => {
    if (stopped || busy) return;
    busy = true;
    running = look()
      .catch((error: unknown) => log(`serve --watch: ${(error as Error).message}`))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
