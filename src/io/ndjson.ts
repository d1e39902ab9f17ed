/**
 * NDJSON (one JSON object per line) → raw batches. Blank lines are not rows. A line that is
 * not a JSON object is a malformed row; before raising it, the rows read before it are handed
 * on, so an earlier bad value is reported first.
 */
import { EventFileError } from './errors.ts';
import { textLines } from './text-lines.ts';
import type { ReaderContext } from './context.ts';
import type { RawBatch } from './types.ts';

class RowCollector {
  names: string[] = [];
  private index = new Map<string, number>();
  columns: unknown[][] = [];
  positions: number[] = [];
  skipped = 0;

  constructor(names: string[]) {
    for (const name of names) this.column(name);
  }

  private column(name: string): unknown[] {
    let c = this.index.get(name);
    if (c === undefined) {
      c = this.names.length;
      this.index.set(name, c);
      this.names.push(name);
      this.columns.push(new Array(this.positions.length).fill(null));
    }
    return this.columns[c];
  }

  add(record: Record<string, unknown>, line: number, keep: Set<string> | undefined): void {
    const i = this.positions.length;
    for (const key in record) {
      if (keep && !keep.has(key)) continue;
      const value = record[key];
      this.column(key)[i] = value === undefined ? null : value;
    }
    this.positions.push(line);
    for (const values of this.columns) if (values.length === i) values.push(null);
  }

  get size(): number {
    return this.positions.length;
  }

  batch(): RawBatch {
    return {
      names: this.names,
      rows: this.size,
      columns: this.columns,
      kind: 'line',
      positions: this.positions,
      firstRow: 0,
      skipped: this.skipped,
    };
  }
}

function parseLine(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's own wording differs between Node, Deno and Bun; the line number is what helps.
    return 'invalid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `expected a JSON object, found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`;
  }
  return value as Record<string, unknown>;
}

export async function* readNdjsonBatches(path: string, ctx: ReaderContext): AsyncGenerator<RawBatch> {
  const keep = ctx.columns ? new Set(ctx.columns) : undefined;
  let rows = new RowCollector([]);
  for await (const { text, line } of textLines(path)) {
    if (text.trim() === '') continue;
    const record = parseLine(text);
    if (typeof record === 'string') {
      const error = new EventFileError(ctx.file, { line }, record);
      if (!ctx.skipInvalid) {
        if (rows.size) yield rows.batch();
        throw error;
      }
      rows.skipped++;
      ctx.onInvalid?.(error);
      continue;
    }
    rows.add(record, line, keep);
    if (rows.size >= ctx.chunkRows) {
      yield rows.batch();
      rows = new RowCollector(rows.names);
    }
  }
  if (rows.size || rows.skipped) yield rows.batch();
}
