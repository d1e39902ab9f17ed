/**
 * Adverity on the command line: the façade over a file's events and a workspaces file, called
 * as the caller's workspace (`--scope`), its pages followed into one response.
 */
import type { Json } from '../vendor-cli.ts';
import { vendorCli } from '../vendor-cli.ts';
import { createAdverity, type Workspace } from './index.ts';

export const adverityCli = vendorCli({
  flags: [
    {
      name: 'workspaces',
      arg: 'FILE',
      help: 'Adverity workspaces JSON [{ id, name, parent_id }]',
      required: true,
      serve: true,
    },
    { name: 'scope', arg: 'ID', help: "Adverity caller's workspace id", required: true, serve: false },
  ],
  pages: true,
  // The façade checks columns and the workspace list (a TypeError naming the bad entry).
  build: ({ events, engine, now, columns, side }) =>
    createAdverity({
      events,
      engine,
      now,
      columns: columns as never,
      workspaces: (side.workspaces ?? []) as readonly Workspace[],
    }),
  async call(adverity, params, side, allPages) {
    const scope = scopeId(String(side.scope), side.workspaces);
    const first = await adverity.usage.list(params, { scope });
    if (!allPages) return first as unknown as Json;
    const items = [...first.items];
    for (let page = Number(params.page ?? 1) + 1; items.length < first.count; page++) {
      const next = await adverity.usage.list({ ...params, page: String(page) }, { scope });
      if (next.items.length === 0) break;
      items.push(...next.items);
    }
    return { items, count: first.count };
  },
  rows: (response) => response.items as Json[],
});

/** A numeric scope matches a numeric workspace id when the catalog uses numbers. */
function scopeId(scope: string, workspaces: unknown): string | number {
  const list = Array.isArray(workspaces) ? (workspaces as { id?: unknown }[]) : [];
  if (list.some((w) => w.id === scope)) return scope;
  const n = Number(scope);
  return scope.trim() !== '' && list.some((w) => w.id === n) ? n : scope;
}
