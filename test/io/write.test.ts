/**
 * writeTextFile: every piece lands in order, whether the pieces fill several batched writes or
 * not one, from a generator or an async stream, multi-byte characters included.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTextFile } from '../../src/io/write.ts';

const dir = mkdtempSync(join(tmpdir(), 'write-'));
const lines = (n: number) => Array.from({ length: n }, (_, i) => `{"row":${i},"name":"wörkspace ${'é'.repeat(i % 7)}🙂"}\n`);

describe('writeTextFile', () => {
  it('writes about 4 MB of short lines in order', async () => {
    const pieces = lines(80_000);
    const path = join(dir, 'a', 'many.ndjson');
    await writeTextFile(path, pieces);
    expect(readFileSync(path, 'utf8')).toBe(pieces.join(''));
  });

  it('writes a few pieces from an async stream, and nothing at all', async () => {
    const pieces = lines(3);
    const path = join(dir, 'few.ndjson');
    await writeTextFile(
      path,
      (async function* () {
        yield* pieces;
      })(),
    );
    expect(readFileSync(path, 'utf8')).toBe(pieces.join(''));
    await writeTextFile(join(dir, 'empty.txt'), []);
    expect(readFileSync(join(dir, 'empty.txt'), 'utf8')).toBe('');
  });
});
