/**
 * The scan worker entry: the engine's pool runs this module for scan tasks (piscina's per-task
 * `filename`), so the engine's own worker never loads the file readers.
 *
 * A warm-up task only makes a thread started early load this module (see ../../cli/prestart.ts).
 * A pull task runs many scan tasks, taking them from a shared counter (./pull.ts).
 *
 * The chunk's arrays are moved to the main thread, not copied or shared: once moved, they are
 * the main thread's alone, and freed as soon as the store has gathered them (memory shared with
 * an idle worker lingers until that worker collects garbage, which it may never do).
 */
import { movableBuffers } from '../../engine/store/chunk.ts';
import { moved } from './move.ts';
import { type Pulled, pullTasks, type PullTask } from './pull.ts';
import { runTask, type ScanTask, type TaskResult } from './task.ts';

// The first buffer a thread detaches (moving a chunk's arrays is one) makes V8 throw away every
// optimized function that reads a typed array: that code assumed no buffer had ever been
// detached. Done at the end of a thread's first scan task, it sent that thread's second task back
// to unoptimized code, recompiling the readers again: one buffer detached here, before any scan
// code is optimized, makes the first optimization the one that stays. On the ingest benchmark's
// Arrow file (2 threads, 39 record batches) the threads' first two tasks went from about 60 + 70
// ms to 60 + 35 ms, their later ones unchanged at about 8 ms.
{
  const scrap = new ArrayBuffer(8);
  structuredClone(scrap, { transfer: [scrap] });
}

/** Does nothing: running it makes a thread load this module (and the scanners), ready for its first scan. */
export interface WarmTask {
  kind: 'warm';
}

export default async function scan(task: ScanTask | WarmTask | PullTask): Promise<TaskResult | Pulled[] | null> {
  if (task.kind === 'warm') return null;
  if (task.kind === 'pull') {
    const pulled = await pullTasks(task, runTask);
    const buffers = new Set<ArrayBuffer>();
    for (const p of pulled) if ('result' in p) movableBuffers(p.result.chunk, buffers);
    return (await moved(pulled, [...buffers])) as Pulled[];
  }
  const result = await runTask(task);
  // Typed as the result: piscina hands the main thread the value, with the buffers moved.
  return (await moved(result, [...movableBuffers(result.chunk, new Set())])) as TaskResult;
}
