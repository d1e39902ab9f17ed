/**
 * Query → Plan. The plan is the validated, normalised, serialisable form of a query that the
 * kernel, the workers and the ClickHouse compiler all read: instants are epoch ms, windows are
 * resolved to a calendar unit or a fixed step, `where` to one normal form.
 *
 * Validation happens here, once, with zod; everything downstream trusts the plan.
 */
import { z } from 'zod';
import { QueryError, type QueryIssue } from '../errors.ts';
import { toEpochMs } from '../time.ts';
import { MEASURE_OP_NAMES, MEASURE_OPS, type MeasureOp } from './measure-ops.ts';
import type { CalendarUnit, Query, Scalar, WindowSpec } from './types.ts';

export const CALENDAR_UNITS = ['minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;

export type PlanWindow =
  | { kind: 'calendar'; unit: CalendarUnit; timeZone: string }
  | { kind: 'fixed'; stepMs: number; originMs: number }
  | { kind: 'none' };

/**
 * A `where` condition in normal form. A row with a null value matches iff `matchNull`;
 * any other row matches iff `values` contains its value, negated when `negate`.
 */
export interface WherePlan {
  column: string;
  values: Scalar[];
  negate: boolean;
  matchNull: boolean;
}

export interface MeasurePlan {
  name: string;
  op: MeasureOp;
  column: string | null;
}

export interface Plan {
  time: string;
  window: PlanWindow;
  range: { start: number; end: number } | null;
  groupBy: string[];
  where: WherePlan[];
  measures: MeasurePlan[];
  fill: 'none' | 'zero';
}

const DURATION_UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION_TEXT = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/;

const instant = z.custom<number | string | Date>((v) => toEpochMs(v) !== null, {
  message: 'must be epoch milliseconds, a Date, or an ISO-8601 date-time with Z or an offset',
});

const timeZone = z.string().refine(isTimeZone, { message: 'is not a known IANA time zone' });

const durationObject = z
  .object({
    days: z.number().nonnegative().optional(),
    hours: z.number().nonnegative().optional(),
    minutes: z.number().nonnegative().optional(),
    seconds: z.number().nonnegative().optional(),
    milliseconds: z.number().nonnegative().optional(),
  })
  .strict();

const WINDOW_MESSAGE =
  "must be one of minute, hour, day, week, month, quarter, year, none, a duration like '5m', '6h', '1d', or { minutes: 90 }";
const windowSchema = z.any().superRefine((w, ctx) => {
  if (typeof w === 'string') {
    if (!(CALENDAR_UNITS as readonly string[]).includes(w) && w !== 'none' && !DURATION_TEXT.test(w)) {
      ctx.addIssue({ code: 'custom', message: WINDOW_MESSAGE });
    }
  } else if (typeof w === 'object' && w !== null && !Array.isArray(w)) {
    const parsed = durationObject.safeParse(w);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const message = i.code === 'unrecognized_keys' ? `unknown field ${i.keys.map((k) => `'${k}'`).join(', ')}` : i.message;
        ctx.addIssue({ code: 'custom', message, path: i.code === 'unrecognized_keys' ? [] : i.path });
      }
    }
  } else {
    ctx.addIssue({ code: 'custom', message: WINDOW_MESSAGE });
  }
  // The refinement above accepts exactly the WindowSpec shapes; typed so the query schema checks against Query.
}) as unknown as z.ZodType<WindowSpec, WindowSpec>;

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const whereCondition = z.union(
  [scalar, z.null(), z.array(z.union([scalar, z.null()])), z.object({ not: z.array(z.union([scalar, z.null()])) }).strict()],
  { error: () => 'must be a value, a list of values, { not: [...] } or null' },
);

const measureSchema = z
  .object({
    op: z.enum(MEASURE_OP_NAMES, { error: () => `must be one of ${MEASURE_OP_NAMES.join(', ')}` }),
    column: z.string().min(1).optional(),
  })
  .strict()
  .refine((m) => MEASURE_OPS[m.op].columnOptional || m.column !== undefined, {
    message: 'needs a column for this op',
    path: ['column'],
  });

const querySchema = z
  .object({
    time: z.string().min(1),
    window: windowSchema,
    timeZone: timeZone.optional(),
    origin: instant.optional(),
    range: z.object({ start: instant, end: instant }).strict().optional(),
    groupBy: z.array(z.string().min(1)).optional(),
    where: z.record(z.string(), whereCondition).optional(),
    measures: z.record(z.string().min(1), measureSchema),
    fill: z.enum(['none', 'zero']).optional(),
    missingColumns: z.enum(['error', 'null']).optional(),
  })
  .strict() satisfies z.ZodType<Query, Query>;

