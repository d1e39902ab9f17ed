/**
 * Reading a page of rows out of a result table. `table.array(name)` copies the whole column
 * through a per-row callback, so a page read that way cost the whole result again — 80 ms a
 * page of a 90k-row result; a page must cost the page. An engine result is an unfiltered,
 * unordered table, so its column is read in place.
 */
import type { ColumnTable } from 'arquero';

/**
 * The value of column `name` at a row of the table, without copying the column.
 *
 * @example
 * const start = columnAt(table, 'window_start');
 * start(0); // 1775001600000
 */
export function columnAt(table: ColumnTable, name: string): (row: number) => unknown {
  const column = typeof table.isFiltered === 'function' && !table.isFiltered() && !table.isOrdered() ? table.column(name) : null;
  // A column built from an array or typed array is that array: index it (faster than `at`).
  if (Array.isArray(column) || ArrayBuffer.isView(column)) {
    const values = column as unknown as ArrayLike<unknown>;
    return (row) => values[row];
  }
  if (column) return (row) => column.at(row);
  const values = table.array(name) as ArrayLike<unknown>;
  return (row) => values[row];
}
