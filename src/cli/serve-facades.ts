/**
 * The façades `serve` builds over one event file: which façades a file's columns fit, and
 * building the chosen ones. The column types the file is read with are in ./vendor-columns.ts.
 */
import type { Engine, Events } from '../engine/engine.ts';
import { vendorOf, type Facades, type Vendor } from '../facades/vendors.ts';
import { createBoltz } from '../facades/boltz/index.ts';
import { createMiosa } from '../facades/miosa/index.ts';
import { createScenario, type ScenarioCatalogs } from '../facades/scenario/index.ts';
import { createAdverity, type Workspace } from '../facades/adverity/index.ts';
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

export interface BuildInput {
  /** The events: a table, or events from `engine.load`. */
  events: Events;
  engine: Engine;
  /** Scenario catalogs (`{ assets, collections, jobs, models, users }`). */
  catalogs?: ScenarioCatalogs;
  /** Adverity workspaces (`[{ id, name, parent_id }]`), checked by the façade. */
  workspaces?: readonly Workspace[];
}

/** Builds the chosen façades over the one events table (the same object for every request). */
export function buildFacades(vendors: readonly Vendor[], input: BuildInput): Facades {
  const { events, engine } = input;
  const facades: Facades = {};
  for (const vendor of vendors) {
    switch (vendor) {
      case 'boltz':
        facades.boltz = createBoltz({ events, engine });
        break;
      case 'miosa':
        facades.miosa = createMiosa({ events, engine });
        break;
      case 'scenario':
        facades.scenario = createScenario({ events, engine, catalogs: input.catalogs });
        break;
      case 'adverity':
        facades.adverity = createAdverity({ events, engine, workspaces: input.workspaces ?? [] });
        break;
    }
  }
  return facades;
}
