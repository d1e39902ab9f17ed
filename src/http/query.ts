/**
 * An HTTP query string → the wire-parameter object the façades take.
 *
 * The vendors' SDKs encode arrays three ways, and all three must reach the façade intact:
 * repeated keys (`?workspace_id=a&workspace_id=b`, requests/DRF style), bracketed keys
 * (`?group_by[]=a`, the Stainless SDKs) and comma lists (`?group_by[]=a,b`). Splitting comma lists is
 * left to each façade's schema, because only the vendor decides where a comma separates values.
 */

/** What a façade method receives: raw strings, arrays of raw strings for array-shaped keys. */
export type WireParams = Record<string, string | string[] | number | boolean | undefined>;

/**
 * Parses a query string: a key given once is a string; a key repeated, or spelled `key[]`, is an
 * array of strings in the order given; a bare `?flag` is `''`.
 *
 * @example
 * parseQuery(new URLSearchParams('group_by[]=workspace_id,application&limit=10&dropZeroPoints'));
 * // → { group_by: ['workspace_id,application'], limit: '10', dropZeroPoints: '' }
 */
export function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  // A null-prototype object: a key named `__proto__` or `constructor` is just another parameter.
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [rawKey, value] of search) {
    const bracketed = rawKey.endsWith('[]') && rawKey.length > 2;
    const key = bracketed ? rawKey.slice(0, -2) : rawKey;
    const seen = out[key];
    if (seen === undefined) out[key] = bracketed ? [value] : value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[key] = [seen, value];
  }
  // Back to an ordinary object (own data properties only) for schemas that expect one.
  return Object.fromEntries(Object.entries(out));
}
