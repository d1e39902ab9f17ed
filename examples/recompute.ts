/**
 * Offline recomputation: an hourly rollup of a Boltz event file (quantity and event count per
 * hour × workspace × application), computed chunk by chunk so the file never has to fit in
 * memory at once, and written as NDJSON.
 *
 *   node --conditions=source --import tsx examples/recompute.ts [events.ndjson|.csv|.arrow|.parquet] [out.ndjson]
 *   deno run -A examples/recompute.ts …      bun --conditions=source examples/recompute.ts …
 *
 * Sums and counts of chunks add up to the sums and counts of the file, so each chunk's rollup
 * is merged into one map keyed by (hour, workspace, application). (A distinct count would not
 * add up like this; for one, read the whole file with readEvents and aggregate once.)
 */
import { fileURLToPath } from 'node:url';
import { createEngine, type Query } from 'usage-aggregator';
import { readEventChunks, writeTextFile } from 'usage-aggregator/io';

const [input = fileURLToPath(new URL('./data/boltz.ndjson', import.meta.url)), output] = process.argv.slice(2);

const query: Query = {
  time: 'ts',
  window: 'hour',
  groupBy: ['workspace_id', 'application'],
  measures: { quantity: { op: 'sum', column: 'quantity' }, events: { op: 'count' } },
};

interface Cell {
  window_start: number;
  window_end: number;
  workspace_id: string;
  application: string;
  quantity: number;
  events: number;
}

const engine = createEngine({ workers: 0 });
const cells = new Map<string, Cell>();
let chunks = 0;
for await (const chunk of readEventChunks(input, { types: { ts: 'time', quantity: 'number' }, chunkRows: 1000 })) {
  chunks++;
  for (const row of (await engine.aggregate(chunk, query)).objects() as unknown as Cell[]) {
    const key = JSON.stringify([row.window_start, row.workspace_id, row.application]);
    const cell = cells.get(key);
    if (cell) {
      cell.quantity += row.quantity;
      cell.events += row.events;
    } else cells.set(key, { ...row });
  }
}
await engine.close();

// The engine's row order (window, then each group ascending), restored after merging.
const rows = [...cells.values()].sort(
  (a, b) => a.window_start - b.window_start || cmp(a.workspace_id, b.workspace_id) || cmp(a.application, b.application),
);
function cmp(a: string | null, b: string | null): number {
  return a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
}

const lines = rows.map(
  (r) =>
    JSON.stringify({
      hour: new Date(r.window_start).toISOString(),
      workspace_id: r.workspace_id,
      application: r.application,
      quantity: r.quantity,
      events: r.events,
    }) + '\n',
);
if (output) {
  await writeTextFile(output, lines);
  console.error(`${rows.length} hourly rows from ${chunks} chunks of ${input} → ${output}`);
} else {
  for (const line of lines) process.stdout.write(line);
}
