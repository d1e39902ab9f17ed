/**
 * CSV (RFC 4180, with a header row) → raw batches of strings. Types are not guessed: a
 * column stays text unless declared (`types`), so ids such as `"007"` keep their zeros.
 * Empty fields are null.
 */
import { EventFileError } from './errors.ts';
import { csvRecords } from './csv-records.ts';
import { textChunks } from './text-lines.ts';
import type { ReaderContext } from './context.ts';
import type { RawBatch } from './types.ts';

export interface CsvOptions {
  delimiter?: string;
}

export async function* readCsvBatches(path: string, ctx: ReaderContext, options: CsvOptions = {}): AsyncGenerator<RawBatch> {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new TypeError(`CSV delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`);
  }
  let header: string[] | null = null;
  let picked: number[] = [];
  let columns: unknown[][] = [];
  let positions: number[] = [];
  let skipped = 0;
  const batch = (): RawBatch => ({
    names: picked.map((c) => header![c]),
    rows: positions.length,
    columns,
    kind: 'line',
    positions,
    firstRow: 0,
    skipped,
  });
  const reset = () => {
    columns = picked.map(() => []);
    positions = [];
    skipped = 0;
  };

  for await (const record of csvRecords(textChunks(path), delimiter)) {
    let reason: string;
    if ('error' in record) reason = record.error;
    else if (header === null) {
      header = record.fields;
      const seen = new Set<string>();
      for (const name of header) {
        if (seen.has(name))
          throw new EventFileError(
            ctx.file,
            { line: record.line },
            `duplicate column name ${JSON.stringify(name)} in the header`,
          );
        seen.add(name);
      }
      const keep = ctx.columns ? new Set(ctx.columns) : undefined;
      picked = header.map((_, c) => c).filter((c) => !keep || keep.has(header![c]));
      reset();
      continue;
    } else if (record.fields.length !== header.length) {
      reason = `expected ${header.length} fields, found ${record.fields.length}`;
    } else {
      for (let k = 0; k < picked.length; k++) columns[k].push(record.fields[picked[k]]);
      positions.push(record.line);
      if (positions.length >= ctx.chunkRows) {
        yield batch();
        reset();
      }
      continue;
    }
    const error = new EventFileError(ctx.file, { line: record.line }, reason);
    if (!ctx.skipInvalid || header === null) {
      if (positions.length) yield batch();
      throw error;
    }
    skipped++;
    ctx.onInvalid?.(error);
  }
  if (positions.length || skipped) yield batch();
}
