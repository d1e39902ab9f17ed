/**
 * Each vendor's event columns with the types an event file is read with (docs/cli.md; the types
 * are the vendor descriptors'), and the columns a file leaves out filled in as null. `recompute`
 * and `serve` both read files this way.
 */
import type { ColumnTable } from 'arquero';
import type { ColumnType } from '../io/index.ts';
import { VENDOR_NAMES, VENDORS as DESCRIPTORS, type Vendor } from '../facades/vendors.ts';

/** The vendors the commands know, in the order they report them. */
export const VENDORS: readonly Vendor[] = VENDOR_NAMES;

/** Each vendor's event columns, under the façade's logical names; ids stay text. */
export const VENDOR_COLUMN_TYPES: Readonly<Record<Vendor, Readonly<Record<string, ColumnType>>>> = Object.fromEntries(
  DESCRIPTORS.map((v) => [v.name, v.columns]),
) as Record<string, Readonly<Record<string, ColumnType>>> as Record<Vendor, Readonly<Record<string, ColumnType>>>;

/**
 * The column types for one vendor or several, under the user's column names (`columns` maps a
 * logical name to the file's). No column has two types across vendors, so one file holding
 * several vendors' events is read with all of theirs.
 *
 * @example
 * vendorTypes('boltz', { workspace_id: 'ws' });
 * // { ts: 'time', ws: 'string', application: 'string', quantity: 'number' }
 */
export function vendorTypes(
  vendors: Vendor | readonly Vendor[],
  columns: Record<string, string> = {},
): Record<string, ColumnType> {
  const types: Record<string, ColumnType> = {};
  for (const vendor of typeof vendors === 'string' ? [vendors] : vendors) {
    for (const [logical, type] of Object.entries(VENDOR_COLUMN_TYPES[vendor])) types[columns[logical] ?? logical] = type;
  }
  return types;
}

/**
 * The table with every column of the given vendors present: a file may leave out a column no
 * row of it uses (an NDJSON writer dropping nulls, a MIOSA export without storage, a Scenario
 * one without discounts), and the façades read each of their columns. Added columns are all
 * null; a table that already has them all is returned as is.
 *
 * @example
 * const events = withVendorColumns(['miosa'], table); // credit_cents etc. added if absent
 */
export function withVendorColumns(
  vendors: Vendor | readonly Vendor[],
  table: ColumnTable,
  columns: Record<string, string> = {},
): ColumnTable {
  const have = new Set(table.columnNames());
  const missing = Object.keys(vendorTypes(vendors, columns)).filter((name) => !have.has(name));
  if (missing.length === 0) return table;
  const n = table.numRows();
  return table.assign(Object.fromEntries(missing.map((name) => [name, new Array(n).fill(null)])));
}
