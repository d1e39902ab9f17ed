/**
 * Parquet → raw batches, one row group at a time (hyparquet reads only that group's column
 * chunks), split into chunks of `chunkRows`. Memory holds one row group at a time.
 * INT64 values arrive as BigInt and timestamps as Dates; the column rules turn them into
 * numbers (exactly, or the row is malformed).
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { EventFileError } from './errors.ts';
import type { ReaderContext } from './context.ts';
import type { RawBatch } from './types.ts';

export async function* readParquetBatches(path: string, ctx: ReaderContext): AsyncGenerator<RawBatch> {
  const file = await asyncBufferFromFile(path);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw new EventFileError(ctx.file, {}, `not a Parquet file (${(e as Error).message})`);
  }
  const names = parquetSchema(metadata)
    .children.map((child) => child.element.name)
    .filter((name) => !ctx.columns || ctx.columns.includes(name));
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows);
    const columns = new Map<string, unknown[]>(names.map((n) => [n, new Array(groupRows).fill(null)]));
    try {
      await parquetRead({
        file,
        metadata,
        columns: names,
        rowStart: groupStart,
        rowEnd: groupStart + groupRows,
        onChunk: ({ columnName, columnData, rowStart }) => {
          const target = columns.get(columnName);
          if (!target) return;
          for (let k = 0; k < columnData.length; k++) {
            const at = rowStart - groupStart + k;
            if (at >= 0 && at < groupRows) target[at] = columnData[k];
          }
        },
      });
    } catch (e) {
      throw new EventFileError(ctx.file, { row: groupStart + 1 }, `cannot decode Parquet row group: ${(e as Error).message}`);
    }
    const all = names.map((n) => columns.get(n)!);
    for (let start = 0; start < groupRows; start += ctx.chunkRows) {
      const rows = Math.min(ctx.chunkRows, groupRows - start);
      const slice = rows === groupRows ? all : all.map((c) => c.slice(start, start + rows));
      yield { names, rows, columns: slice, kind: 'row', positions: [], firstRow: groupStart + start + 1, skipped: 0 };
    }
    groupStart += groupRows;
  }
}
