/**
 * The in-process half of `bench:serve`: what grids, the cell cap and paging cost, each beside
 * the peer it replaces (Temporal at every date; recomputing the query for every page).
 */
import * as aq from 'arquero';
import { Temporal } from 'temporal-polyfill';
import {
  createAdverity,
  createBoltz,
  createEngine,
  createFetchHandler,
  createMiosa,
  createScenario,
  type Query,
} from '../../src/index.ts';
import { buildGrid } from '../../src/engine/windows.ts';
import { loadSample, sampleNow as now } from '../../examples/sample.ts';
import { median, medianOf, time } from '../stats.ts';
import { CHEAP, HEADERS, HEAVY } from './requests.ts';

export interface Figure {
  figure: string;
  ms: number;
  peer?: string;
  peerMs?: number;
  note?: string;
}

const DAY = 86_400_000;
const YEAR_1 = -62_135_596_800_000; // 0001-01-01T00:00Z

/** Every façade request of requests.ts through the handler, in process: the median of 15. */
export async function sampleRequests(): Promise<Figure[]> {
  const engine = createEngine({ workers: 0 });
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
  });
  const out: Figure[] = [];
  for (const [kind, list] of [
    ['cheap', CHEAP],
    ['heaviest', HEAVY],
  ] as const) {
    for (const r of list) {
      const ms = await medianOf(15, async () => {
        const res = await handler(new Request(`http://bench${r.path}`, { headers: HEADERS[r.vendor] }));
        if (res.status !== 200) throw new Error(`${r.path}: ${res.status} ${await res.text()}`);
        await res.text();
      });
      out.push({
        figure: `${r.vendor} ${kind} request on the sample`,
        ms,
        note: r.path.length > 60 ? `${r.path.slice(0, 57)}…` : r.path,
      });
    }
  }
  await engine.close();
  return out;
}

/** Day grids: ours (arithmetic between transitions) beside Temporal at every date. */
export async function grids(): Promise<Figure[]> {
  const zone = 'America/New_York';
  const perDate = (from: number, to: number) => {
    let date = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(zone).toPlainDate();
    const out: number[] = [];
    for (;;) {
      const start = date.toZonedDateTime(zone).epochMilliseconds;
      out.push(start);
      if (start > to) return out;
      date = date.add({ days: 1 });
    }
  };
  const century = [Date.UTC(1926, 0, 1), Date.UTC(2026, 0, 1)] as const;
  const w = { kind: 'calendar', unit: 'day', timeZone: zone } as const;
  return [
    {
      figure: 'day grid, New York, 100 years (36,525 windows)',
      ms: await medianOf(5, () => buildGrid(w, ...century)),
      peer: 'Temporal per date',
      peerMs: await medianOf(3, () => perDate(...century)),
    },
    {
      figure: 'day grid, New York, year 1 to 2026 (740k windows)',
      ms: await medianOf(5, () => buildGrid(w, YEAR_1, Date.UTC(2026, 0, 1))),
    },
    {
      figure: 'day grid, UTC, year 1 to 2026 (740k windows)',
      ms: await medianOf(5, () => buildGrid({ ...w, timeZone: 'UTC' }, YEAR_1, Date.UTC(2026, 0, 1))),
    },
  ];
}

