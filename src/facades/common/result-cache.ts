/**
 * Computed results kept for the pages after the first. A paged response (Boltz's cursor,
 * Adverity's page numbers) is one query sliced; recomputing the whole query for every page made
 * paging through a large result cost pages × query. The first page computes and keeps the
 * result; a later page of the same query over the same events reads its slice, so it costs
 * what the page costs. The first page always computes afresh, so a new listing sees new events,
 * and its later pages read the same snapshot the first one did.
 *
 * Bounded: at most `maxEntries` results and `maxRows` rows in all, least recently used dropped
 * first. A result larger than `maxRows` is not kept (its pages recompute).
 */
import type { ColumnTable } from 'arquero';

/** How the events look now: a later page must read the result of the same events it was cut from. */
export function eventsVersion(events: unknown): string {
  if (Array.isArray(events)) return `records:${events.length}`;
  const e = events as { numRows?: () => number; summary?: { rows?: number }; version?: number };
  // Loaded events change with every append; their version says so.
  if (typeof e?.version === 'number') return `loaded:${e.version}`;
  if (typeof e?.numRows === 'function') return `table:${e.numRows()}`;
  if (typeof e?.summary?.rows === 'number') return `loaded:${e.summary.rows}`;
  return 'source';
}

export class ResultCache {
  readonly #entries = new Map<string, { result: Promise<ColumnTable>; rows: number }>();
  #rows = 0;
  /** Lookups answered from a kept result, for tests that assert cost by counting. */
  hits = 0;

  constructor(
    private readonly maxRows = 2_000_000,
    private readonly maxEntries = 32,
  ) {}

  /**
   * The result for `key`: kept (when `reuse` and present) or computed now and kept.
   *
   * @example
   * const table = await cache.get(`${binding} ${eventsVersion(events)}`, offset > 0, () => engine.aggregate(events, query));
   */
  async get(key: string, reuse: boolean, compute: () => Promise<ColumnTable>): Promise<ColumnTable> {
    const kept = reuse ? this.#entries.get(key) : undefined;
    if (kept) {
      this.hits++;
      this.#entries.delete(key);
      this.#entries.set(key, kept); // most recently used last
      return kept.result;
    }
    this.#drop(key);
    const result = compute();
    const entry = { result, rows: 0 };
    this.#entries.set(key, entry);
    try {
      const table = await result;
      entry.rows = table.numRows();
      this.#rows += entry.rows;
      if (entry.rows > this.maxRows) this.#drop(key);
      this.#evict();
      return table;
    } catch (error) {
      if (this.#entries.get(key) === entry) this.#drop(key);
      throw error;
    }
  }

  #drop(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#rows -= entry.rows;
  }

  #evict(): void {
    for (const key of this.#entries.keys()) {
      if (this.#rows <= this.maxRows && this.#entries.size <= this.maxEntries) return;
      this.#drop(key);
    }
  }
}
