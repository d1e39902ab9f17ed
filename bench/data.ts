/**
 * Seeded benchmark events: N events over `days` days, 1,000 workspace ids,
 * 6 applications, quantity 1–100, row ids with 100k distinct values. Rows come in random
 * time order, as events collected from many producers do, so the engine's first query pays
 * its time sort.
 */
export interface BenchEvents {
  n: number;
  start: number;
  end: number;
  ts: Float64Array;
  workspace: string[];
  application: string[];
  quantity: Float64Array;
  rowId: Float64Array;
}

export const APPLICATIONS = [
  'structure_and_binding',
  'small_molecule_design',
  'small_molecule_library_screen',
  'protein_design',
  'protein_library_screen',
  'adme',
];

/** mulberry32: small, fast, good enough for benchmark data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generate(n: number, days: number, seed = 42, start = Date.UTC(2026, 0, 1)): BenchEvents {
  const rand = prng(seed);
  const span = days * 86_400_000;
  const workspaces = Array.from({ length: 1000 }, (_, i) => `ws_${String(i).padStart(4, '0')}`);
  const ts = new Float64Array(n),
    quantity = new Float64Array(n),
    rowId = new Float64Array(n);
  const workspace = new Array<string>(n),
    application = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    ts[i] = start + Math.floor(rand() * span);
    workspace[i] = workspaces[Math.floor(rand() * 1000)];
    application[i] = APPLICATIONS[Math.floor(rand() * 6)];
    quantity[i] = 1 + Math.floor(rand() * 100);
    rowId[i] = Math.floor(rand() * 100_000);
  }
  return { n, start, end: start + span, ts, workspace, application, quantity, rowId };
}
