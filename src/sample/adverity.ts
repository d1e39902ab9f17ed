/**
 * Adverity sample: processed rows (`ts, workspace_id, datastream_id, row_key`) and the
 * workspace tree they belong to. Datastreams re-fetch overlapping date ranges, so a row key
 * often comes back (unique rows < total rows); manual uploads have no datastream.
 */
import { zipfWeights } from './boltz.ts';
import { iso, sampleInstants, type Span } from './instants.ts';
import type { Random } from './random.ts';

// A type alias, not an interface: its rows are plain records the engine takes as they are.
export type AdverityEvent = {
  ts: string;
  workspace_id: string;
  datastream_id: string | null;
  row_key: string;
};

export interface AdverityWorkspace {
  id: string;
  name: string;
  parent_id: string | null;
}

/** Name and parent (by index into this list) of each workspace: a group with two regions. */
const TREE: [string, number | null][] = [
  ['Acme Group', null],
  ['Acme EU', 0],
  ['Acme US', 0],
  ['EU Marketing', 1],
  ['EU Sales', 1],
  ['US Marketing', 2],
  ['Acme Labs', 0],
];

export function adveritySample(
  random: Random,
  span: Span,
  count: number,
): { events: AdverityEvent[]; workspaces: AdverityWorkspace[] } {
  const ids = TREE.map(() => random.uuid());
  const workspaces = TREE.map(([name, parent], i) => ({ id: ids[i], name, parent_id: parent === null ? null : ids[parent] }));
  // Leaves and regions own datastreams; the group root only receives manual uploads.
  const streams = Array.from({ length: 11 }, (_, i) => ({
    id: random.uuid(),
    workspace: ids[1 + (i % (ids.length - 1))],
    keys: [] as string[],
  }));
  const streamWeights = zipfWeights(streams.length, 0.8);

  const events = sampleInstants(random, span, count).map((t): AdverityEvent => {
    if (random.chance(0.08)) {
      return { ts: iso(t), workspace_id: random.pick(ids), datastream_id: null, row_key: `upload_${random.hex(10)}` };
    }
    const stream = random.weighted(streams, streamWeights);
    let key: string;
    if (stream.keys.length && random.chance(0.3)) key = random.pick(stream.keys);
    else stream.keys.push((key = `row_${random.hex(10)}`));
    return { ts: iso(t), workspace_id: stream.workspace, datastream_id: stream.id, row_key: key };
  });
  return { events, workspaces };
}
