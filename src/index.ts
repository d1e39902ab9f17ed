/**
 * usage-aggregator: turns raw metered usage events into usage reports.
 *
 * The one root barrel: the engine, time helpers, errors, the vendor façades and the HTTP handler.
 */
export {
  createEngine,
  type Engine,
  type EngineOptions,
  type EngineStats,
  type Events,
  type LocalEngine,
} from './engine/engine.ts';
export type { WorkerStats } from './engine/parallel/lifecycle.ts';
export type {
  EventRecords,
  Query,
  WindowSpec,
  DurationSpec,
  CalendarUnit,
  MeasureOp,
  MeasureSpec,
  WhereCondition,
  Scalar,
  Instant,
} from './engine/types.ts';
export { LoadedEvents, isLoadedEvents, type LoadSummary, type AppendResult, type AppendOptions } from './engine/store/events.ts';
export type { LoadInput, LoadOptions, LoadProgress, LoadColumnType } from './engine/store/load.ts';
export { planQuery, type Plan, type PlanWindow, type WherePlan, type MeasurePlan } from './engine/plan.ts';
export { buildGrid, calendarWindowStart } from './engine/windows.ts';
export { isEventSource, EVENT_SOURCE, type EventSource, type SourceCells, type CodedValues } from './engine/source.ts';
export { QueryError, FacadeError, OverflowError, isOverflowError, type Overflow, type QueryIssue, type Json } from './errors.ts';
export * from './time.ts';
export { sparkline, isoInZone, SPARKLINE_WIDTH } from './sparkline.ts';

// What every façade's options and parameters are made of, and the vendor descriptors' types.
export type { Registered, Vendor, VendorAuthConfig, AuthConfigOf, VendorSample } from './facades/vendors.ts';
export type { RequestParams, AuthScheme } from './facades/vendor.ts';
export type { IngestOptions } from './http/ingest.ts';
export type { FacadeOptions } from './facades/common/options.ts';
export type { ColumnMapping } from './facades/common/columns.ts';
export type { Clock } from './facades/common/clock.ts';
export type { WireParams, WireScalar, WireMany } from './facades/common/wire.ts';

// Vendor façades (also at usage-aggregator/facades/<vendor>).
export {
  createBoltz,
  APPLICATIONS as BOLTZ_APPLICATIONS,
  BOLTZ_COLUMNS,
  type Boltz,
  type BoltzOptions,
  type BoltzParams,
  type BoltzListParams,
  type BoltzUsagePage,
  type BoltzUsageRow,
} from './facades/boltz/index.ts';
export {
  createMiosa,
  MIOSA_COLUMNS,
  type Miosa,
  type MiosaOptions,
  type MiosaParams,
  type MiosaUsageParams,
  type MiosaResult,
  type MiosaRollup,
} from './facades/miosa/index.ts';
export {
  createScenario,
  DEFAULT_GRANULARITY_POLICY,
  type Scenario,
  type ScenarioOptions,
  type ScenarioParams,
  type ScenarioUsagesParams,
  type ScenarioCatalogs,
  type ScenarioColumns,
  type GranularityPolicy,
  type GranularityThreshold,
  type UsagesListResponse,
} from './facades/scenario/index.ts';
export {
  createAdverity,
  ADVERITY_COLUMNS,
  type Adverity,
  type AdverityOptions,
  type AdverityParams,
  type AdverityUsageParams,
  type AdverityUsageItem,
  type AdverityUsagePage,
  type Workspace,
  type WorkspaceId,
} from './facades/adverity/index.ts';

// HTTP: one web-standard handler for the four vendor paths, and serving it on Node, Deno or Bun.
export { createFetchHandler, type FetchHandler, type FetchHandlerOptions } from './http/handler.ts';
export { parseAuthConfig, authConfigSchema, type AuthConfig } from './http/auth.ts';
export { parseQuery, type QueryParams } from './http/query.ts';
export type { Facades, BoltzFacade, MiosaFacade, ScenarioFacade, AdverityFacade } from './http/routes.ts';
export { serve, type RunningServer, type ServeOptions, type Handler } from './http/serve/index.ts';
