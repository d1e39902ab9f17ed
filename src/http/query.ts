/**
 * An HTTP query string → the wire-parameter object the façades take.
 *
 * The vendors' SDKs encode arrays three ways, and all three must reach the façade intact:
 * repeated keys (`?workspace_id=a&workspace_id=b`, requests/DRF style), bracketed keys
 * (`?group_by[]=a`, the Stainless SDKs) and comma lists (`?group_by[]=a,b`). Splitting comma lists is
 * left to each façade's schema, because only the vendor decides where a comma separates values.
 */

/**
 * A parsed query string, as the handler hands it to a façade method: raw strings, arrays of raw
 * strings for repeated or `key[]` keys. (The façades accept more — numbers, booleans, Dates — when
 * called in-process; this is the part of it HTTP can carry.)
 */
export type QueryParams = Record<string, string | string[]>;

/**
 * Parses a query string: a key given once is a string; a key repeated, or spelled `key[]`, is an
 * array of strings in the order given; a bare `?flag` is `''`.
 *
 * @example
 * parseQuery(new URLSearchParams('group_by[]=workspace_id,application&limit=10&dropZeroPoints'));
 * // → { group_by: ['workspace_id,application'], limit: '10', dropZeroPoints: '' }
 */
export function parseQuery(search: URLSearchParams): QueryParams {
  // A null-prototype object: a key named `__proto__` or `constructor` is just another parameter.
  const out: QueryParams = Object.create(null);
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
