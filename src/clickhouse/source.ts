/**
 * `clickhouseSource`: events in a ClickHouse table (single server or a Distributed table over a
 * cluster) as an {@link EventSource} the engine aggregates like an in-process table.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { QueryError } from '../errors.ts';
import { planQuery, type Plan } from '../engine/plan.ts';
import { EVENT_SOURCE, type EventSource, type RowsRequest, type SourceCells } from '../engine/source.ts';
import {
  compileAggregate,
  compileExtent,
  compileFirstValue,
  compileRows,
  type CompiledAggregate,
  type TableSchema,
} from './compile.ts';
import { toSourceCells } from './cells.ts';
import { decodeValue } from './decode.ts';
import { IDENTIFIER, isIdentifier, isTableName } from './identifiers.ts';
import { literalBinder, parameterBinder, type Binder, type ColumnKind } from './literals.ts';
import { NativeReader, type NativeColumn } from './native.ts';

export interface ClickHouseSourceOptions {
  /** An `@clickhouse/client` client (`createClient({ url })`). */
  client: ClickHouseClient;
  /** `table` or `database.table`: a MergeTree table, or a Distributed table over a cluster. */
  table: string;
  /**
   * The columns queries may name and how each holds its values: `'time'` (Int64 epoch ms),
   * `'string'` (Nullable(String)), `'number'` (Nullable(Float64)), `'boolean'` (Nullable(UInt8)).
   * Names must be plain identifiers; nothing else reaches the SQL.
   */
  columns: Record<string, ColumnKind>;
  /** UInt64 column with each event's position in input order; breaks `latest` ties. Default `'seq'`. */
  seq?: string;
  /**
   * How values travel: `'bound'` as query parameters, `'literal'` escaped into the SQL, `'auto'`
   * (default) bound where the server has query parameters (20.x and later), else literal.
   */
  parameters?: 'auto' | 'bound' | 'literal';
}

/** A ClickHouse table the engine can aggregate; also shows the SQL it would run. */
export interface ClickHouseSource extends EventSource {
  readonly table: string;
  /** The listing of {@link EventSource.rows}, always present: one query, ordered by time then `seq`, descending. */
  rows(request: RowsRequest): Promise<Record<string, unknown>[]>;
  /** Whether `column` is one of the configured columns (the time column included). */
  hasColumn(column: string): boolean;
  /** The aggregation query for a plan over a grid, as it would be sent (with literal values). */
  explain(plan: Plan, grid: Float64Array): CompiledAggregate;
}

export type { RowsRequest } from '../engine/source.ts';

const NOT_IDENTIFIER = `must be a plain identifier (${IDENTIFIER.source}, not starting with __ua_)`;
const identifier = z.string().refine(isIdentifier, { message: NOT_IDENTIFIER });
const optionsSchema = z
  .object({
    client: z.custom<ClickHouseClient>((c) => typeof (c as { query?: unknown })?.query === 'function', {
      message: 'must be a @clickhouse/client client',
    }),
    table: z.string().refine(isTableName, { message: 'must be table or database.table, each a plain identifier' }),
    columns: z.record(z.string(), z.enum(['time', 'string', 'number', 'boolean'])).superRefine((columns, ctx) => {
      for (const name of Object.keys(columns))
        if (!isIdentifier(name)) ctx.addIssue({ code: 'custom', path: [name], message: NOT_IDENTIFIER });
    }),
    seq: identifier.optional(),
    parameters: z.enum(['auto', 'bound', 'literal']).optional(),
  })
  .strict();

/** Servers from 20.x on take `{name:Type}` query parameters; older ones (18.16) do not. */
async function hasQueryParameters(client: ClickHouseClient): Promise<boolean> {
  const rs = await client.query({ query: 'SELECT version()', format: 'TabSeparated' });
  const major = Number((await rs.text()).trim().split('.')[0]);
  return major >= 20;
}

/** Room for the grid literals: the server's default max_query_size is 256 KiB. */
function settingsFor(sql: string) {
  return { max_query_size: String(Math.max(262_144, sql.length * 3 + 1024)) };
}

/**
 * An event source over a ClickHouse table. Pass it to `engine.aggregate` (or a façade) in place of
 * an events table: the engine builds the window grid and finishes the result; ClickHouse filters,
 * assigns windows, groups and computes the measures.
 *
 * @example
 * import { createClient } from '@clickhouse/client';
 * const source = clickhouseSource({
 *   client: createClient({ url: 'http://127.0.0.1:8123' }),
 *   table: 'events',
 *   columns: { ts: 'time', workspace_id: 'string', application: 'string', quantity: 'number' },
 * });
 * const rows = (await engine.aggregate(source, { time: 'ts', window: 'day', groupBy: ['workspace_id'],
 *   measures: { quantity: { op: 'sum', column: 'quantity' } } })).objects();
 */