/** True when A and B are the same type with the same fields (extra optional fields would pass plain assignability). */
type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;
// `satisfies` above makes what the schema accepts and returns a Query; this also makes their
// fields the same, so a field added to only one of the two fails to compile.
const schemaIsQuery: Same<z.input<typeof querySchema>, Query> & Same<z.output<typeof querySchema>, Query> = true;
void schemaIsQuery;

/** Does the runtime's Intl know this IANA zone? */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The error for a query whose result would exceed the engine's `maxCells`. */
export function cellCapError(maxCells: number): QueryError {
  return new QueryError([
    {
      path: ['query'],
      message: `plans more than ${maxCells} cells (windows × groups); narrow the range, coarsen the window or raise maxCells`,
    },
  ]);
}

function fail(path: (string | number)[], message: string): never {
  throw new QueryError([{ path, message }]);
}

function durationMs(spec: string | z.infer<typeof durationObject>): number {
  if (typeof spec === 'string') {
    const [, amount, unit] = DURATION_TEXT.exec(spec)!;
    return Number(amount) * DURATION_UNITS_MS[unit as keyof typeof DURATION_UNITS_MS];
  }
  return (
    (spec.days ?? 0) * 86_400_000 +
    (spec.hours ?? 0) * 3_600_000 +
    (spec.minutes ?? 0) * 60_000 +
    (spec.seconds ?? 0) * 1_000 +
    (spec.milliseconds ?? 0)
  );
}

function planWindow(q: z.infer<typeof querySchema>): PlanWindow {
  const w = q.window;
  if (w === 'none') return { kind: 'none' };
  if (typeof w === 'string' && (CALENDAR_UNITS as readonly string[]).includes(w)) {
    return { kind: 'calendar', unit: w as CalendarUnit, timeZone: q.timeZone ?? 'UTC' };
  }
  const stepMs = durationMs(w as string);
  if (!(stepMs >= 1) || !Number.isInteger(stepMs)) fail(['window'], 'must be a whole number of milliseconds, at least 1');
  return { kind: 'fixed', stepMs, originMs: q.origin === undefined ? 0 : toEpochMs(q.origin)! };
}

function planWhere(column: string, cond: z.infer<typeof whereCondition>): WherePlan {
  if (cond === null) return { column, values: [], negate: false, matchNull: true };
  if (Array.isArray(cond)) {
    return { column, values: cond.filter((v): v is Scalar => v !== null), negate: false, matchNull: cond.includes(null) };
  }
  if (typeof cond === 'object') {
    return { column, values: cond.not.filter((v): v is Scalar => v !== null), negate: true, matchNull: !cond.not.includes(null) };
  }
  return { column, values: [cond], negate: false, matchNull: false };
}

const RESERVED = new Set(['window_start', 'window_end']);

/**
 * Validates a query and normalises it into a {@link Plan}.
 * @throws QueryError naming the first bad field.
 */
export function planQuery(query: Query): Plan {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) {
    const issues: QueryIssue[] = parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.code === 'unrecognized_keys' ? `unknown field ${i.keys.map((k) => `'${k}'`).join(', ')}` : i.message,
    }));
    throw new QueryError(issues);
  }
  const q = parsed.data;
  if (q.origin !== undefined && typeof q.window === 'string' && [...CALENDAR_UNITS, 'none'].includes(q.window)) {
    fail(['origin'], 'applies only to fixed-duration windows');
  }
  const range = q.range ? { start: toEpochMs(q.range.start)!, end: toEpochMs(q.range.end)! } : null;
  if (range && range.start >= range.end) fail(['range'], 'start must be before end');
  const fill = q.fill ?? 'none';
  if (fill === 'zero' && !range) fail(['fill'], "'zero' needs a range");

  const groupBy = q.groupBy ?? [];
  const seen = new Set<string>();
  groupBy.forEach((g, i) => {
    if (seen.has(g)) fail(['groupBy', i], `'${g}' is listed twice`);
    if (RESERVED.has(g)) fail(['groupBy', i], `'${g}' is a reserved output column`);
    seen.add(g);
  });
  const measures: MeasurePlan[] = Object.entries(q.measures).map(([name, m]) => {
    if (RESERVED.has(name) || seen.has(name)) fail(['measures', name], 'clashes with another output column');
    return { name, op: m.op, column: m.column ?? null };
  });

  return {
    time: q.time,
    window: planWindow(q),
    range,
    groupBy,
    where: Object.entries(q.where ?? {}).map(([column, cond]) => planWhere(column, cond)),
    measures,
    fill,
  };
}
