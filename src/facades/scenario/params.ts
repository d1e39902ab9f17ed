/**
 * The wire parameters of `GET /usages` as HTTP or an SDK sends them → one validated request.
 *
 * Tolerant where the vendor document says so (a bad `type` or `activityOffset` falls back to its
 * default); every other bad value is a 400 with `{ "message": "…" }`.
 *
 * A single-valued parameter sent more than once takes its last value, as API Gateway's
 * `queryStringParameters` (in front of Scenario's API) hands it to the server; list parameters
 * (`type`, `projectIds`, `userIds`) take every value, each a comma list, also as `key[]`.
 */
import { z } from 'zod';
import { FacadeError } from '../../errors.ts';
import { parseIso8601 } from '../../time.ts';
import { wireLast, wireLastRaw, wireList, type WireParams } from '../common/wire.ts';
import { MAX_CUSTOM_RANGE_MS, TIME_RANGES, USAGE_TYPES, type TimeRange, type UsageType } from './enums.ts';

/** Wire parameters: an HTTP query string's values (repeated keys as arrays, a bare `?flag` as `''`) or SDK values. */
export type ScenarioParams = WireParams;

export type RangeRequest = { kind: 'preset'; timeRange: TimeRange } | { kind: 'custom'; start: number; end: number };

/** A validated request. Lists are undefined when no filter applies. */
export interface ScenarioRequest {
  range: RangeRequest;
  types: UsageType[];
  projectIds?: string[];
  userIds?: string[];
  userId?: string;
  activityOffset: number;
  dropZeroPoints: boolean;
}

/** camelCase wire name → the Python SDK's snake_case name. When both are sent, camelCase wins. */
export const SNAKE_ALIASES = {
  startDate: 'start_date',
  endDate: 'end_date',
  timeRange: 'time_range',
  projectIds: 'project_ids',
  userId: 'user_id',
  userIds: 'user_ids',
  type: 'type',
  activityOffset: 'activity_offset',
  dropZeroPoints: 'drop_zero_points',
} as const;
type Name = keyof typeof SNAKE_ALIASES;

/** A decimal number as text: sign, digits with an optional fraction, optional exponent. */
const DECIMAL_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const FALSY_FLAGS = new Set(['false', '0', 'no', 'off']);
const TIME_RANGE_NAMES = Object.keys(TIME_RANGES) as TimeRange[];

/** '' counts as not given. */
const text = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const date = (name: string) =>
  text.transform((v, ctx) => {
    if (v === undefined) return undefined;
    // ISO 8601, extended or basic: a date is UTC midnight, a date-time without an offset is UTC.
    const ms = parseIso8601(v);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: `${name} must be an ISO 8601 date or date-time, got '${v}'` });
      return z.NEVER;
    }
    return ms;
  });

/** Items trimmed, empty items dropped; nothing left → no filter. */
const list = z
  .array(z.string())
  .optional()
  .transform((v) => {
    const items = (v ?? []).map((s) => s.trim()).filter(Boolean);
    return items.length ? items : undefined;
  });

const schema = z
  .object({
    startDate: date('startDate'),
    endDate: date('endDate'),
    timeRange: text,
    projectIds: list,
    userIds: list,
    userId: text,
    // Unknown names are dropped; when none is left (or none was given) every type is reported.
    type: list.transform((v): UsageType[] => {
      const known = USAGE_TYPES.filter((t) => v?.includes(t));
      return known.length ? known : [...USAGE_TYPES];
    }),
    // The SDK types the offset as a float, so any decimal number with an integral value is that
    // offset (`100`, `100.0`, `+100`, `1e2`); negative, fractional, not a number, empty: 0.
    activityOffset: z
      .union([z.string(), z.number()])
      .optional()
      .transform((v) => {
        const n = typeof v === 'number' ? v : typeof v === 'string' && DECIMAL_NUMBER.test(v.trim()) ? Number(v) : NaN;
        return Number.isSafeInteger(n) && n >= 0 ? n + 0 : 0; // + 0: -0 is 0
      }),
    // Bare flag or any value enables; absent or false/0/no/off (any letter case, trimmed) disables.
    dropZeroPoints: z
      .string()
      .optional()
      .transform((v) => v !== undefined && !FALSY_FLAGS.has(v.trim().toLowerCase())),
  })
  .transform((p, ctx): ScenarioRequest => {
    const base = {
      types: p.type,
      projectIds: p.projectIds,
      userIds: p.userIds,
      userId: p.userId,
      activityOffset: p.activityOffset,
      dropZeroPoints: p.dropZeroPoints,
    };
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    const { startDate: start, endDate: end } = p;
    if (start !== undefined && end !== undefined) {
      if (start >= end) return fail('startDate must be before endDate');
      if (end - start > MAX_CUSTOM_RANGE_MS) return fail('The range from startDate to endDate must not exceed 120 days');
      return { ...base, range: { kind: 'custom', start, end } };
    }
    if (start !== undefined) return fail('endDate is required when startDate is given');
    if (end !== undefined) return fail('startDate is required when endDate is given');
    const timeRange = p.timeRange ?? 'last-seven-days';
    if (!(TIME_RANGE_NAMES as string[]).includes(timeRange)) {
      return fail(`timeRange must be one of ${TIME_RANGE_NAMES.join(', ')}, got '${timeRange}'`);
    }
    return { ...base, range: { kind: 'preset', timeRange: timeRange as TimeRange } };
  });

/** The 400 the façade answers a bad request with. */
export function badRequest(message: string): FacadeError {
  return new FacadeError(400, { message });
}

/** Reads each parameter under its camelCase name, else its snake_case one. */
function read(params: WireParams) {
  const last = (name: Name) => wireLast(params, name) ?? wireLast(params, SNAKE_ALIASES[name]);
  const many = (name: Name) =>
    wireList(params, name, { brackets: true, commas: true }) ??
    wireList(params, SNAKE_ALIASES[name], { brackets: true, commas: true });
  const offset = wireLastRaw(params, 'activityOffset') ?? wireLastRaw(params, 'activity_offset');
  return {
    startDate: last('startDate'),
    endDate: last('endDate'),
    timeRange: last('timeRange'),
    projectIds: many('projectIds'),
    userIds: many('userIds'),
    userId: last('userId'),
    type: many('type'),
    activityOffset: offset,
    dropZeroPoints: last('dropZeroPoints'),
  };
}

/**
 * Validates wire parameters (camelCase or the SDK's snake_case names).
 * @throws FacadeError 400 `{ message }` for the first problem found.
 * @example
 * parseParams({ time_range: 'last-day', type: 'usages,activity', dropZeroPoints: '' })
 * // { range: { kind: 'preset', timeRange: 'last-day' }, types: ['usages', 'activity'], dropZeroPoints: true, … }
 */
export function parseParams(params: ScenarioParams): ScenarioRequest {
  const parsed = schema.safeParse(read(params ?? {}));
  if (!parsed.success) throw badRequest(parsed.error.issues[0].message);
  return parsed.data;
}
