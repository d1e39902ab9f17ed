/**
 * The server `bench:serve` loads: the committed sample behind the four façades, served with
 * `serve()` on loopback, in its own process so the load generator does not share its thread.
 * Prints `listening <url>` on stdout once ready; stops on SIGTERM.
 *
 *   node --import tsx bench/serve/server.ts [--workers 0|N|auto]
 */
import { parseArgs } from 'node:util';
import {
  createAdverity,
  createBoltz,
  createEngine,
  createFetchHandler,
  createMiosa,
  createScenario,
  serve,
} from '../../src/index.ts';
import { loadSample, sampleNow as now } from '../../examples/sample.ts';

const { values } = parseArgs({ options: { workers: { type: 'string', default: 'auto' } } });
const engine = createEngine({ workers: values.workers === 'auto' ? 'auto' : Number(values.workers) });
const sample = await loadSample();
const root = sample.workspaces.find((w) => w.parent_id === null)!;
const handler = createFetchHandler({
  boltz: createBoltz({ events: sample.boltz.table, engine, now }),
  miosa: createMiosa({ events: sample.miosa.table, engine, now }),
  scenario: createScenario({ events: sample.scenario.table, catalogs: sample.catalogs, engine, now }),
  adverity: createAdverity({ events: sample.adverity.table, workspaces: sample.workspaces, engine, now }),
  auth: {
    boltz: { apiKeys: ['bk_example'] },
    miosa: { apiKeys: ['msk_example'] },
    scenario: { credentials: [{ key: 'example', secret: 'example-secret' }] },
    adverity: { tokens: { tok_example: root.id } },
  },
  onError: (error) => console.error(error),
});
const server = await serve(handler, { port: 0 });
console.log(`listening ${server.url}`);
process.once('SIGTERM', async () => {
  await server.close();
  await engine.close();
  process.exit(0);
});
