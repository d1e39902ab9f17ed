/**
 * `createEngine`: the public entry of the aggregation engine, and what an engine is and accepts
 * (`Engine`, `EngineOptions`, `Events`).
 */
import type { ColumnTable } from 'arquero';
import { z } from 'zod';
import { QueryError } from '../errors.ts';
import { poolLifecycle, type WorkerStats } from './parallel/lifecycle.ts';
import { BufferPool } from './buffers.ts';
import { executeLocal } from './execute.ts';
import { executeFirstQuery } from './execute-arrival.ts';
import { withoutMissingColumns } from './missing.ts';
import { planQuery, type Plan } from './plan.ts';
import { executeRemote } from './remote.ts';
import { isEventSource, type EventSource } from './source.ts';
import { encode } from './table.ts';
import { isLoadedEvents, LoadedEvents, type BatchReader } from './store/events.ts';
import { readInput } from './store/input.ts';
import { checkLoadOptions, type LoadInput, type LoadOptions } from './store/load.ts';
import type { EventRecords, Query } from './types.ts';

/**
 * What `engine.aggregate` accepts: events from `engine.load`, an arquero table, an array of
 * records, or an external source.
 */
export type Events = LoadedEvents | ColumnTable | EventRecords | EventSource;

export interface EngineOptions {
  /** `0` runs every query inline; `n` uses a pool of n worker threads; `'auto'` one per core. Default `'auto'`. */
  workers?: number | 'auto';
  /** Largest result (windows × group combinations) a query may plan. Default 10,000,000. */
  maxCells?: number;
  /** Queries touching fewer events than this run inline, without a worker round-trip. Default 200,000. */
  inlineThreshold?: number;
  /**
   * A worker task (one shard of a query) still running after this many ms is stopped: its
   * worker is replaced and the query rejects with a `QueryError`. Default 60,000.
   */
  taskTimeoutMs?: number;
}

/** What an engine has done: see {@link LocalEngine.stats}. */
export interface EngineStats {
  /** Queries answered (or rejected) since the engine was created. */
  queries: number;
  workers: WorkerStats;
}

export interface Engine {
  /**
   * Aggregates events by window, groups and measures.
   * Resolves to an arquero table: `window_start`, `window_end` (epoch ms), the group columns,
   * the measures; rows ordered by window start, then each group column ascending (nulls last).
   * Rejects with a `QueryError` for a bad query or an event value that does not fit it.
   */
  aggregate(events: Events, query: Query): Promise<ColumnTable>;
  /**
   * Stops the worker threads and releases the engine's shared buffers. Queries still running
   * reject; any later `aggregate` rejects with a `QueryError` (`engine: is closed`).
   */
  close(): Promise<void>;
}

/** What `createEngine` returns: an {@link Engine} that also loads events into its own store and reports what it has done. */
export interface LocalEngine extends Engine {
  /**
   * Loads events into the engine's store: sorted by time, dimensions dictionary-coded, numbers
   * as Float64, in shared memory. The result goes wherever events go (`aggregate`, façades,
   * the HTTP handler) and answers every query without encoding again.
   *
   * `input` is a path (format from the extension, `.gz` decompressed), a web `ReadableStream`,
   * a Node stream or `AsyncIterable<Uint8Array>` (give `format`), an array of records or an
   * arquero table. Rejects with a `QueryError` naming the row for an event whose time is not an
   * instant (unless `skipInvalid`), and with the file's error for a malformed file row.
   *
   * @example
   * const events = await engine.load('events.ndjson', { time: 'ts', columns: { quantity: 'number' } });
   * const daily = await engine.aggregate(events, {
   *   time: 'ts', window: 'day', groupBy: ['workspace_id'], measures: { q: { op: 'sum', column: 'quantity' } },
   * });
   */
  load(input: LoadInput, options?: LoadOptions): Promise<LoadedEvents>;
  /**
   * Whether worker threads are active, and the tasks they ran, timed out or lost.
   *
   * @example
   * engine.stats(); // { queries: 3, workers: { state: 'active', threads: 2, tasks: 4, timeouts: 0, failures: 0 } }
   */
  stats(): EngineStats;
}

const optionsSchema = z
  .object({
    workers: z.union([z.literal('auto'), z.number().int().min(0).max(256)]).optional(),
    maxCells: z.number().int().positive().optional(),
    inlineThreshold: z.number().int().min(0).optional(),
    taskTimeoutMs: z.number().int().positive().optional(),
  })
  .strict();

/**
 * Records' answers on which columns they carry, remembered per array: telling an absent key
 * costs a look at every record (about 45 ms per column at 1M records, on every request that
 * names it), and records are read as immutable.
 */
