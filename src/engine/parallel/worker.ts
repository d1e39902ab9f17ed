/**
 * The worker entry: run the shard it is handed. The task's arrays are views of shared memory,
 * so the results are already where the main thread reads them; the answer is just the windows.
 */
import { runShard } from '../kernel.ts';
import type { ShardDone, ShardTask } from './messages.ts';

export default function run(task: ShardTask): ShardDone {
  runShard(task);
  return { w0: task.w0, w1: task.w1 };
}
