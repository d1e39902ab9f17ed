// A consumer's TypeScript, type-checked against the installed package under moduleResolution
// nodenext and bundler: the root and subpath types resolve, and the vendors' wire parameters
// type-check under their own names.
import { createEngine, type Query } from 'usage-aggregator';
import { createBoltz } from 'usage-aggregator/facades/boltz';
import { createMiosa } from 'usage-aggregator/facades/miosa';
import { createScenario } from 'usage-aggregator/facades/scenario';
import { createAdverity } from 'usage-aggregator/facades/adverity';
import { readEvents, type ReadOptions } from 'usage-aggregator/io';
import { generateSample } from 'usage-aggregator/sample';
import { clickhouseSource, connectClickHouse } from 'usage-aggregator/clickhouse';

const engine = createEngine({ workers: 0 });
const query: Query = { time: 'ts', window: 'day', measures: { n: { op: 'count' } } };
const events = generateSample({ days: 2 }).boltz;
const table = await engine.aggregate(events, query);
const first: number = table.numRows();

const boltz = createBoltz({ events, engine });
const page = await boltz.admin.usage.list({ window_size: 'DAY', starting_at: '2026-11-01T00:00:00Z', ending_at: '2026-11-02T00:00:00Z' });
const more: boolean = page.has_more;
const miosa = createMiosa({ events: [], engine });
await miosa.usage.get({ period: '30d', group_by: 'external_user_id' });
const scenario = createScenario({ events: [], engine });
await scenario.usages.list({ timeRange: 'last-seven-days', type: 'usages' });
const adverity = createAdverity({ events: [], engine, workspaces: [] });
await adverity.usage.list({ granularity: 'monthly', date_from: '2026-10-01' }, { scope: 'w' });

const options: ReadOptions = { types: { ts: 'time' } };
void readEvents;
void clickhouseSource;
void connectClickHouse;
export { first, more, options };
