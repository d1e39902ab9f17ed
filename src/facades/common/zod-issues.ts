/**
 * Carrying a vendor's own error item through a zod schema: a field's transform rejects with
 * the item in the issue's params, and the façade collects the items (in the schema's field
 * order) to build the vendor's error body.
 */
import { z } from 'zod';

const KEY = 'vendorError';

/**
 * Adds an issue carrying `error`; returns `z.NEVER` for the transform to return.
 *
 * @example
 * z.string().transform((s, ctx) => s === 'HOUR' ? s : reject(ctx, { detail: 'bad' }))
 */
export function reject(ctx: z.RefinementCtx, error: unknown): never {
  ctx.addIssue({ code: 'custom', message: 'invalid parameter', params: { [KEY]: error } });
  return z.NEVER;
}

/** The vendor error items of a failed parse, in issue order. */
export function rejections<T>(error: z.ZodError): T[] {
  return error.issues.map((issue) => {
    const params = issue.code === 'custom' ? issue.params : undefined;
    if (!params || !(KEY in params)) throw new Error(`unexpected parameter issue: ${issue.message}`);
    return params[KEY] as T;
  });
}
