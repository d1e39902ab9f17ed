/** MIOSA's error body: 422 `{ "error": { "code", "message" } }`, the codes spelled as the vendor documents them. */
import { FacadeError } from '../../errors.ts';

export type MiosaErrorCode = 'invalid group_by' | 'invalid period' | 'invalid_custom_range';

/**
 * @example
 * throw miosaError('invalid period', 'period must be one of 7d, 30d, mtd, custom');
 */
export function miosaError(code: MiosaErrorCode, message: string): FacadeError {
  return new FacadeError(422, { error: { code, message } });
}
