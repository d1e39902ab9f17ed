/**
 * Writing files: text streamed through node:fs (which Node, Deno and Bun all provide).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes text pieces to a file, creating its folder, waiting for the stream to drain when it
 * asks to, so a long output never piles up in memory.
 *
 * @example
 * await writeTextFile('out/rows.ndjson', rows.map((r) => JSON.stringify(r) + '\n'));
 */
export async function writeTextFile(path: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  for await (const piece of pieces) {
    if (!out.write(piece)) await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
  }
  await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
}
