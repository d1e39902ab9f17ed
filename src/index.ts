/**
 * usage-aggregator: turns raw metered usage events into usage reports.
 *
 * The one root barrel: the engine, time helpers, errors, the vendor façades and the HTTP handler.
 */
export { createEngine } from './engine/engine.ts';
export type {
  Engine, EngineOptions, Events, EventRecords, Query, WindowSpec, DurationSpec, CalendarUnit,
  MeasureOp, MeasureSpec, WhereCondition, Scalar, Instant,
} from './engine/types.ts';
export { planQuery, type Plan, type PlanWindow, type WherePlan, type MeasurePlan } from './engine/plan.ts';
export { buildGrid, calendarWindowStart } from './engine/windows.ts';
export { isEventSource, EVENT_SOURCE, type EventSource, type SourceCells } from './engine/source.ts';
export { QueryError, FacadeError, type QueryIssue, type Json } from './errors.ts';
export * from './time.ts';
