/**
 * `recompute --facade`: building the vendor's façade, calling it (following pages on request)
 * and the rows its response lists for NDJSON and CSV output, through the vendor's own hooks
 * (`facades/<vendor>/cli.ts`). The column types its event file is read with are in ./vendor-columns.ts.
 */
import type { Engine, Events } from '../engine/engine.ts';
import { cliOf } from '../facades/vendor-clis.ts';
import type { Json } from '../facades/vendor-cli.ts';
import type { Params, VendorName } from './recompute-args.ts';

export interface FacadeRun {
  vendor: VendorName;
  /** The events: a table, or events from `engine.load`. */
  events: Events;
  engine: Engine;
  params: Params;
  now?: Date;
  columns?: Record<string, string>;
  /** The vendor's side flags by name (a FILE flag's parsed JSON). */
  side: Readonly<Record<string, unknown>>;
  allPages: boolean;
}

/** Calls the vendor's façade; rejects with its FacadeError, or a TypeError for bad options. */
export async function runFacade(run: FacadeRun): Promise<Json> {
  const cli = cliOf(run.vendor);
  const now = run.now;
  const facade = cli.build({
    events: run.events,
    engine: run.engine,
    now: now ? () => now : undefined,
    columns: run.columns,
    side: run.side,
  });
  return cli.call(facade, run.params, run.side, run.allPages);
}

/** The rows a response lists, for NDJSON and CSV: one per bucket, result, item or point. */
export function responseRows(vendor: VendorName, response: Json): Record<string, unknown>[] {
  return cliOf(vendor).rows(response);
}
