// A consumer's TypeScript, type-checked against the installed package under moduleResolution
// nodenext and bundler: the root and subpath types resolve, and the vendors' wire parameters
// type-check under their own names.
import { createEngine, type Query } from 'usage-aggregator';
import { createBoltz, type BoltzListParams } from 'usage-aggregator/facades/boltz';
import { createMiosa, type MiosaUsageParams } from 'usage-aggregator/facades/miosa';
import { createScenario, type ScenarioUsagesParams } from 'usage-aggregator/facades/scenario';
import { createAdverity, type AdverityUsageParams } from 'usage-aggregator/facades/adverity';
import { readEvents, type ReadOptions } from 'usage-aggregator/io';
import { generateSample } from 'usage-aggregator/sample';
import { clickhouseSource, connectClickHouse } from 'usage-aggregator/clickhouse';

const engine = createEngine({ workers: 0 });
const query: Query = { time: 'ts', window: 'day', measures: { n: { op: 'count' } } };
const events = generateSample({ days: 2 }).boltz;
const table = await engine.aggregate(events, query);
const first: number = table.numRows();

const boltz = createBoltz({ events, engine });
const page = await boltz.admin.usage.list({
  window_size: 'DAY',
  starting_at: '2026-11-01T00:00:00Z',
  ending_at: '2026-11-02T00:00:00Z',
});
const more: boolean = page.has_more;
const miosa = createMiosa({ events: [], engine });
await miosa.usage.get({ period: '30d', group_by: 'external_user_id' });
const scenario = createScenario({ events: [], engine });
await scenario.usages.list({ timeRange: 'last-seven-days', type: 'usages' });
const adverity = createAdverity({ events: [], engine, workspaces: [] });
await adverity.usage.list({ granularity: 'monthly', date_from: '2026-10-01' }, { scope: 'w' });

const typed: BoltzListParams = {
  starting_at: new Date(),
  ending_at: '2026-11-02T00:00:00Z',
  window_size: 'HOUR',
  'group_by[]': ['workspace_id'],
};
await boltz.admin.usage.list(typed);
const miosaTyped: MiosaUsageParams = { period: '7d' };
const scenarioTyped: ScenarioUsagesParams = { time_range: 'last-day' };
const adverityTyped: AdverityUsageParams = { page_size: 10 };
// @ts-expect-error Boltz windows are HOUR or DAY
const wrong: BoltzListParams = { starting_at: '', ending_at: '', window_size: 'WEEK' };

const options: ReadOptions = { types: { ts: 'time' } };
void readEvents;
void clickhouseSource;
void connectClickHouse;
export { first, more, options, miosaTyped, scenarioTyped, adverityTyped, wrong };
