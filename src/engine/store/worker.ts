/**
 * The store's worker entry, run on the engine's pool threads (a task names this module): it
 * sorts a time column while the main thread encodes the other columns of the same events, and
 * runs the slices of the parallel time sort (../sort-parallel.ts). The arrays are in shared
 * memory, so the answers hand back views or small counts, not copies.
 */
import { rangeHistograms, rangeStats, scatterRange } from '../radix-range.ts';
import type { RadixTask } from '../sort-parallel.ts';
import { sortTimes } from '../sort.ts';

export type SortTask = Extract<RadixTask, { kind: 'sort' }>;

export default function run(task: RadixTask): unknown {
  return runRadixTask(task);
}

/** One task of a sort, here or on a worker. */
export function runRadixTask(task: RadixTask): unknown {
  switch (task.kind) {
    case 'sort':
      return sortTimes(task.time, true);
    case 'radix-stats':
      return rangeStats(task.keys, task.from, task.to);
    case 'radix-hist':
      return rangeHistograms(task.keys, task.from, task.to, task.min);
    case 'radix-scatter':
      return scatterRange(task);
  }
}
