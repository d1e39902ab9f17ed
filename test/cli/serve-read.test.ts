/**
 * `serve --input` reads through `engine.load` (the parallel scanners). It must find the same
 * façades and the same events as the row reader it replaced (`readEvents` with every vendor's
 * column types, missing vendor columns filled with null): checked on the sample files and on
 * random files, with aggregates over every column, and its errors still name the file and line.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Events } from '../../src/engine/engine.ts';
import type { Query } from '../../src/engine/types.ts';
import { runServe } from '../../src/cli/serve.ts';
import { filledColumns, vendorsFitting } from '../../src/cli/serve-facades.ts';
import { VENDORS, vendorTypes, withVendorColumns } from '../../src/cli/vendor-columns.ts';
import { readEvents } from '../../src/io/index.ts';

const engine = createEngine({ workers: 0 });
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serve-read-'));
});
afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

const declared = vendorTypes(VENDORS);

/**
 * What the old path made of a file: the table façades were built over, and the vendors it
 * fitted. One difference, on purpose: a column counts for fitting only when some row has a value
 * in it (the old path also counted a column the file names but never fills).
 */
async function oldPath(path: string) {
  const { table } = await readEvents(path, { types: declared });
  const filled = table.columnNames().filter((c) => (table.array(c) as unknown[]).some((v) => v !== null && v !== undefined));
  const vendors = vendorsFitting(filled);
  return { events: vendors.length ? withVendorColumns(vendors, table) : table, vendors };
}

/** The new path, as serve takes it: loaded with every vendor column declared, present columns those with a value. */
async function newPath(path: string) {
  const events = await engine.load(path, { columns: declared });
  return { events, vendors: vendorsFitting(filledColumns(events, declared)) };
}

/** Per hour and every text column: the count and the sum, min and max of every number column. */
async function summary(events: Events, names: string[]) {
  const numbers = names.filter((c) => declared[c] === 'number');
  const groups = names.filter((c) => c !== 'ts' && declared[c] !== 'number');
  const measures: Query['measures'] = { n: { op: 'count' } };
  for (const c of numbers) {
    measures[`sum_${c}`] = { op: 'sum', column: c };
    measures[`min_${c}`] = { op: 'min', column: c };
    measures[`max_${c}`] = { op: 'max', column: c };
  }
  const q: Query = { time: 'ts', window: 'hour', groupBy: groups, measures, missingColumns: 'null' };
  return (await engine.aggregate(events, q)).objects();
}

async function same(path: string) {
  const before = await oldPath(path);
  const after = await newPath(path);
  expect(after.vendors).toEqual(before.vendors);
  const names = [...new Set([...Object.keys(declared)].filter((c) => c !== 'ts'))];
  expect(await summary(after.events, ['ts', ...names])).toEqual(await summary(before.events, ['ts', ...names]));
  return before.vendors;
}

describe('serve --input reads what the row reader read', () => {
  it('on the sample files', async () => {
    for (const vendor of ['boltz', 'miosa', 'scenario', 'adverity']) {
      expect(await same(new URL(`../../examples/data/${vendor}.ndjson`, import.meta.url).pathname)).toContain(vendor);
    }
  });

  it('on random NDJSON and CSV files (keys left out, nulls, numbers as text)', async () => {
    const id = fc.constantFrom('a', 'b', 'ws_1', '007', 'é😀');
    const qty = fc.oneof(fc.integer({ min: -5, max: 100 }), fc.constantFrom(2.5, 0, null));
    const row = fc.record(
      {
        ts: fc.integer({ min: 0, max: 3 * 86_400_000 }).map((ms) => new Date(Date.UTC(2026, 3, 1) + ms).toISOString()),
        workspace_id: id,
        application: id,
        quantity: qty,
        sandbox_seconds: qty,
        action: id,
        creative_units: qty,
        extra: id,
      },
      { requiredKeys: ['ts'] },
    );
    let k = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), fc.boolean(), async (rows, csv) => {
        const path = join(dir, `r${k++}.${csv ? 'csv' : 'ndjson'}`);
        if (csv) {
          const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
          const cell = (v: unknown) => (v === undefined || v === null ? '' : String(v));
          await writeFile(
            path,
            [names.join(','), ...rows.map((r) => names.map((c) => cell((r as Record<string, unknown>)[c])).join(','))].join(
              '\n',
            ) + '\n',
          );
        } else await writeFile(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
        await same(path);
      }),
      { numRuns: 25 },
    );
  });

  it('the one difference the docs name: an undeclared NDJSON integer beyond 2^53 is rounded by the row reader, kept as text by the scanners', async () => {
    const path = join(dir, 'big.ndjson');
    await writeFile(path, '{"ts":"2026-04-01T00:00:00Z","big":12345678901234567890}\n');
    const { table } = await readEvents(path, { types: { ts: 'time' } });
    expect(table.array('big')).toEqual([12345678901234567000]);
    expect((await engine.load(path)).values('big')).toEqual(['12345678901234567890']);
  });

  it('a malformed row stops serve with the file and line, exit 3', async () => {
    const path = join(dir, 'bad.ndjson');
    await writeFile(
      path,
      '{"ts":"2026-04-01T00:00:00Z","workspace_id":"a","application":"x","quantity":1}\n{"ts":"soon","workspace_id":"a","application":"x","quantity":1}\n',
    );
    const log: string[] = [];
    const code = await runServe(['--input', path, '--port', '0', '--workers', '0'], {
      stderr: { write: (t: string) => log.push(t) },
      stdout: { write: () => {} },
    });
    expect(code).toBe(3);
    expect(log.join('')).toBe(
      `serve: ${path}:2: bad time in column "ts": "soon" (expected epoch ms or ISO-8601 with Z or an offset)\n`,
    );
    // With --watch the file is read up to its last complete line, and the error still names it.
    const watched: string[] = [];
    const again = await runServe(['--input', path, '--port', '0', '--workers', '0', '--watch'], {
      stderr: { write: (t: string) => watched.push(t) },
      stdout: { write: () => {} },
    });
    expect(again).toBe(3);
    expect(watched.join('')).toBe(log.join(''));
  });
});
