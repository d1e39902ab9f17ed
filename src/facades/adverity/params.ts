/**
 * Adverity `GET /api/v1/usage/` query parameters, as its Django REST framework view reads
 * them: a single-valued parameter sent twice takes its last value; an empty filter value is
 * absent (the default); `workspace_id` and `datastream_id` repeat (also as `name[]` and as
 * comma lists). Dates and granularity are validated together into one 400 body; `page` and
 * `page_size` follow DRF's page-number pagination.
 */
import { z } from 'zod';
import { parseIsoDate } from '../../time.ts';
import { wireLast, wireList, wireParamsSchema, type WireParams } from '../common/wire.ts';
import { reject, rejections } from '../common/zod-issues.ts';
import { fieldErrors } from './errors.ts';

export const GRANULARITIES = ['daily', 'monthly'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 100;

export interface AdverityParams {
  granularity: Granularity;
  /** UTC midnight (epoch ms) of the date given, or null for the default. */
  dateFrom: number | null;
  dateTo: number | null;
  workspaceIds: string[] | null;
  datastreamIds: string[] | null;
  /** The raw `page` value; pagination reads it once the row count is known. */
  page: string | undefined;
  pageSize: number;
}

const DATE_FORMAT_MESSAGE = 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.';
// Django's parse_date: one or two digit month and day.
const DJANGO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** Django's `parse_date`, to the epoch ms of the date's UTC midnight; null when not a date. */
export function parseDjangoDate(text: string): number | null {
  const m = DJANGO_DATE.exec(text);
  return m ? parseIsoDate(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`) : null;
}

/** Python's `int()` of a query value: whitespace around, `+`/`-`, `_` between digits. */
export function parsePythonInt(text: string): number | null {
  const t = text.trim();
  return /^[+-]?\d+(?:_\d+)*$/.test(t) ? Number.parseInt(t.replace(/_/g, ''), 10) : null;
}

const blankIsAbsent = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const date = (field: string) =>
  blankIsAbsent.transform((v, ctx) => {
    if (v === undefined) return null;
    return parseDjangoDate(v) ?? reject(ctx, [field, DATE_FORMAT_MESSAGE]);
  });

const fields = z.object({
  granularity: blankIsAbsent.transform((v, ctx) => {
    if (v === undefined) return 'daily' as Granularity;
    return (GRANULARITIES as readonly string[]).includes(v)
      ? (v as Granularity)
      : reject(ctx, ['granularity', `"${v}" is not a valid choice.`]);
  }),
  date_from: date('date_from'),
  date_to: date('date_to'),
});

/** DRF's `get_page_size`: a positive integer capped at the maximum; anything else the default. */
function pageSize(raw: string | undefined): number {
  const n = raw === undefined ? null : parsePythonInt(raw);
  return n === null || n <= 0 ? PAGE_SIZE_DEFAULT : Math.min(n, PAGE_SIZE_MAX);
}

const ids = (p: WireParams, name: string): string[] | null => {
  const list = wireList(p, name, { brackets: true, commas: true })?.filter((v) => v !== '');
  return list?.length ? [...new Set(list)] : null;
};

/**
 * Validates the wire parameters.
 * @throws FacadeError 400 `{ field: ["message"] }` for a bad granularity or date.
 */
export function parseAdverityParams(params: WireParams): AdverityParams {
  const wire = wireParamsSchema.safeParse(params ?? {});
  if (!wire.success) throw new TypeError('adverity.usage.list: params must be an object of query values');
  const p = wire.data;
  const parsed = fields.safeParse({
    granularity: wireLast(p, 'granularity'),
    date_from: wireLast(p, 'date_from'),
    date_to: wireLast(p, 'date_to'),
  });
  if (!parsed.success) throw fieldErrors(rejections<[string, string]>(parsed.error));
  return {
    granularity: parsed.data.granularity,
    dateFrom: parsed.data.date_from,
    dateTo: parsed.data.date_to,
    workspaceIds: ids(p, 'workspace_id'),
    datastreamIds: ids(p, 'datastream_id'),
    page: wireLast(p, 'page'),
    pageSize: pageSize(wireLast(p, 'page_size')),
  };
}
