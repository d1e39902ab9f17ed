/**
 * Column mapping: a façade reads its logical columns (`ts`, `workspace_id`, …) from whatever
 * the user's events call them, so a user's own event schema works without copying data.
 */
import { z } from 'zod';

/** Logical column name → the user's column name. Unmapped columns keep their logical name. */
export type ColumnMapping<L extends string> = Partial<Record<L, string>>;

/**
 * Resolves a façade's columns. Unknown logical names and two logical columns read from the
 * same user column are programming errors (TypeError), reported when the façade is created.
 *
 * @example
 * resolveColumns('createBoltz', ['ts', 'workspace_id'], { workspace_id: 'ws' })
 * // { ts: 'ts', workspace_id: 'ws' }
 */
export function resolveColumns<L extends string>(
  facade: string,
  logical: readonly L[],
  columns: ColumnMapping<L> | undefined,
): Record<L, string> {
  const shape = Object.fromEntries(logical.map((name) => [name, z.string().min(1).optional()]));
  const parsed = z.strictObject(shape).safeParse(columns ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const what =
      issue.code === 'unrecognized_keys'
        ? `unknown column ${issue.keys.map((k) => `'${k}'`).join(', ')} (known: ${logical.join(', ')})`
        : `column '${issue.path.join('.')}' must be a non-empty string`;
    throw new TypeError(`${facade}: columns: ${what}`);
  }
  const mapped = parsed.data as Partial<Record<L, string>>;
  const out = {} as Record<L, string>;
  const seen = new Map<string, L>();
  for (const name of logical) {
    const column = mapped[name] ?? name;
    const other = seen.get(column);
    if (other !== undefined) throw new TypeError(`${facade}: columns: '${other}' and '${name}' both read column '${column}'`);
    seen.set(column, name);
    out[name] = column;
  }
  return out;
}
