/**
 * One folder of the system's temporary folder for a whole test run: every temporary file and
 * folder the tests make (and the processes they start make) goes in it, through TMPDIR, which
 * `os.tmpdir()` reads on every call and the test processes inherit. It is removed when the run
 * ends, so runs leave nothing behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const outer = process.env.TMPDIR;
  const folder = mkdtempSync(join(tmpdir(), 'ua-test-'));
  process.env.TMPDIR = folder;
  return () => {
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    rmSync(folder, { recursive: true, force: true });
  };
}
