/**
 * The pull protocol (src/io/scan/pull.ts) against a pool that runs its pull tasks here: results
 * come back in task order whatever order the threads take and finish them in, nothing is read
 * more than `ahead` past what was handed on, failures land on the right task, and stopping early
 * stops the taking.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newBoard, pulled, pullTasks, type PullTask } from '../../../src/io/scan/pull.ts';
import type { ScanTask, TaskResult } from '../../../src/io/scan/task.ts';

const shared = (bytes: number) => new SharedArrayBuffer(bytes);

/** Task `k`: a text range whose start is `k` (so a result names its task). */
const tasks = (count: number): ScanTask[] =>
  Array.from({ length: count }, (_, k) => ({
    kind: 'ndjson',
    spec: { time: 'ts', types: {}, keep: undefined, skipInvalid: false },
    start: k,
    end: k + 1,
    exact: true,
  }));

const resultOf = (task: ScanTask): TaskResult => {
  const k = (task as { start: number }).start;
  return {
    chunk: { n: 0, time: new Float64Array(0), columns: new Map() },
    rows: k,
    skipped: 0,
    lines: 1,
    from: k,
    to: k + 1,
    bytes: 1,
    error: null,
    invalid: [],
  };
};

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

/** The task numbers of the results read until the iteration ends or fails, and its failure (null when it ended). */
async function readAll(results: AsyncIterable<{ result: TaskResult }>): Promise<{ seen: number[]; error: Error | null }> {
  const seen: number[] = [];
  try {
    for await (const { result } of results) seen.push(result.from);
    return { seen, error: null };
  } catch (error) {
    return { seen, error: error as Error };
  }
}

/**
 * A pool of `size` "threads" running pull tasks here. Each task run waits `delays()` ticks, so
 * threads finish in a scrambled order; `fail(k)` makes task k throw; `taken` records every task
 * run, with how many results had been handed on when it was taken.
 */
function fakePool(size: number, opts: { delays?: () => number; fail?: (k: number) => boolean; poolFails?: number } = {}) {
  const taken: { k: number; handed: number }[] = [];
  let handed = 0;
  let runs = 0;
  const pool = {
    size,
    async run([task]: PullTask[]): Promise<unknown[]> {
      if (opts.poolFails !== undefined && ++runs > opts.poolFails) {
        await tick();
        throw new Error('thread died');
      }
      return [
        await pullTasks(task, async (t) => {
          const k = (t as { start: number }).start;
          taken.push({ k, handed });
          for (let d = opts.delays?.() ?? 0; d > 0; d--) await tick();
          if (opts.fail?.(k)) throw new Error(`task ${k} threw`);
          return resultOf(t);
        }),
      ];
    },
  };
  return { pool, taken, handedOne: () => handed++, handedCount: () => handed };
}

