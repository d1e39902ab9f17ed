/**
 * Boltz sample events: `ts, workspace_id, application, quantity`. A few workspaces do most of
 * the work; library screens bill in large batches, single predictions in small ones.
 */
import { iso, sampleInstants, type Span } from './instants.ts';
import type { Random } from './random.ts';

// A type alias, not an interface: its rows are plain records the engine takes as they are.
export type BoltzEvent = {
  ts: string;
  workspace_id: string;
  application: string;
  quantity: number;
};

const APPLICATIONS = [
  'structure_and_binding',
  'small_molecule_design',
  'small_molecule_library_screen',
  'protein_design',
  'protein_library_screen',
  'adme',
] as const;
const APP_WEIGHTS = [35, 18, 8, 17, 5, 17];
/** Median billed quantity per event and its spread. */
const QUANTITY: Record<(typeof APPLICATIONS)[number], [number, number]> = {
  structure_and_binding: [4, 0.8],
  small_molecule_design: [12, 0.9],
  small_molecule_library_screen: [400, 1.0],
  protein_design: [6, 0.8],
  protein_library_screen: [250, 1.0],
  adme: [20, 0.7],
};

/** Weights falling off with rank, so a few ids dominate as in real tenants. */
export function zipfWeights(n: number, exponent = 1.1): number[] {
  return Array.from({ length: n }, (_, i) => 1 / (i + 1) ** exponent);
}

export function boltzEvents(random: Random, span: Span, count: number): BoltzEvent[] {
  const workspaces = Array.from({ length: 12 }, () => `ws_${random.hex(10)}`);
  const wsWeights = zipfWeights(workspaces.length);
  return sampleInstants(random, span, count).map((t) => {
    const application = random.weighted(APPLICATIONS, APP_WEIGHTS);
    const [median, sigma] = QUANTITY[application];
    return {
      ts: iso(t),
      workspace_id: random.weighted(workspaces, wsWeights),
      application,
      quantity: Math.max(1, Math.round(random.logNormal(median, sigma))),
    };
  });
}
