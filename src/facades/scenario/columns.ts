/**
 * The events table the Scenario façade reads: one row per action, with these logical columns
 * (a row leaves null the ones it does not use). `columns` maps a logical name to the name the
 * user's table has.
 */
import { resolveColumns, type ColumnMapping } from '../common/columns.ts';
import { columnNames } from '../vendor.ts';
import { scenarioVendor, type ScenarioVendor } from './vendor.ts';

/** The logical event columns, from the descriptor. */
export const SCENARIO_COLUMNS: readonly ScenarioColumn[] = columnNames(scenarioVendor.columns);
export type ScenarioColumn = keyof ScenarioVendor['columns'];

/** Logical column → the user's column name, e.g. `{ ts: 'created_at', user_id: 'uid' }`. */
export type ScenarioColumns = ColumnMapping<ScenarioColumn>;

/**
 * Every logical column with the name to read it by.
 * @throws TypeError for an unknown logical column, an empty name, or two logical columns on one column.
 */
export function resolveScenarioColumns(columns?: ScenarioColumns): Record<ScenarioColumn, string> {
  return resolveColumns('createScenario', SCENARIO_COLUMNS, columns);
}
