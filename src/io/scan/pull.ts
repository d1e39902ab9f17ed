/**
 * A file's scan tasks pulled by the threads themselves, instead of handed out one by one.
 *
 * Handing out tasks one at a time needs this thread's event loop between every two tasks: a
 * thread that finishes one waits until this thread hears of it and sends the next. While this
 * thread is busy (the command line loads most of its code while its threads scan), every thread
 * that finishes a task sits idle until it is free again. On the ingest benchmark's Arrow file the
 * two threads each waited about 40 ms for their first task and again for their second.
 *
 * Here each thread runs a pull task instead: it takes the next task's number from a counter in
 * shared memory, runs it, and takes the next, until none is left that it may take or it has run
 * for `budgetMs`; then it hands back everything it read. This thread only starts pull tasks
 * again (one per thread while tasks are left) and hands the results on in task order.
 *
 * How far the threads may read ahead of the consumer is bounded: a task may be taken only while
 * its number is below the limit, which the consumer raises as it takes results (`ahead` tasks
 * past the last one taken). So memory stays bounded as with one task at a time.
 *
 * The counter, the limit and a stop flag live in one shared `Int32Array` (the board). Tasks are
 * taken in order, so when a task fails every task before it has been taken by some thread and
 * will be reported; setting the stop flag then only stops the tasks after it.
 *
 * The calling thread may take tasks from the same board (`here`), one at a time with its event
 * loop running between them, for a program with nothing else to do while it reads.
 */
import type { ScanTask, TaskResult } from './task.ts';

const NEXT = 0;
const LIMIT = 1;
const STOP = 2;

/** A thread's share of a scan: tasks taken from `board` until none is left or `budgetMs` has passed. */
export interface PullTask {
  kind: 'pull';
  tasks: ScanTask[];
  board: Int32Array;
  budgetMs: number;
}

/** What a pull task read: each task taken, by number, with its result or the error it threw. */
export type Pulled = { index: number; result: TaskResult } | { index: number; error: unknown };

/** The board for `count` tasks, the first `from` of them already run elsewhere, `ahead` takeable at once. */
export function newBoard(from: number, count: number, ahead: number, shared: (bytes: number) => ArrayBufferLike): Int32Array {
  const board = new Int32Array(shared(3 * 4));
  board[NEXT] = from;
  board[LIMIT] = Math.min(count, from + ahead);
  return board;
}

/** Takes the next task's number, or -1 when there is none the caller may take. */
function take(board: Int32Array, count: number): number {
  for (;;) {
    if (Atomics.load(board, STOP) !== 0) return -1;
    const next = Atomics.load(board, NEXT);
    if (next >= count || next >= Atomics.load(board, LIMIT)) return -1;
    if (Atomics.compareExchange(board, NEXT, next, next + 1) === next) return next;
  }
}

/**
 * A pull task's work, on the thread that runs it: tasks taken one after another and run with
 * `run`. A task that throws ends the pull task and stops every thread taking more.
 */
export async function pullTasks(task: PullTask, run: (t: ScanTask) => Promise<TaskResult>): Promise<Pulled[]> {
  const started = performance.now();
  const out: Pulled[] = [];
  for (;;) {
    const index = take(task.board, task.tasks.length);
    if (index < 0) break;
    try {
      out.push({ index, result: await run(task.tasks[index]) });
    } catch (error) {
      Atomics.store(task.board, STOP, 1);
      out.push({ index, error });
      break;
    }
    if (performance.now() - started >= task.budgetMs) break;
  }
  return out;
}

interface Slot {
  promise: Promise<TaskResult>;
  resolve(r: TaskResult): void;
  reject(e: unknown): void;
  settled: boolean;
}

function slot(): Slot {
  let resolve!: (r: TaskResult) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<TaskResult>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // read in order; a slot after a failure is never read
  return { promise, resolve, reject, settled: false };
}

/** Where pull tasks run: as {@link ScanPool}'s `run`, one pull task per call. */
export interface PullPool {
  readonly size: number;
  run(tasks: PullTask[], options: { filename: string }): Promise<unknown[]>;
}

export interface PulledOptions {
  /** The scan worker module the pull tasks run. */
  filename: string;
  /** Tasks that may be read past the last one handed back. */
  ahead: number;
  /** See {@link PullTask}. */
  budgetMs: number;
  /** Shared memory of this many bytes, for the board. */
  shared: (bytes: number) => ArrayBufferLike;
  /** Pull tasks running at once (default the pool's size). */
  threads?: number;
  /**
   * Given, this thread takes tasks too and runs them with it, one at a time, letting its event
   * loop run between them.
   */
  here?: (t: ScanTask) => Promise<TaskResult>;
}

/**
 * Tasks `from` onwards run as pull tasks on `pool` (and here, given `options.here`), their
 * results handed back in task order, at most `ahead` past the last one handed back. Stopping the
 * iteration early stops the threads taking more (the tasks they are running finish; their
 * results are dropped).
 */
export async function* pulled(
  tasks: ScanTask[],
  from: number,
  pool: PullPool,
  options: PulledOptions,
): AsyncGenerator<{ task: ScanTask; result: TaskResult }> {
  const count = tasks.length;
  const board = newBoard(from, count, options.ahead, options.shared);
  const slots = tasks.map(slot);
  const threads = options.threads ?? pool.size;
  let running = 0;
  let failed = false;
  let herePulling = false;
  const settle = (index: number, fn: (s: Slot) => void) => {
    const s = slots[index];
    if (s.settled) return;
    s.settled = true;
    fn(s);
  };
  const deliver = (got: Pulled[]) => {
    for (const p of got) settle(p.index, (s) => ('error' in p ? s.reject(p.error) : s.resolve(p.result)));
  };
  const pullHere = async (run: (t: ScanTask) => Promise<TaskResult>) => {
    herePulling = true;
    try {
      for (;;) {
        // The threads' results and the caller's reads come in between two tasks.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (failed) return;
        const got = await pullTasks({ kind: 'pull', tasks, board, budgetMs: 0 }, run);
        if (got.length === 0) return;
        deliver(got);
      }
    } finally {
      herePulling = false;
    }
  };
  const launch = () => {
    const free = Math.min(Atomics.load(board, LIMIT), count) - Atomics.load(board, NEXT);
    if (options.here && !herePulling && free > 0 && !failed) void pullHere(options.here);
    while (!failed && Atomics.load(board, STOP) === 0 && running < Math.min(threads, free)) {
      running++;
      const task: PullTask = { kind: 'pull', tasks, board, budgetMs: options.budgetMs };
      pool.run([task], { filename: options.filename }).then(
        ([got]) => {
          running--;
          deliver(got as Pulled[]);
          launch();
        },
        (error: unknown) => {
          // The pool failed the task (a thread died, a timeout, the pool closed): the tasks it had
          // taken are lost, so nothing after the first one not yet read can be trusted.
          running--;
          failed = true;
          Atomics.store(board, STOP, 1);
          for (let i = from; i < count; i++) settle(i, (s) => s.reject(error));
        },
      );
    }
  };
  try {
    launch();
    for (let i = from; i < count; i++) {
      const result = await slots[i].promise;
      Atomics.store(board, LIMIT, Math.min(count, i + 1 + options.ahead));
      launch();
      yield { task: tasks[i], result };
    }
  } finally {
    Atomics.store(board, STOP, 1);
  }
}