describe('pullTasks', () => {
  it('takes tasks in order up to the limit, then stops', async () => {
    const board = newBoard(2, 10, 3, shared);
    const task: PullTask = { kind: 'pull', tasks: tasks(10), board, budgetMs: 1e9 };
    const got = await pullTasks(task, async (t) => resultOf(t));
    expect(got.map((p) => p.index)).toEqual([2, 3, 4]);
    expect(await pullTasks(task, async (t) => resultOf(t))).toEqual([]);
  });

  it('stops taking after a task throws, and tells every other thread to stop', async () => {
    const board = newBoard(0, 10, 10, shared);
    const task: PullTask = { kind: 'pull', tasks: tasks(10), board, budgetMs: 1e9 };
    const got = await pullTasks(task, async (t) => {
      if ((t as { start: number }).start === 3) throw new Error('bad');
      return resultOf(t);
    });
    expect(got.map((p) => [p.index, 'error' in p])).toEqual([
      [0, false],
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(await pullTasks(task, async (t) => resultOf(t))).toEqual([]);
  });

  it('hands back what it read once its budget is spent', async () => {
    const board = newBoard(0, 10, 10, shared);
    const task: PullTask = { kind: 'pull', tasks: tasks(10), board, budgetMs: 0 };
    expect((await pullTasks(task, async (t) => resultOf(t))).map((p) => p.index)).toEqual([0]);
    expect((await pullTasks(task, async (t) => resultOf(t))).map((p) => p.index)).toEqual([1]);
  });
});

describe('pulled', () => {
  it('hands back every task once, in order, and never reads more than `ahead` past what was handed on (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 2 }),
        fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
        async (count, from0, size, ahead, delays, budget, threadsHere) => {
          const from = Math.min(from0, count);
          let d = 0;
          const { pool, taken, handedOne, handedCount } = fakePool(size, { delays: () => delays[d++ % delays.length] });
          // With `threadsHere`, this thread takes tasks too, beside that many pull tasks at once.
          const here =
            threadsHere === undefined
              ? {}
              : {
                  threads: threadsHere,
                  here: async (t: ScanTask) => {
                    taken.push({ k: (t as { start: number }).start, handed: handedCount() });
                    return resultOf(t);
                  },
                };
          const seen: number[] = [];
          const options = { filename: 'x', ahead, budgetMs: budget, shared, ...here };
          for await (const { task, result } of pulled(tasks(count), from, pool, options)) {
            expect(result.from).toBe((task as { start: number }).start);
            seen.push(result.from);
            handedOne();
          }
          expect(seen).toEqual(Array.from({ length: count - from }, (_, i) => from + i));
          expect(taken.map((t) => t.k).sort((a, b) => a - b)).toEqual(seen);
          // Task k may be taken only while fewer than `ahead` tasks before it are unhanded (the one
          // being handed on counts as handed: the limit is raised as it is).
          for (const { k, handed } of taken) expect(k - from).toBeLessThan(handed + 1 + ahead);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects at the task that threw, after handing back the ones before it', async () => {
    const { pool } = fakePool(2, { fail: (k) => k === 5, delays: () => 1 });
    const { seen, error } = await readAll(pulled(tasks(12), 0, pool, { filename: 'x', ahead: 4, budgetMs: 1e9, shared }));
    expect(error?.message).toBe('task 5 threw');
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects with the pool’s error when a thread dies, after the results it had already handed back', async () => {
    const { pool } = fakePool(1, { poolFails: 1 });
    const { seen, error } = await readAll(pulled(tasks(10), 0, pool, { filename: 'x', ahead: 3, budgetMs: 1e9, shared }));
    expect(error?.message).toBe('thread died');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('stops the threads taking tasks when the caller stops reading', async () => {
    const { pool, taken } = fakePool(2, { delays: () => 1 });
    for await (const { result } of pulled(tasks(50), 0, pool, { filename: 'x', ahead: 4, budgetMs: 1e9, shared })) {
      if (result.from === 3) break;
    }
    for (let i = 0; i < 20; i++) await tick();
    // At most `ahead` tasks past the last one handed on (task 3) were ever taken.
    expect(Math.max(...taken.map((t) => t.k))).toBeLessThanOrEqual(3 + 4);
  });

  it('takes every task here when the pool runs no pull task', async () => {
    const { pool, taken } = fakePool(2);
    const here: number[] = [];
    const options = {
      filename: 'x',
      ahead: 3,
      budgetMs: 1e9,
      shared,
      threads: 0,
      here: async (t: ScanTask) => {
        here.push((t as { start: number }).start);
        return resultOf(t);
      },
    };
    const { seen, error } = await readAll(pulled(tasks(9), 1, pool, options));
    expect(error).toBeNull();
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(here).toEqual(seen);
    expect(taken).toEqual([]);
  });

  it('lets the threads read to the end when `ahead` is unbounded', async () => {
    const { pool, taken } = fakePool(2);
    const it = pulled(tasks(30), 0, pool, { filename: 'x', ahead: Infinity, budgetMs: 1e9, shared });
    const first = await it.next();
    expect(first.value?.result.from).toBe(0);
    for (let i = 0; i < 10; i++) await tick();
    expect(taken.length).toBe(30);
    await it.return(undefined);
  });
});