/** Queries over the cap, refused before any grid or buffer. */
export async function cap(): Promise<Figure[]> {
  const engine = createEngine({ workers: 0 });
  const events = [{ ts: 0, v: 1 }];
  const refused = async (query: Query) =>
    medianOf(15, () =>
      engine.aggregate(events, query).then(
        () => {
          throw new Error('not refused');
        },
        (e: Error) => {
          if (!/plans more than/.test(e.message)) throw e;
        },
      ),
    );
  const measures = { v: { op: 'sum' as const, column: 'v' } };
  const figures = [
    {
      figure: "`day` over 30,000 years, fill 'zero': refused",
      note: 'target ≤ 10 ms',
      ms: await refused({
        time: 'ts',
        window: 'day',
        timeZone: 'America/New_York',
        fill: 'zero',
        measures,
        range: { start: YEAR_1, end: YEAR_1 + 30_000 * 365.25 * DAY },
      }),
    },
    {
      figure: "`minute` over 38 years in New York, fill 'zero': refused",
      ms: await refused({
        time: 'ts',
        window: 'minute',
        timeZone: 'America/New_York',
        fill: 'zero',
        measures,
        range: { start: Date.UTC(1990, 0, 1), end: Date.UTC(2028, 0, 1) },
      }),
    },
    {
      figure: "`day` over 30,000 years, fill 'none', 1 event: answered",
      ms: await medianOf(15, () =>
        engine.aggregate(events, {
          time: 'ts',
          window: 'day',
          measures,
          range: { start: YEAR_1, end: YEAR_1 + 30_000 * 365.25 * DAY },
        }),
      ),
    },
  ];
  await engine.close();
  return figures;
}

/**
 * Paging a 1.61M-row Boltz result (744 hours × 361 workspaces × 6 applications, one event per
 * cell) in pages of 1,000: the whole walk beside one full query. The peer is what paging cost
 * before results were kept: every page recomputing the query (estimated as pages × one query).
 */
export async function paging(workers: number | 'auto'): Promise<Figure[]> {
  const apps = [
    'structure_and_binding',
    'small_molecule_design',
    'small_molecule_library_screen',
    'protein_design',
    'protein_library_screen',
    'adme',
  ];
  const hours = 744,
    spaces = 361,
    n = hours * spaces * apps.length;
  const t0 = Date.UTC(2026, 3, 1);
  const ts = new Float64Array(n),
    quantity = new Float64Array(n);
  const ws = new Array<string>(n),
    app = new Array<string>(n);
  for (let i = 0, h = 0; h < hours; h++) {
    for (let s = 0; s < spaces; s++) {
      for (let a = 0; a < apps.length; a++, i++) {
        ts[i] = t0 + h * 3_600_000 + 1_000;
        ws[i] = `ws-${s}`;
        app[i] = apps[a];
        quantity[i] = (i % 97) + 1;
      }
    }
  }
  const events = aq.table({ ts, workspace_id: ws, application: app, quantity });
  const engine = createEngine({ workers });
  const params = {
    starting_at: '2026-04-01T00:00:00Z',
    ending_at: '2026-05-02T00:00:00Z',
    window_size: 'HOUR',
    group_by: ['workspace_id', 'application'],
    limit: '1000',
  };
  // Encode the events once (cached on the table), so neither side below pays for it.
  await createBoltz({ events, engine }).admin.usage.list(params);
  const walks: number[] = [];
  let pages = 0,
    rows = 0;
  for (let run = 0; run < 2; run++) {
    const boltz = createBoltz({ events, engine });
    const { ms } = await time(async () => {
      pages = 0;
      rows = 0;
      let page: string | null = null;
      do {
        const res = await boltz.admin.usage.list(page ? { ...params, page } : params);
        pages++;
        rows += res.data.length;
        page = res.next_page;
      } while (page);
    });
    walks.push(ms);
  }
  // One full query: a fresh façade's first page (nothing kept).
  const full = await medianOf(3, () => createBoltz({ events, engine }).admin.usage.list(params));
  await engine.close();
  const walk = median(walks);
  return [
    { figure: `Boltz ${rows.toLocaleString('en-US')} rows: one full query (first page)`, ms: full },
    {
      figure: `Boltz ${rows.toLocaleString('en-US')} rows: all ${pages} pages of 1,000`,
      ms: walk,
      peer: 'every page recomputing (pages × one query)',
      peerMs: pages * full,
      note: `${(walk / full).toFixed(2)}× one full query (target ≤ 3×)`,
    },
  ];
}
