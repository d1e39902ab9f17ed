/** `--input -` (standard input) and `.gz` inputs read the same rows as the plain file. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runRecompute } from '../../src/cli/recompute.ts';
import { EVENTS, ndjson, recompute, tempFiles, withoutSummary } from './helpers.ts';

const file = tempFiles();
const text = ndjson(EVENTS);
const events = file('boltz.ndjson', text);
const query = file(
  'q.json',
  JSON.stringify({ time: 'ts', window: 'day', measures: { total: { op: 'sum', column: 'quantity' } } }),
);
const csv = 'ts,quantity\n' + EVENTS.map((e) => `${e.ts},${e.quantity}`).join('\n') + '\n';

/** recompute with `stdin` as its standard input, delivered in small blocks. */
async function withStdin(argv: string[], stdin: Uint8Array) {
  let stdout = '';
  let stderr = '';
  const blocks = async function* () {
    for (let i = 0; i < stdin.length; i += 7) yield stdin.subarray(i, i + 7);
  };
  const code = await runRecompute([...argv, '--workers', '0'], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: blocks(),
  });
  return { code, stdout, stderr: withoutSummary(stderr) };
}

describe('recompute inputs', async () => {
  const expected = (await recompute(['--input', events, '--query', query, '--workers', '0'])).stdout;
  it('the plain file gives daily totals (worked by hand: 5, 6, 4)', () => {
    expect(JSON.parse(expected).map((r: { total: number }) => r.total)).toEqual([5, 6, 4]);
  });

  it('reads standard input as NDJSON by default, or as --format says', async () => {
    expect(await withStdin(['--input', '-', '--query', query], Buffer.from(text))).toEqual({
      code: 0,
      stdout: expected,
      stderr: '',
    });
    expect(await withStdin(['--input', '-', '--format', 'csv', '--query', query], Buffer.from(csv))).toEqual({
      code: 0,
      stdout: expected,
      stderr: '',
    });
  });

  it('decompresses gzip on standard input and .gz files (format from the name beneath)', async () => {
    expect(await withStdin(['--input', '-', '--query', query], gzipSync(text))).toEqual({
      code: 0,
      stdout: expected,
      stderr: '',
    });
    const gz = file('boltz.ndjson.gz', '');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(gz, gzipSync(text));
    expect(await recompute(['--input', gz, '--query', query, '--workers', '0'])).toEqual({
      code: 0,
      stdout: expected,
      stderr: '',
      summary: true,
    });
    const gzCsv = file('boltz.csv.gz', '');
    writeFileSync(gzCsv, gzipSync(csv));
    expect(await recompute(['--input', gzCsv, '--query', query, '--workers', '0'])).toEqual({
      code: 0,
      stdout: expected,
      stderr: '',
      summary: true,
    });
  });

  it('names - or the .gz path in row errors, and rejects what is not gzip (exit 3)', async () => {
    const bad = await withStdin(['--input', '-', '--query', query], Buffer.from(`${text}{"ts":"soon","quantity":1}\n`));
    expect(bad).toEqual({
      code: 3,
      stdout: '',
      stderr: 'recompute: -:6: bad time in column "ts": "soon" (expected epoch ms or ISO-8601 with Z or an offset)\n',
    });
    const skipped = await withStdin(
      ['--input', '-', '--query', query, '--skip-invalid'],
      Buffer.from(`${text}{"ts":"soon","quantity":1}\n`),
    );
    expect([skipped.code, skipped.stderr.split('\n').slice(0, 2)]).toEqual([
      0,
      [
        'skipped 1 malformed row of -:',
        '  -:6: bad time in column "ts": "soon" (expected epoch ms or ISO-8601 with Z or an offset)',
      ],
    ]);
    const notGzip = file('plain.ndjson.gz', text);
    const r = await recompute(['--input', notGzip, '--query', query, '--workers', '0']);
    expect([r.code, r.stderr]).toEqual([3, `recompute: --input ${notGzip}: not valid gzip (incorrect header check)\n`]);
    const absent = `${notGzip}-absent.ndjson.gz`;
    const missing = await recompute(['--input', absent, '--query', query, '--workers', '0']);
    expect([missing.code, missing.stderr]).toEqual([3, `recompute: --input ${absent}: cannot read (ENOENT)\n`]);
    const unknown = await recompute(['--input', file('x.gz', ''), '--query', query, '--workers', '0']);
    expect([unknown.code, unknown.stderr]).toEqual([
      3,
      `recompute: cannot tell the format of ${file('x.gz', '')} from its extension; give --format\n`,
    ]);
  });
});
