import { describe, expect, it } from 'vitest';
import { EVENTS, ndjson, recompute, tempFiles } from './helpers.ts';

const file = tempFiles();
const events = file('boltz.ndjson', ndjson(EVENTS));
const query = file(
  'query.json',
  JSON.stringify({ time: 'ts', window: 'day', measures: { total: { op: 'sum', column: 'quantity' } } }),
);
const USAGE_START = 'usage: usage-aggregator recompute --input FILE';

async function usageError(argv: string[], message: string): Promise<void> {
  const r = await recompute(argv);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.startsWith(`recompute: ${message}\n${USAGE_START}`), r.stderr).toBe(true);
}

describe('recompute argument errors (exit 2, with the usage)', () => {
  it('rejects missing or conflicting modes', async () => {
    await usageError(['--input', events], 'give exactly one of --facade NAME and --query FILE');
    await usageError(
      ['--input', events, '--facade', 'boltz', '--query', query],
      'give exactly one of --facade NAME and --query FILE',
    );
    await usageError(['--input', events, '--query', query, '--params', '{}'], '--params goes with --facade, not --query');
    await usageError(['--input', events, '--facade', 'boltz', '--catalogs', query], '--catalogs is for --facade scenario');
    await usageError(
      ['--input', events, '--facade', 'miosa', '--scope', 'x'],
      '--workspaces and --scope are for --facade adverity',
    );
    await usageError(
      ['--input', events, '--facade', 'adverity', '--scope', 'x'],
      '--facade adverity needs --workspaces FILE and --scope ID',
    );
    await usageError(['--input', events, '--facade', 'miosa', '--all-pages'], '--all-pages is for --facade boltz or adverity');
  });

  it('rejects bad values', async () => {
    await usageError(
      ['--input', events, '--facade', 'stripe'],
      '--facade must be one of boltz, miosa, scenario, adverity, got "stripe"',
    );
    await usageError(
      ['--input', events, '--query', query, '--format', 'xml'],
      '--format must be one of ndjson, csv, arrow, parquet, got "xml"',
    );
    await usageError(
      ['--input', events, '--query', query, '--output', 'xml'],
      '--output must be one of json, ndjson, csv, table, got "xml"',
    );
    await usageError(
      ['--input', events, '--query', query, '--workers', 'two'],
      '--workers must be a non-negative integer or auto, got "two"',
    );
    await usageError(
      ['--input', events, '--facade', 'boltz', '--now', '2026-11-20'],
      '--now must be an ISO-8601 date-time with Z or an offset, got "2026-11-20"',
    );
    await usageError(
      ['--input', events, '--facade', 'boltz', '--params', '{window_size:DAY}'],
      '--params is not valid JSON: {window_size:DAY}',
    );
    await usageError(['--input', events, '--facade', 'boltz', '--params', '["DAY"]'], '--params must be a JSON object');
    await usageError(
      ['--input', events, '--facade', 'boltz', '--params', '{"limit":{"n":1}}'],
      '--params limit: values must be strings, numbers, booleans or lists of strings',
    );
    await usageError(
      ['--input', events, '--facade', 'boltz', '--columns', '{"ts":1}'],
      '--columns values must be column names (strings)',
    );
    await usageError(['--input', events, '--query', query, '--bogus'], 'unknown flag --bogus');
  });

  it('prints the usage on stdout for --help', async () => {
    const r = await recompute(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(USAGE_START)).toBe(true);
  });
});

describe('recompute input errors (exit 3)', () => {
  const fails = async (argv: string[], message: string) => {
    const r = await recompute([...argv, '--workers', '0']);
    expect([r.code, r.stderr]).toEqual([3, `recompute: ${message}\n`]);
  };

  it('names the input, side file or query that cannot be used', async () => {
    await fails(['--input', '/nonexistent/e.ndjson', '--query', query], '--input /nonexistent/e.ndjson: cannot read (ENOENT)');
    await fails(['--input', events, '--query', '/nonexistent/q.json'], '--query /nonexistent/q.json: cannot read (ENOENT)');
    const notJson = file('q.txt', 'time: ts');
    await fails(['--input', events, '--query', notJson], `--query ${notJson}: not valid JSON`);
    const list = file('q-list.json', '[]');
    await fails(['--input', events, '--query', list], `--query ${list}: must be a JSON object (an engine query)`);
    const txt = file('events.txt', ndjson(EVENTS));
    await fails(['--input', txt, '--query', query], `cannot tell the format of ${txt} from its extension; give --format`);
  });

  it('names an --out file it cannot write, without hanging where a folder cannot be made', async () => {
    await fails(
      ['--input', events, '--query', query, '--out', '/dev/null/rows.json'],
      '--out /dev/null/rows.json: cannot write (ENOTDIR)',
    );
    // /proc refuses new folders with ENOENT, under which Node's recursive mkdir never returns.
    if (process.platform === 'linux') {
      await fails(
        ['--input', events, '--query', query, '--out', '/proc/nope/rows.json'],
        '--out /proc/nope/rows.json: cannot write (ENOENT)',
      );
    }
  });

  it('reports a bad query as the engine words it', async () => {
    const bad = file('bad-window.json', JSON.stringify({ time: 'ts', window: 'fortnight', measures: {} }));
    await fails(
      ['--input', events, '--query', bad],
      "window: must be one of minute, hour, day, week, month, quarter, year, none, a duration like '5m', '6h', '1d', or { minutes: 90 }",
    );
  });

  it('reports a façade option the command line got wrong', async () => {
    await fails(
      ['--input', events, '--facade', 'boltz', '--columns', '{"colour":"c"}'],
      "createBoltz: columns: unknown column 'colour' (known: ts, workspace_id, application, quantity)",
    );
  });
});

describe('recompute --skip-invalid and progress', () => {
  const mixed = file('mixed.ndjson', ndjson(EVENTS.slice(0, 3)) + 'not json\n{"ts":"2026-11-02T01:00:00Z","quantity":"lots"}\n');

  it('skips malformed rows, says how many and which, and aggregates the rest', async () => {
    const r = await recompute(['--input', mixed, '--query', query, '--workers', '0', '--skip-invalid']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `skipped 2 malformed rows of ${mixed}:\n  ${mixed}:4: invalid JSON\n  ${mixed}:5: non-numeric value in column "quantity": "lots"\n`,
    );
    expect(JSON.parse(r.stdout).map((row: { total: number }) => row.total)).toEqual([5, 5]);
  });

  it('draws progress on a terminal and clears it; a summary line either way', async () => {
    const tty = await recompute(['--input', events, '--query', query, '--workers', '0'], true);
    expect(tty.stderr).toMatch(
      new RegExp(`^\\rreading ${events}: \\d+%, 5 rows, \\d+ MB/s, ETA \\d+\\.\\d s, \\d+\\.\\d s\\r +\\r$`),
    );
    expect(tty.summary).toBe(true);
    const pipe = await recompute(['--input', events, '--query', query, '--workers', '0'], false);
    expect([pipe.stderr, pipe.summary]).toEqual(['', true]);
  });
});
