/** Adverity's (Django REST framework's) error bodies. */
import { FacadeError } from '../../errors.ts';

/** 400 with DRF's field errors: `{ field: ["message"] }`, fields in the order given. */
export function fieldErrors(errors: [field: string, message: string][]): FacadeError {
  return new FacadeError(400, Object.fromEntries(errors.map(([field, message]) => [field, [message]])));
}

/** DRF's `NotFound` from page-number pagination. */
export function invalidPage(): FacadeError {
  return new FacadeError(404, { detail: 'Invalid page.' });
}
