/**
 * The workspace tree and what a caller may see of it: the scope workspace and everything
 * beneath it. Built once per façade; a scope's subtree is walked once and remembered.
 */
import { z } from 'zod';

export type WorkspaceId = string | number;

export interface Workspace {
  id: WorkspaceId;
  name: string;
  parent_id: WorkspaceId | null;
}

const idSchema = z.union([z.string(), z.number()]);
const workspacesSchema = z.array(
  z.object({
    id: idSchema,
    name: z.string(),
    parent_id: idSchema.nullable().optional(),
  }),
);

export interface WorkspaceTree {
  /** The scope workspace and all its descendants, in catalog order; empty for an unknown scope. */
  visible(scope: WorkspaceId): readonly WorkspaceId[];
  name(id: WorkspaceId): string | undefined;
}

/**
 * @throws TypeError when `workspaces` is not a list of `{ id, name, parent_id }`.
 * @example
 * const tree = workspaceTree([{ id: 'a', name: 'A', parent_id: null }, { id: 'b', name: 'B', parent_id: 'a' }]);
 * tree.visible('a') // ['a', 'b']
 */
export function workspaceTree(workspaces: readonly Workspace[]): WorkspaceTree {
  const parsed = workspacesSchema.safeParse(workspaces);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`createAdverity: workspaces[${issue.path.join('].')}: ${issue.message}`);
  }
  const names = new Map<WorkspaceId, string>();
  const children = new Map<WorkspaceId, WorkspaceId[]>();
  for (const w of parsed.data) {
    names.set(w.id, w.name);
    const parent = w.parent_id ?? null;
    if (parent === null) continue;
    const list = children.get(parent);
    if (list) list.push(w.id);
    else children.set(parent, [w.id]);
  }
  const order = new Map(parsed.data.map((w, i) => [w.id, i]));
  const cache = new Map<WorkspaceId, readonly WorkspaceId[]>();

  function visible(scope: WorkspaceId): readonly WorkspaceId[] {
    const known = cache.get(scope);
    if (known) return known;
    if (!names.has(scope)) return [];
    const seen = new Set<WorkspaceId>();
    const stack = [scope];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue; // a cycle in parent_id must not loop
      seen.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    const ids = [...seen].sort((a, b) => order.get(a)! - order.get(b)!);
    cache.set(scope, ids);
    return ids;
  }

  return { visible, name: (id) => names.get(id) };
}
