/**
 * Scale-out on ClickHouse: an event source the engine (and every façade built on it) aggregates
 * like an in-process table, and the loader that fills its table.
 * Package subpath entry `usage-aggregator/clickhouse`.
 */
export { connectClickHouse, clickhouseClientModule, MissingClickHouseClientError, type ConnectOptions } from './client.ts';
export { clickhouseSource, type ClickHouseSource, type ClickHouseSourceOptions, type RowsRequest } from './source.ts';
export { loadEvents, type LoadOptions, type LoadResult, type LoadTarget } from './loader.ts';
export { describeColumns, createTableSql, createDistributedSql, type EventSchema } from './ddl.ts';
export { sqlLiteral, type ColumnKind } from './literals.ts';
export type { CompiledAggregate, MeasureSql } from './compile.ts';
