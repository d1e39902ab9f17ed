/**
 * MIOSA sample events: one metered record each — a sandbox session, a computer session or a
 * storage tick — priced in credit cents. Metrics a record does not meter are left out (the
 * façade reads a missing metric as 0); some records carry no user or project.
 */
import { zipfWeights } from './boltz.ts';
import { iso, sampleInstants, type Span } from './instants.ts';
import type { Random } from './random.ts';

// A type alias, not an interface: its rows are plain records the engine takes as they are.
export type MiosaEvent = {
  ts: string;
  workspace_id: string;
  external_user_id: string | null;
  external_project_id: string | null;
  sandbox_seconds?: number;
  computer_seconds?: number;
  storage_gb_hours?: number;
  credit_cents: number;
};

/** Cents per vCPU-second and per GiB-hour. */
const PRICE = { sandbox: 0.0125, computer: 0.02, storage: 2.4 };

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function miosaEvents(random: Random, span: Span, count: number): MiosaEvent[] {
  const workspaces = Array.from({ length: 3 }, () => `mws_${random.hex(8)}`);
  const users = Array.from({ length: 24 }, () => `user_clinic_${random.int(10, 999)}`);
  const projects = Array.from({ length: 9 }, () => `proj_${random.hex(6)}`);
  const userWeights = zipfWeights(users.length, 0.9);
  // Each user works mostly in one workspace and a couple of projects.
  const home = new Map(users.map((u) => [u, random.pick(workspaces)]));
  const usual = new Map(users.map((u) => [u, [random.pick(projects), random.pick(projects)]]));

  return sampleInstants(random, span, count).map((t) => {
    const user = random.chance(0.05) ? null : random.weighted(users, userWeights);
    const event: MiosaEvent = {
      ts: iso(t),
      workspace_id: user ? home.get(user)! : random.pick(workspaces),
      external_user_id: user,
      external_project_id: random.chance(0.1) ? null : user ? random.pick(usual.get(user)!) : random.pick(projects),
      credit_cents: 0,
    };
    const kind = random.weighted(['sandbox', 'computer', 'storage'] as const, [60, 25, 15]);
    if (kind === 'storage') {
      // Quarter hours add up exactly in binary floating point.
      event.storage_gb_hours = Math.max(0.25, Math.round(random.logNormal(3, 0.7) * 4) / 4);
      event.credit_cents = round(event.storage_gb_hours * PRICE.storage, 4);
    } else {
      const seconds = Math.max(30, Math.round(random.logNormal(kind === 'sandbox' ? 900 : 1800, 0.9)));
      if (kind === 'sandbox') event.sandbox_seconds = seconds;
      else event.computer_seconds = seconds;
      event.credit_cents = round(seconds * PRICE[kind], 4);
    }
    return event;
  });
}
