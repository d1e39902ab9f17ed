/**
 * Property: whatever ids are asked for, Adverity returns only items of the caller's subtree,
 * and with no filter every item of the subtree that has rows.
 */
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { createAdverity } from '../../../src/facades/adverity/index.ts';
import { describeEachEngine } from '../common/engines.ts';

const NOW = new Date('2026-06-19T08:00:00Z');
const JUNE = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;

interface Workspace {
  id: string;
  name: string;
  parent_id: string | null;
}

/** Workspace i's parent is null or an earlier workspace, so the catalog is a forest. */
const treeArb = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc
      .tuple(
        ...Array.from({ length: n }, (_, i) =>
          fc.option(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { nil: null, freq: 3 }),
        ),
      )
      .map((parents) =>
        parents.map((p, i): Workspace => ({ id: `w${i}`, name: `W${i}`, parent_id: i === 0 || p === null ? null : `w${p}` })),
      ),
  );

/** Is `id` the scope or beneath it? Walks up the parents, independently of the façade. */
function inSubtree(workspaces: Workspace[], id: string, scope: string): boolean {
  const parent = new Map(workspaces.map((w) => [w.id, w.parent_id]));
  for (let at: string | null | undefined = id; at != null; at = parent.get(at)) {
    if (at === scope) return true;
  }
  return false;
}

describeEachEngine('adverity properties', (engine) => {
  it('items come only from the subtree of the scope, whatever is asked', async () => {
    await fc.assert(
      fc.asyncProperty(
        treeArb.chain((workspaces) =>
          fc.record({
            workspaces: fc.constant(workspaces),
            scope: fc.constantFrom(...workspaces.map((w) => w.id), 'unknown'),
            events: fc.array(
              fc.record({
                ts: fc.integer({ min: JUNE - 5 * DAY, max: JUNE + 20 * DAY }),
                workspace_id: fc.constantFrom(...workspaces.map((w) => w.id), 'orphan'),
                datastream_id: fc.constantFrom('d1', 'd2', null),
                row_key: fc.constantFrom('r1', 'r2', 'r3'),
              }),
              { maxLength: 60 },
            ),
            asked: fc.option(fc.subarray([...workspaces.map((w) => w.id), 'orphan', 'unknown']), { nil: undefined }),
            granularity: fc.constantFrom('daily', 'monthly'),
          }),
        ),
        async ({ workspaces, scope, events, asked, granularity }) => {
          const adverity = createAdverity({ events, workspaces, engine: engine(), now: () => NOW });
          const params = { granularity, date_from: '2026-05-20', page_size: '100', ...(asked ? { workspace_id: asked } : {}) };
          const res = await adverity.usage.list(params, { scope });
          for (const it of res.items) {
            expect(inSubtree(workspaces, String(it.workspace_id), scope)).toBe(true);
            if (asked?.length) expect(asked).toContain(it.workspace_id);
          }
          if (!asked || asked.length === 0) {
            const end = Date.UTC(2026, 5, 19);
            const visible = new Set(
              events
                .filter((e) => e.ts >= Date.UTC(2026, 4, 20) && e.ts < end && inSubtree(workspaces, e.workspace_id, scope))
                .map((e) => e.workspace_id),
            );
            expect(new Set(res.items.map((i) => i.workspace_id))).toEqual(visible);
            expect(res.items.reduce((s, i) => s + i.total_rows, 0)).toBe(
              events.filter((e) => e.ts >= Date.UTC(2026, 4, 20) && e.ts < end && inSubtree(workspaces, e.workspace_id, scope))
                .length,
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
