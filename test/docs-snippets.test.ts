/**
 * Every TypeScript snippet in README.md and docs/*.md, run as written: each is written to a file
 * of its own inside the repository (so `usage-aggregator` resolves to src/ through the `source`
 * condition, as the examples do), type-checked together, and run with `node --import tsx` from
 * the repository root. Snippets that need a ClickHouse server (they import @clickhouse/client)
 * are type-checked only. The shell snippets of docs/cli.md run too, in order, with
 * `usage-aggregator` the CLI from src/ (their outputs go to out/, removed afterwards).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = join(ROOT, 'test/.snippets');

interface Snippet {
  name: string;
  code: string;
  file: string;
}

function snippets(): Snippet[] {
  const docs = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const found: Snippet[] = [];
  for (const doc of docs) {
    const lines = readFileSync(join(ROOT, doc), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].trim() !== '```ts') continue;
      const start = i + 1;
      let end = start;
      while (end < lines.length && lines[end].trim() !== '```') end++;
      const name = `${doc}:${start}`;
      found.push({ name, code: lines.slice(start, end).join('\n'), file: join(DIR, `${doc.replace(/[/.]/g, '_')}_${start}.ts`) });
      i = end;
    }
  }
  return found;
}

function run(file: string, args: string[], timeout = 120_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: ROOT, timeout, maxBuffer: 16 << 20, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

const all = snippets();
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
// `export {}` makes each file a module of its own, so top-level names never clash.
for (const s of all) writeFileSync(s.file, `${s.code}\nexport {};\n`);
writeFileSync(join(DIR, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', include: ['*.ts'] }));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('documentation snippets', () => {
  it('finds the snippets', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it('type-check', async () => {
    const r = await run(process.execPath, [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(DIR, 'tsconfig.json'),
      '--noEmit',
    ]);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('run: the shell snippets of docs/cli.md', async () => {
    const text = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
    const blocks = [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThan(0);
    const script = [
      'set -euo pipefail',
      `usage-aggregator() { "${process.execPath}" --conditions=source --import tsx "${join(ROOT, 'src/cli/main.ts')}" "$@"; }`,
      ...blocks,
    ].join('\n');
    try {
      const r = await run('bash', ['-c', script], 300_000);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('▁'); // the table's sparklines
    } finally {
      rmSync(join(ROOT, 'out'), { recursive: true, force: true });
    }
  });

  for (const s of all.filter((x) => !x.code.includes('@clickhouse/client'))) {
    it(`run: ${s.name}`, async () => {
      const r = await run(process.execPath, ['--conditions=source', '--import', 'tsx', s.file]);
      expect(r.stderr).not.toMatch(/Error/);
      expect(r.code, r.stderr).toBe(0);
    });
  }
});
