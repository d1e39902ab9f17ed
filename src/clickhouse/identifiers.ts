/**
 * Identifiers (tables, columns) reach ClickHouse SQL only through this allow-list: a name is
 * letters, digits and underscores, not starting with a digit, and is always backquoted. Nothing
 * that could close the quote, start a comment or end the statement can pass, so no escaping is
 * needed and none is attempted.
 */
import { QueryError } from '../errors.ts';

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Output aliases the compiler uses; configured columns may not start with it. */
export const RESERVED_PREFIX = '__ua_';

/** Is `name` a plain identifier the SQL compiler accepts? */
export function isIdentifier(name: unknown): name is string {
  return typeof name === 'string' && IDENTIFIER.test(name) && !name.startsWith(RESERVED_PREFIX);
}

/**
 * `name` backquoted, after checking it against the allow-list.
 * @throws QueryError at `path` when the name is not a plain identifier.
 * @example quoteIdentifier('workspace_id') // '`workspace_id`'
 */
export function quoteIdentifier(name: string, path: (string | number)[] = ['column']): string {
  if (!isIdentifier(name)) {
    throw new QueryError([
      {
        path,
        message: `${JSON.stringify(name)} is not a plain identifier (letters, digits, _; not starting with a digit or ${RESERVED_PREFIX})`,
      },
    ]);
  }
  return `\`${name}\``;
}

/** Is `name` a table name the compiler accepts: `table` or `database.table`, each a plain identifier? */
export function isTableName(name: unknown): name is string {
  if (typeof name !== 'string') return false;
  const parts = name.split('.');
  return parts.length <= 2 && parts.every(isIdentifier);
}

/**
 * A table name, `table` or `database.table`, each part checked and backquoted.
 * @example quoteTable('usage.events') // '`usage`.`events`'
 */
export function quoteTable(name: string, field = 'table'): string {
  if (!isTableName(name)) {
    throw new QueryError([
      {
        path: [field],
        message: `${JSON.stringify(name)} is not a table name (table or database.table, each a plain identifier)`,
      },
    ]);
  }
  return name
    .split('.')
    .map((p) => `\`${p}\``)
    .join('.');
}
