/**
 * What Boltz's schema says about values, worked out by hand: `quantity` is an integer, group
 * values are strings, and a column the events leave out reads as null.
 */
import { describe, expect, it } from 'vitest';
import { createBoltz } from '../../../src/facades/boltz/index.ts';
import { describeEachEngine, failure } from '../common/engines.ts';
import { hour } from './fixtures.ts';

describeEachEngine('boltz values', (engine) => {
  describe('quantity is an integer', () => {
    // Fractional quantities: each bucket's sum is rounded half away from zero, after summing.
    const FRACTIONAL = [
      { ts: '2026-04-01T00:10:00Z', workspace_id: 'w', application: 'adme', quantity: 0.7 },
      { ts: '2026-04-01T00:20:00Z', workspace_id: 'w', application: 'adme', quantity: 1.8 }, // 00h: 2.5 → 3
      { ts: '2026-04-01T01:10:00Z', workspace_id: 'w', application: 'adme', quantity: 1.25 }, // 01h: 1.25 → 1
      { ts: '2026-04-01T02:10:00Z', workspace_id: 'w', application: 'adme', quantity: -2.5 }, // 02h: −2.5 → −3
      { ts: '2026-04-01T03:10:00Z', workspace_id: 'w', application: 'adme', quantity: 0.1 },
      { ts: '2026-04-01T03:20:00Z', workspace_id: 'w', application: 'adme', quantity: 0.2 },
      { ts: '2026-04-01T03:30:00Z', workspace_id: 'w', application: 'adme', quantity: 0.2 }, // 03h: 0.5 → 1
    ];

    it('rounds each bucket sum half away from zero, never each event', async () => {
      const b = createBoltz({ events: FRACTIONAL, engine: engine() });
      const page = await b.admin.usage.list({
        starting_at: '2026-04-01T00:00:00Z',
        ending_at: '2026-04-01T04:00:00Z',
        window_size: 'HOUR',
      });
      expect(page.data.map((r) => r.quantity)).toEqual([3, 1, -3, 1]);
      const day = await b.admin.usage.list({
        starting_at: '2026-04-01T00:00:00Z',
        ending_at: '2026-04-02T00:00:00Z',
        window_size: 'DAY',
      });
      expect(day.data.map((r) => r.quantity)).toEqual([2]); // 2.5 + 1.25 − 2.5 + 0.5 = 1.75 → 2
    });
  });

  describe('columns the events leave out', () => {
    // Two events in the 00h window, with no workspace_id key at all; the second has no quantity.
    const LEFT_OUT = [
      { ts: '2026-04-01T00:10:00Z', application: 'adme', quantity: 2 },
      { ts: '2026-04-01T00:20:00Z', application: 'adme' },
    ];
    const SPELLED = LEFT_OUT.map((e) => ({ workspace_id: null, quantity: null, ...e }));
    const q = { starting_at: '2026-04-01T00:00:00Z', ending_at: '2026-04-01T01:00:00Z', window_size: 'HOUR' };

    it('read as null: group_by workspace_id gives the null workspace, whichever way records spell it', async () => {
      for (const events of [LEFT_OUT, SPELLED]) {
        const b = createBoltz({ events, engine: engine() });
        expect((await b.admin.usage.list({ ...q, group_by: 'workspace_id' })).data).toEqual([
          { ...hour('00'), quantity: 2, workspace_id: null },
        ]);
        // A filter on the column no event carries matches nothing; ungrouped windows stay zero-filled.
        expect((await b.admin.usage.list({ ...q, workspace_ids: 'ws-a' })).data).toEqual([{ ...hour('00'), quantity: 0 }]);
      }
    });

    it('a quantity column no event carries sums to 0', async () => {
      const events = [{ ts: '2026-04-01T00:10:00Z', workspace_id: 'w', application: 'adme' }];
      expect((await createBoltz({ events, engine: engine() }).admin.usage.list({ ...q, group_by: 'application' })).data).toEqual([
        { ...hour('00'), quantity: 0, application: 'adme' },
      ]);
    });
  });

  describe('group values are strings', () => {
    // 00h: ws 42 (number) 1 + ws "42" 2, ws 7 4, ws null 8; 01h: ws 42 16.
    const at = (ts: string, workspace_id: unknown, quantity: number) => ({ ts, workspace_id, application: 'adme', quantity });
    const EVENTS = [
      at('2026-04-01T00:10:00Z', 42, 1),
      at('2026-04-01T00:20:00Z', '42', 2),
      at('2026-04-01T00:30:00Z', 7, 4),
      at('2026-04-01T00:40:00Z', null, 8),
      at('2026-04-01T01:10:00Z', 42, 16),
    ];
    const q = { starting_at: '2026-04-01T00:00:00Z', ending_at: '2026-04-01T02:00:00Z', window_size: 'HOUR' };

    it('a number is its text; buckets that print alike are one, ordered as text, null last', async () => {
      const b = createBoltz({ events: EVENTS, engine: engine() });
      const page = await b.admin.usage.list({ ...q, group_by: ['workspace_id', 'application'] });
      expect(page.data).toEqual([
        { ...hour('00'), quantity: 3, application: 'adme', workspace_id: '42' },
        { ...hour('00'), quantity: 4, application: 'adme', workspace_id: '7' },
        { ...hour('00'), quantity: 8, application: 'adme', workspace_id: null },
        { ...hour('01'), quantity: 16, application: 'adme', workspace_id: '42' },
      ]);
      // Pages slice the merged rows.
      const first = await b.admin.usage.list({ ...q, group_by: 'workspace_id', limit: 2 });
      const second = await b.admin.usage.list({ ...q, group_by: 'workspace_id', limit: 2, page: first.next_page! });
      expect([...first.data, ...second.data].map((r) => [r.workspace_id, r.quantity])).toEqual([
        ['42', 3],
        ['7', 4],
        [null, 8],
        ['42', 16],
      ]);
    });

    it('workspace_ids=42 matches the events with 42 and with "42"', async () => {
      const page = await createBoltz({ events: EVENTS, engine: engine() }).admin.usage.list({ ...q, workspace_ids: '42' });
      expect(page.data.map((r) => r.quantity)).toEqual([3, 16]);
    });

    it('buckets that overflow only once merged are the vendor 500', async () => {
      const events = [at('2026-04-01T00:10:00Z', 42, 1e308), at('2026-04-01T00:20:00Z', '42', 1e308)];
      const e = await failure(createBoltz({ events, engine: engine() }).admin.usage.list({ ...q, group_by: 'workspace_id' }));
      expect(e).toEqual({ status: 500, body: { detail: expect.stringContaining('quantity overflows') } });
      expect((e.body as { detail: string }).detail).toContain('workspace_id "42"');
    });
  });
});