const recordColumns = new WeakMap<object, Map<string, boolean>>();

/** Which columns the events carry: a source says so itself (a source that cannot is taken to have every column). */
function columnPresence(events: Events, time: string): (column: string) => boolean {
  if (isEventSource(events)) return (c) => events.hasColumn?.(c) ?? true;
  const enc = encode(events as LoadedEvents | ColumnTable | EventRecords, time);
  if (!Array.isArray(events)) return (c) => enc.hasColumn(c);
  let known = recordColumns.get(events);
  if (!known) recordColumns.set(events, (known = new Map()));
  const memo = known;
  return (c) => {
    let has = memo.get(c);
    if (has === undefined) memo.set(c, (has = enc.hasColumn(c)));
    return has;
  };
}

/**
 * Creates an engine. Worker threads start lazily, on the first query large enough to use them;
 * where they cannot start (no piscina, no worker threads) every query runs inline with the same
 * results.
 *
 * @example
 * import { createEngine } from 'usage-aggregator';
 * const engine = createEngine({ workers: 'auto' });
 * const table = await engine.aggregate(
 *   [{ ts: '2026-03-08T06:30:00Z', app: 'adme', quantity: 3 }],
 *   { time: 'ts', window: 'day', timeZone: 'America/New_York', groupBy: ['app'],
 *     measures: { quantity: { op: 'sum', column: 'quantity' } } },
 * );
 * table.objects(); // [{ window_start: 1772946000000, window_end: 1773028800000, app: 'adme', quantity: 3 }]
 * await engine.close();
 */
export function createEngine(options: EngineOptions = {}): LocalEngine {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new QueryError([{ path: ['options', ...issue.path.map(String)], message: issue.message }]);
  }
  const maxCells = options.maxCells ?? 10_000_000;
  const inlineThreshold = options.inlineThreshold ?? 200_000;
  let closed = false;
  let queries = 0;
  const buffers = new BufferPool();
  const threads = poolLifecycle({
    workers: options.workers,
    taskTimeoutMs: options.taskTimeoutMs ?? 60_000,
    warn: (message) => console.warn(`usage-aggregator: ${message}`),
  });
  const getPool = threads.get;

  return {
    async aggregate(events: Events, query: Query): Promise<ColumnTable> {
      if (closed) throw new QueryError([{ path: ['engine'], message: 'is closed; create a new engine' }]);
      queries++;
      const plan = planQuery(query);
      const run = async (on: Events, p: Plan) => {
        if (isEventSource(on)) return executeRemote(on, p, maxCells);
        const opts = { maxCells, inlineThreshold, getPool, buffers };
        // Events just loaded from a file answer their first query without being sorted, when they can.
        const first = isLoadedEvents(on) ? executeFirstQuery(on, p, opts) : null;
        return first ?? executeLocal(on as LoadedEvents | ColumnTable | EventRecords, p, opts);
      };
      if (query.missingColumns !== 'null') return run(events, plan);
      const rewrite = withoutMissingColumns(plan, columnPresence(events, plan.time));
      if (!rewrite) return run(events, plan);
      // No event passes a condition on a column none has: the result is that of no events.
      return rewrite.restore(await run(rewrite.nothingPasses ? [] : events, rewrite.plan));
    },
    async load(input: LoadInput, options: LoadOptions = {}): Promise<LoadedEvents> {
      const opts = checkLoadOptions(options);
      const dedup = opts.dedupBy ? { by: opts.dedupBy, seen: new Set<unknown>() } : null;
      const workers = { getPool, inlineThreshold };
      // Appends read with the load's options; their own format, name and progress callback only.
      const read: BatchReader = (more, firstSeq, own) =>
        readInput(
          more,
          {
            ...opts,
            onProgress: own.onProgress,
            ...(own.format ? { format: own.format } : {}),
            ...(own.name ? { name: own.name } : {}),
            ...(own.skipInvalid !== undefined ? { skipInvalid: own.skipInvalid } : {}),
          },
          { workers, dedup, firstSeq },
        );
      // Released events free their arrays on a running thread (see LoadedEvents.release).
      const discard = (buffers: ArrayBuffer[]) => threads.running()?.discard(buffers);
      return new LoadedEvents(
        await readInput(input, opts, { workers, dedup, firstSeq: 0, order: 'arrival' }),
        opts.time,
        read,
        discard,
      );
    },
    async close() {
      closed = true;
      buffers.clear();
      await threads.close();
    },
    stats: () => ({ queries, workers: threads.stats() }),
  };
}
