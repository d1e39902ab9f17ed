/**
 * The store's worker entry, run on the engine's pool threads (a task names this module): it
 * sorts a time column while the main thread encodes the other columns of the same events. The
 * arrays are in shared memory, so the answer hands back views, not copies.
 */
import { sortTimes, type SortedTimes } from '../sort.ts';

export interface SortTask {
  kind: 'sort';
  /** The instants in input order (consumed: used as scratch space). */
  time: Float64Array;
}

export default function run(task: SortTask): SortedTimes {
  return sortTimes(task.time, true);
}
