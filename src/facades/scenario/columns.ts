/**
 * The events table the Scenario façade reads: one row per action, with these logical columns
 * (a row leaves null the ones it does not use). `columns` maps a logical name to the name the
 * user's table has.
 */
import { z } from 'zod';

export const SCENARIO_COLUMNS = [
  'ts', 'project_id', 'user_id', 'action', 'is_api_key', 'creative_units', 'discount', 'usage_name',
  'usage_value', 'model_id', 'job_id', 'asset_id', 'asset_kind', 'nsfw_label', 'collection_id',
] as const;
export type ScenarioColumn = (typeof SCENARIO_COLUMNS)[number];

/** Logical column → the user's column name, e.g. `{ ts: 'created_at', user_id: 'uid' }`. */
export type ScenarioColumns = Partial<Record<ScenarioColumn, string>>;

const columnsSchema = z.object(
  Object.fromEntries(SCENARIO_COLUMNS.map((c) => [c, z.string().min(1).optional()])) as Record<ScenarioColumn, z.ZodOptional<z.ZodString>>,
).strict();

/**
 * Every logical column with the name to read it by.
 * @throws TypeError for an unknown logical column or an empty name.
 */
export function resolveColumns(columns: ScenarioColumns = {}): Record<ScenarioColumn, string> {
  const parsed = columnsSchema.safeParse(columns);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue.code === 'unrecognized_keys'
      ? `unknown column ${issue.keys.map((k) => `'${k}'`).join(', ')}; known: ${SCENARIO_COLUMNS.join(', ')}`
      : `${issue.path.join('.')}: must be a non-empty column name`;
    throw new TypeError(`columns: ${message}`);
  }
  return Object.fromEntries(SCENARIO_COLUMNS.map((c) => [c, parsed.data[c] ?? c])) as Record<ScenarioColumn, string>;
}
