/**
 * `npm run bench:serve [-- --seconds 5 --workers auto --skip-load --skip-figures]`: what serving
 * costs. In process: every façade request on the committed sample, window grids beside Temporal
 * at every date, queries over the cell cap, and paging a 1.61M-row Boltz result beside
 * recomputing per page (./figures.ts). Over HTTP, with autocannon against the sample server in
 * its own process: a mixed workload, cheap requests alone, and cheap requests while a client
 * loops on each vendor's heaviest legal request (./load.ts). Figures, not tests: medians on a
 * noisy machine; compare with the peer from the same run.
 */
import { parseArgs } from 'node:util';
import { cap, grids, paging, sampleRequests, type Figure } from './figures.ts';
import { loadWorkloads, startServer } from './load.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    workers: { type: 'string', default: 'auto' },
    'skip-load': { type: 'boolean', default: false },
    'skip-figures': { type: 'boolean', default: false },
    'skip-paging': { type: 'boolean', default: false },
  },
});
const f = (ms: number | undefined) => (ms === undefined ? '' : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

if (!args['skip-figures']) {
  const figures: Figure[] = [...(await sampleRequests()), ...(await grids()), ...(await cap())];
  if (!args['skip-paging']) figures.push(...(await paging(args.workers === 'auto' ? 'auto' : Number(args.workers))));
  console.log('\n| figure | ms (median) | peer | peer ms | note |\n|---|---:|---|---:|---|');
  for (const x of figures) console.log(`| ${x.figure} | ${f(x.ms)} | ${x.peer ?? ''} | ${f(x.peerMs)} | ${x.note ?? ''} |`);
}

if (!args['skip-load']) {
  const { url, child } = await startServer(args.workers);
  try {
    const rows = await loadWorkloads(url, Number(args.seconds));
    console.log('\n| workload (HTTP, autocannon) | req/s | p50 ms | p99 ms | non-2xx | errors |\n|---|---:|---:|---:|---:|---:|');
    for (const r of rows)
      console.log(`| ${r.workload} | ${r.reqPerSec.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`);
  } finally {
    child.kill('SIGTERM');
  }
}
