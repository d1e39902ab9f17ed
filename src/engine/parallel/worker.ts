/**
 * The worker entry: run the shard it is handed. The task's arrays are views of shared memory,
 * so the results are already where the main thread reads them; the answer is just the windows.
 * (A discard task only brings arrays to be freed here; see `Pool.discard`.)
 */
import { runShard } from '../kernel.ts';
import type { DiscardTask, ShardDone, ShardTask } from './messages.ts';

export default function run(task: ShardTask | DiscardTask): ShardDone | null {
  // Moved here to be dropped: nothing to do (this thread frees them when it next collects garbage, or stops).
  if ('kind' in task) return null;
  runShard(task);
  return { w0: task.w0, w1: task.w1 };
}
