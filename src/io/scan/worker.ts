/**
 * The scan worker entry: the engine's pool runs this module for scan tasks (piscina's per-task
 * `filename`), so the engine's own worker never loads the file readers.
 *
 * A warm-up task only makes a thread started early load this module (see ../../cli/prestart.ts).
 *
 * The chunk's arrays are moved to the main thread, not copied or shared: once moved, they are
 * the main thread's alone, and freed as soon as the store has gathered them (memory shared with
 * an idle worker lingers until that worker collects garbage, which it may never do).
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { chunkStats } from '../../engine/store/stats.ts';
import { runTask, type ScanTask, type TaskResult } from './task.ts';

/** Does nothing: running it makes a thread load this module (and the scanners), ready for its first scan. */
export interface WarmTask {
  kind: 'warm';
}

export default async function scan(task: ScanTask | WarmTask): Promise<TaskResult | null> {
  if (task.kind === 'warm') return null;
  const result = await runTask(task);
  // The rows' summary is made here, on this thread, so the first query's checks cost the calling thread nothing.
  if (result.chunk.n > 0) result.chunk.stats = chunkStats(result.chunk);
  const buffers = new Set<ArrayBuffer>();
  const add = (a: Float64Array | Int32Array) => {
    if (a.buffer instanceof ArrayBuffer && a.buffer.byteLength > 0) buffers.add(a.buffer);
  };
  add(result.chunk.time);
  for (const c of result.chunk.columns.values()) add(c.kind === 'number' ? c.values : c.codes);
  // Typed as the result: piscina hands the main thread the value, with the buffers moved.
  return move({ [transferableSymbol]: [...buffers], [valueSymbol]: result }) as unknown as TaskResult;
}
