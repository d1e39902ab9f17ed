/**
 * Parquet row groups → chunks, through hyparquet: it decodes the columns asked for, and each
 * value then goes through the declared-type rules (int64s arrive as BigInt, timestamps as
 * Dates; both become exact numbers or the row is malformed).
 */
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type FileMetaData,
} from 'hyparquet';
import { type RowsScan, scanColumns } from './columnar.ts';
import type { Rules } from './rules.ts';

const parquetFiles = new Map<string, Promise<{ file: AsyncBuffer; metadata: FileMetaData }>>();

/** A Parquet file's buffer and metadata, read once per thread and path. */
export function openParquet(source: string | AsyncBuffer): Promise<{ file: AsyncBuffer; metadata: FileMetaData }> {
  if (typeof source !== 'string') return parquetMetadataAsync(source).then((metadata) => ({ file: source, metadata }));
  let p = parquetFiles.get(source);
  if (!p) {
    p = (async () => {
      const file = await asyncBufferFromFile(source);
      return { file, metadata: await parquetMetadataAsync(file) };
    })();
    parquetFiles.set(source, p);
    if (parquetFiles.size > 8) parquetFiles.delete(parquetFiles.keys().next().value!);
  }
  return p;
}

export function parquetColumns(metadata: FileMetaData, rules: Rules): string[] {
  return parquetSchema(metadata)
    .children.map((c) => c.element.name)
    .filter((name) => rules.rule(name) !== null);
}

/** Row group `group` of a Parquet file. */
export async function scanParquetGroup(source: string | AsyncBuffer, group: number, rules: Rules): Promise<RowsScan> {
  const { file, metadata } = await openParquet(source);
  const names = parquetColumns(metadata, rules);
  let start = 0;
  for (let g = 0; g < group; g++) start += Number(metadata.row_groups[g].num_rows);
  const rows = Number(metadata.row_groups[group].num_rows);
  const columns = names.map(() => new Array<unknown>(rows).fill(null));
  await parquetRead({
    file,
    metadata,
    columns: names,
    rowStart: start,
    rowEnd: start + rows,
    onChunk: ({ columnName, columnData, rowStart }) => {
      const target = columns[names.indexOf(columnName)];
      if (!target) return;
      for (let k = 0; k < columnData.length; k++) {
        const at = rowStart - start + k;
        if (at >= 0 && at < rows) target[at] = columnData[k];
      }
    },
  });
  return scanColumns(names, columns, rows, rules);
}
