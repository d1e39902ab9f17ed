/** Running the CLI in tests: in-process with captured streams, or as a real process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRecompute } from '../../src/cli/recompute.ts';

export function tempFiles(): (name: string, text: string) => string {
  const dir = mkdtempSync(join(tmpdir(), 'ua-cli-'));
  return (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function recompute(argv: string[], tty = false): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runRecompute(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: tty },
  });
  return { code, stdout, stderr };
}

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

/** `node --import tsx src/cli/main.ts …` as a user runs it. */
export function spawnCli(argv: string[]): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...argv], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Five hand-made Boltz events over three UTC days. */
export const EVENTS = [
  { ts: '2026-11-01T10:00:00Z', workspace_id: 'ws_a', application: 'adme', quantity: 3 },
  { ts: '2026-11-01T23:59:59.999Z', workspace_id: 'ws_b', application: 'protein_design', quantity: 2 },
  { ts: '2026-11-02T00:00:00Z', workspace_id: 'ws_a', application: 'adme', quantity: 5 },
  { ts: '2026-11-02T05:00:00+02:00', workspace_id: 'ws_b', application: 'adme', quantity: 1 },
  { ts: '2026-11-03T12:00:00Z', workspace_id: 'ws_a', application: 'protein_design', quantity: 4 },
];
export const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
