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

/** The line every read ends with on stderr: `read FILE: N rows, N skipped, X MB in S s (R MB/s)`. */
export const SUMMARY_LINE = /^read .+: [\d,]+ rows, [\d,]+ skipped, \d+\.\d MB in \d+\.\d\d s \(\d+ MB\/s\)$/;

/** stderr without the read's summary line, which is checked here to be there exactly once. */
export function withoutSummary(stderr: string): string {
  const lines = stderr.split('\n');
  const at = lines.findIndex((l) => SUMMARY_LINE.test(l.replace(/^[\s\S]*\r/, '')));
  if (at < 0) return stderr;
  if (lines.slice(at + 1).some((l) => SUMMARY_LINE.test(l))) throw new Error(`two summary lines in ${stderr}`);
  // What came before the summary on its line (a cleared progress line) joins the line after it.
  const before = lines[at].replace(/[^\r]*$/, '');
  return [...lines.slice(0, at), before + (lines[at + 1] ?? ''), ...lines.slice(at + 2)].join('\n');
}

/** recompute in-process; `stderr` leaves out the summary line (in `summary` when printed). */
export async function recompute(argv: string[], tty = false): Promise<Run & { summary: boolean }> {
  let stdout = '';
  let stderr = '';
  const code = await runRecompute(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: tty },
  });
  const rest = withoutSummary(stderr);
  return { code, stdout, stderr: rest, summary: rest !== stderr };
}

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

/** `node --import tsx src/cli/main.ts …` as a user runs it. */
export function spawnCli(argv: string[]): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...argv], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: withoutSummary(r.stderr) };
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