export function clickhouseSource(options: ClickHouseSourceOptions): ClickHouseSource {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new QueryError([{ path: ['clickhouse', ...issue.path.map(String)], message: issue.message }]);
  }
  const { client, table, columns } = options;
  const schema: TableSchema = { table, columns: { ...columns }, seq: options.seq ?? 'seq' };
  const mode = options.parameters ?? 'auto';
  let bound: Promise<boolean> | null = mode === 'auto' ? null : Promise.resolve(mode === 'bound');
  // Asked once; a failed probe (server down) is asked again next time.
  const binder = async (): Promise<Binder> => {
    bound ??= hasQueryParameters(client).catch((error: unknown) => {
      bound = null;
      throw error;
    });
    return (await bound) ? parameterBinder() : literalBinder();
  };

  async function run(query: string, params: Record<string, string | number>, onLine: (line: string) => void): Promise<void> {
    const rs = await client.query({
      query,
      format: 'TabSeparated',
      query_params: params,
      clickhouse_settings: settingsFor(query),
    });
    for await (const rows of rs.stream()) for (const row of rows) onLine(row.text);
  }

  /**
   * A query's result in the Native format, read as it streams in. `exec` because the client's
   * `query` knows only text and JSON formats; the SQL then names its format itself.
   */
  async function runNative(query: string, params: Record<string, string | number>): Promise<NativeColumn[]> {
    const sql = `${query}\nFORMAT Native`;
    const { stream } = await client.exec({ query: sql, query_params: params, clickhouse_settings: settingsFor(sql) });
    const reader = new NativeReader();
    for await (const chunk of stream as AsyncIterable<Uint8Array>) reader.push(chunk);
    return reader.end();
  }

  /** The engine's rule: a numeric measure over a column with non-numeric values names the first such row. */
  async function checkNumeric(compiled: CompiledAggregate): Promise<void> {
    for (const m of compiled.measures) {
      if (!m.needsNoValues) continue;
      const lines: string[] = [];
      await run(compileFirstValue(m.plan.column!, schema), {}, (line) => lines.push(line));
      if (lines.length === 0) continue;
      const [seq, field] = lines[0].split('\t');
      const value = decodeValue(field, m.kind!);
      throw new QueryError([
        {
          path: [`events[${seq}]`, m.plan.column!],
          message: `${JSON.stringify(value)} is not a number (measure '${m.plan.name}')`,
        },
      ]);
    }
  }

  return {
    [EVENT_SOURCE]: true,
    table,
    explain: (plan, grid) => compileAggregate(plan, grid, schema, literalBinder()),
    hasColumn: (column) => Object.hasOwn(schema.columns, column),
    async extent(plan) {
      const { sql, params } = compileExtent(plan, schema, await binder());
      let line = '';
      await run(sql, params, (l) => {
        line = l;
      });
      const [min, max, count] = line.split('\t').map(Number);
      return count > 0 ? { min, max } : null;
    },
    async rows(request) {
      const { time, range, where, columns, offset = 0, limit } = request;
      const plan = planQuery({ time, window: 'none', range, where, measures: { n: { op: 'count' } } });
      if (!Number.isSafeInteger(offset) || offset < 0)
        throw new QueryError([{ path: ['offset'], message: 'must be a non-negative integer' }]);
      if (!Number.isSafeInteger(limit) || limit < 0)
        throw new QueryError([{ path: ['limit'], message: 'must be a non-negative integer' }]);
      const { sql, params } = compileRows(plan, columns, { offset, limit }, schema, await binder());
      const names = [time, ...columns];
      const kinds = names.map((c) => schema.columns[c]);
      const out: Record<string, unknown>[] = [];
      await run(sql, params, (line) => {
        const fields = line.split('\t');
        out.push(Object.fromEntries(names.map((c, j) => [c, decodeValue(fields[j], kinds[j])])));
      });
      return out;
    },
    async aggregate(plan, grid): Promise<SourceCells> {
      const compiled = compileAggregate(plan, grid, schema, await binder());
      await checkNumeric(compiled);
      const columns = await runNative(compiled.sql, compiled.params);
      return toSourceCells(
        columns,
        plan.groupBy.map((c) => schema.columns[c]),
        compiled.measures,
      );
    },
  };
}
