/**
 * MIOSA `GET /api/v1/usage` query parameters. A parameter sent twice takes its last value;
 * an empty value is a value (`?period=` is an invalid period, not the default).
 * Checked in the order group_by, period, custom range; the first problem is the error.
 */
import { z } from 'zod';
import { parseIso8601 } from '../../time.ts';
import { wireLast, wireParamsSchema, type WireParams } from '../common/wire.ts';
import { reject, rejections } from '../common/zod-issues.ts';
import { miosaError, type MiosaErrorCode } from './errors.ts';

export const GROUP_BY = ['external_user_id', 'external_project_id', 'workspace_id'] as const;
export const PERIODS = ['7d', '30d', 'mtd', 'custom'] as const;
export type MiosaGroupBy = (typeof GROUP_BY)[number];
export type MiosaPeriod = (typeof PERIODS)[number];

export type MiosaParams =
  | { groupBy: MiosaGroupBy; period: '7d' | '30d' | 'mtd' }
  | { groupBy: MiosaGroupBy; period: 'custom'; start: number; end: number };

interface Rejection {
  code: MiosaErrorCode;
  message: string;
}

const fail = (ctx: z.RefinementCtx, code: MiosaErrorCode, message: string) => reject(ctx, { code, message } satisfies Rejection);

const oneOf = <T extends string>(choices: readonly T[], fallback: T, code: MiosaErrorCode, name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return fallback;
      return (choices as readonly string[]).includes(v)
        ? (v as T)
        : fail(ctx, code, `${name} must be one of ${choices.join(', ')}`);
    });

const fields = z
  .object({
    group_by: oneOf(GROUP_BY, 'external_user_id', 'invalid group_by', 'group_by'),
    period: oneOf(PERIODS, '30d', 'invalid period', 'period'),
    start: z.string().optional(),
    end: z.string().optional(),
  })
  .transform((d, ctx): MiosaParams => {
    if (d.period !== 'custom') return { groupBy: d.group_by, period: d.period };
    if (d.start === undefined || d.end === undefined) {
      return fail(ctx, 'invalid_custom_range', 'start and end are required when period=custom');
    }
    // Any valid ISO 8601 date or date-time: a date is UTC midnight, no offset is UTC.
    const start = parseIso8601(d.start);
    const end = parseIso8601(d.end);
    if (start === null || end === null) {
      return fail(
        ctx,
        'invalid_custom_range',
        'start and end must be valid ISO 8601 dates or date-times, e.g. 2026-04-26T00:00:00Z',
      );
    }
    if (start >= end) return fail(ctx, 'invalid_custom_range', 'start must be before end');
    return { groupBy: d.group_by, period: 'custom', start, end };
  });

/**
 * Validates the wire parameters.
 * @throws FacadeError 422 `{ error: { code, message } }`.
 */
export function parseMiosaParams(params: WireParams): MiosaParams {
  const wire = wireParamsSchema.safeParse(params ?? {});
  if (!wire.success) throw new TypeError('miosa.usage.get: params must be an object of query values');
  const p = wire.data;
  const parsed = fields.safeParse({
    group_by: wireLast(p, 'group_by'),
    period: wireLast(p, 'period'),
    start: wireLast(p, 'start'),
    end: wireLast(p, 'end'),
  });
  if (parsed.success) return parsed.data;
  const first = rejections<Rejection>(parsed.error)[0];
  throw miosaError(first.code, first.message);
}
