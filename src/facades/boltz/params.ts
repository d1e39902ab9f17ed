/**
 * Boltz `GET /compute/v1/admin/usage` query parameters, as FastAPI (pydantic v2) validates them.
 *
 * Accepted forms, so both official clients and plain HTTP work: a list parameter as repeated
 * keys, as `name[]` (the TypeScript client's key) and as a comma list (`applications[]=a,b`,
 * the TypeScript client's `arrayFormat: 'comma'`); numbers as strings; datetimes as ISO 8601
 * text with an offset or as Dates (SDK-style calls). A single-valued parameter sent twice takes
 * its last value, as Starlette's query dict does.
 *
 * Every invalid parameter is reported in one 422, in the order of this schema's fields.
 */
import { z } from 'zod';
import { at, parseLaxInt, pydantic, validationError, type FastApiErrorItem, type PydanticError } from './fastapi.ts';
import { parseAwareDateTime } from './pydantic-datetime.ts';
import { wireLast, wireLastRaw, wireList, wireParamsSchema, type WireParams } from '../common/wire.ts';
import { reject, rejections } from '../common/zod-issues.ts';

export const WINDOW_SIZES = ['HOUR', 'DAY'] as const;
export const APPLICATIONS = [
  'structure_and_binding',
  'small_molecule_design',
  'small_molecule_library_screen',
  'protein_design',
  'protein_library_screen',
  'adme',
] as const;
export const GROUP_BY = ['workspace_id', 'application'] as const;
export const LIMIT_DEFAULT = 100;
export const LIMIT_MAX = 1000;

export type WindowSize = (typeof WINDOW_SIZES)[number];
export type Application = (typeof APPLICATIONS)[number];
export type GroupBy = (typeof GROUP_BY)[number];

/** The request after validation: instants as epoch ms, lists deduplicated, defaults applied. */
export interface BoltzParams {
  startingAt: number;
  endingAt: number;
  windowSize: WindowSize;
  applications: Application[] | null;
  workspaceIds: string[] | null;
  groupBy: GroupBy[];
  limit: number;
  page: string | null;
}

const fail = (ctx: z.RefinementCtx, loc: (string | number)[], error: PydanticError) => reject(ctx, at(['query', ...loc], error));

const awareDateTime = (name: string) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return fail(ctx, [name], pydantic.missing());
      const parsed = parseAwareDateTime(text);
      return parsed.ok ? parsed.ms : fail(ctx, [name], parsed.error);
    });

const isChoice = <T extends string>(choices: readonly T[], value: string): value is T =>
  (choices as readonly string[]).includes(value);

const choice = <T extends string>(name: string, choices: readonly T[]) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return fail(ctx, [name], pydantic.missing());
      return isChoice(choices, text) ? text : fail(ctx, [name], pydantic.enumMember(text, choices));
    });

/** A list of enum members: each bad item is its own error, at `[name, index]`. */
const choiceList = <T extends string>(name: string, choices: readonly T[]) =>
  z
    .array(z.string())
    .optional()
    .transform((values, ctx) => {
      if (values === undefined) return null;
      const bad = values.flatMap((v, i) => (isChoice(choices, v) ? [] : [i]));
      for (const i of bad) fail(ctx, [name, i], pydantic.enumMember(values[i], choices));
      return bad.length ? z.NEVER : [...new Set(values as T[])];
    });

const limit = z
  .union([z.string(), z.number()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return LIMIT_DEFAULT;
    const parsed = parseLaxInt(value);
    if (!parsed.ok) return fail(ctx, ['limit'], parsed.error);
    if (parsed.value < 1) return fail(ctx, ['limit'], pydantic.greaterThanEqual(value, 1));
    if (parsed.value > LIMIT_MAX) return fail(ctx, ['limit'], pydantic.lessThanEqual(value, LIMIT_MAX));
    return parsed.value;
  });

const fields = z.object({
  starting_at: awareDateTime('starting_at'),
  ending_at: awareDateTime('ending_at'),
  window_size: choice('window_size', WINDOW_SIZES),
  applications: choiceList('applications', APPLICATIONS),
  workspace_ids: z
    .array(z.string())
    .optional()
    .transform((v) => (v === undefined ? null : [...new Set(v)])),
  group_by: choiceList('group_by', GROUP_BY),
  limit,
  page: z
    .string()
    .optional()
    .transform((v) => v ?? null),
});

const listOptions = { brackets: true, commas: true };

/** The values of the parameters this endpoint reads, as the server receives them. */
function read(p: WireParams) {
  return {
    starting_at: wireLast(p, 'starting_at'),
    ending_at: wireLast(p, 'ending_at'),
    window_size: wireLast(p, 'window_size'),
    applications: wireList(p, 'applications', listOptions),
    workspace_ids: wireList(p, 'workspace_ids', listOptions),
    group_by: wireList(p, 'group_by', listOptions),
    limit: wireLastRaw(p, 'limit'),
    page: wireLast(p, 'page'),
  };
}

/**
 * Validates the wire parameters.
 * @throws FacadeError 422 `{ detail: [...] }` listing every invalid parameter.
 */
export function parseBoltzParams(params: WireParams): BoltzParams {
  const wire = wireParamsSchema.safeParse(params ?? {});
  if (!wire.success) throw new TypeError('boltz.admin.usage.list: params must be an object of query values');
  const parsed = fields.safeParse(read(wire.data));
  if (!parsed.success) throw validationError(rejections<FastApiErrorItem>(parsed.error));
  const d = parsed.data;
  return {
    startingAt: d.starting_at,
    endingAt: d.ending_at,
    windowSize: d.window_size,
    applications: d.applications,
    workspaceIds: d.workspace_ids,
    groupBy: GROUP_BY.filter((g) => d.group_by?.includes(g)),
    limit: d.limit,
    page: d.page,
  };
}
