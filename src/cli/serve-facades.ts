/**
 * The façades `serve` builds over one event file: which façades a file's columns fit, and
 * building the chosen ones through each vendor's hooks (`facades/<vendor>/cli.ts`). The column
 * types the file is read with are in ./vendor-columns.ts.
 */
import type { Engine, Events } from '../engine/engine.ts';
import type { LoadedEvents } from '../engine/store/events.ts';
import { cliOf } from '../facades/vendor-clis.ts';
import { vendorOf, type Facades, type Vendor } from '../facades/vendors.ts';
import { VENDORS } from './vendor-columns.ts';

export { VENDORS };

/**
 * The vendors whose event columns the table has (all the columns of one of the lists its
 * descriptor's `detect` gives), in registration order.
 */
export function vendorsFitting(columns: readonly string[]): Vendor[] {
  const have = new Set(columns);
  return VENDORS.filter((v) => vendorOf(v).detect.some((list: readonly string[]) => list.every((c) => have.has(c))));
}

/**
 * The columns an events object read with every vendor's column declared has of its own: every
 * declared column is there, with no values where the file lacks it, so a declared column counts
 * when some event has a value in it (one a file names but never fills does not).
 */
export function filledColumns(events: LoadedEvents, declared: Readonly<Record<string, unknown>>): string[] {
  return events.columnNames().filter((c) => !Object.hasOwn(declared, c) || events.hasValues(c));
}

/** The side files a vendor needs to be served that `side` lacks, as `--name FILE`. */
export function missingSide(vendor: Vendor, side: Readonly<Record<string, unknown>>): string[] {
  return cliOf(vendor)
    .flags.filter((f) => f.serve && f.required && side[f.name] === undefined)
    .map((f) => `--${f.name} ${f.arg}`);
}

export interface BuildInput {
  /** The events: a table, or events from `engine.load`. */
  events: Events;
  engine: Engine;
  /** The side files by flag name (`catalogs`, `workspaces`, …), each façade checking its own. */
  side: Readonly<Record<string, unknown>>;
}

/** Builds the chosen façades over the one events table (the same object for every request). */
export function buildFacades(vendors: readonly Vendor[], input: BuildInput): Facades {
  const { events, engine, side } = input;
  const facades: Record<string, unknown> = {};
  for (const vendor of vendors) facades[vendor] = cliOf(vendor).build({ events, engine, side });
  return facades as Facades;
}
