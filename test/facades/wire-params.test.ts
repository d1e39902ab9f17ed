/**
 * The typed wire parameters: each vendor's own names type-check (checked by `npm run typecheck`,
 * which includes this file), a wrong value of a typed field does not, and the façades answer a
 * typed object as they answer the same wire object.
 */
import { describe, expect, it } from 'vitest';
import {
  createAdverity,
  createBoltz,
  createEngine,
  createMiosa,
  createScenario,
  type AdverityUsageParams,
  type BoltzListParams,
  type MiosaUsageParams,
  type ScenarioUsagesParams,
} from '../../src/index.ts';

const boltzParams: BoltzListParams = {
  starting_at: '2026-11-01T00:00:00Z',
  ending_at: '2026-11-03T00:00:00Z',
  window_size: 'DAY',
  group_by: ['application'],
};
const miosaParams: MiosaUsageParams = { period: 'custom', start: '2026-11-01', end: '2026-11-03', group_by: 'external_user_id' };
const scenarioParams: ScenarioUsagesParams = {
  start_date: '2026-11-01T00:00:00Z',
  end_date: '2026-11-03T00:00:00Z',
  type: ['usages'],
};
const adverityParams: AdverityUsageParams = { granularity: 'daily', date_from: '2026-11-01', workspace_id: ['w'] };
const wrongWindow: BoltzListParams = {
  starting_at: '2026-11-01T00:00:00Z',
  ending_at: '2026-11-03T00:00:00Z',
  // @ts-expect-error Boltz windows are HOUR or DAY
  window_size: 'WEEK',
};
// @ts-expect-error MIOSA has no 90d period
const wrongPeriod: MiosaUsageParams = { period: '90d' };

describe('typed wire parameters', () => {
  it('are answered as the same wire object is', async () => {
    const engine = createEngine({ workers: 0 });
    const boltz = createBoltz({
      events: [{ ts: '2026-11-01T10:00:00Z', workspace_id: 'w', application: 'adme', quantity: 2 }],
      engine,
    });
    expect(await boltz.admin.usage.list(boltzParams)).toEqual(await boltz.admin.usage.list({ ...boltzParams }));
    const miosa = createMiosa({ events: [], engine, now: () => new Date('2026-11-05T00:00:00Z') });
    expect((await miosa.usage.get(miosaParams)).results).toEqual([]);
    const scenario = createScenario({ events: [], engine });
    expect((await scenario.usages.list(scenarioParams)).usages?.length).toBeGreaterThan(0);
    const adverity = createAdverity({ events: [], engine, workspaces: [{ id: 'w', name: 'W', parent_id: null }] });
    expect(await adverity.usage.list(adverityParams, { scope: 'w' })).toEqual({ items: [], count: 0 });
    expect([wrongWindow.window_size, wrongPeriod.period]).toEqual(['WEEK', '90d']);
    await engine.close();
  });
});
