/**
 * The scan worker entry: the engine's pool runs this module for scan tasks (piscina's per-task
 * `filename`), so the engine's own worker never loads the file readers.
 */
import { runTask, type ScanTask, type TaskResult } from './task.ts';

export default function scan(task: ScanTask): Promise<TaskResult> {
  return runTask(task);
}
