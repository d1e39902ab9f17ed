/**
 * Wire parameters as the façades receive them: an HTTP query string turned into an object
 * (repeated keys or `key[]` give an array of raw strings, a bare `?flag` gives `''`), or an SDK
 * call's own object (numbers, booleans, Dates). These helpers read one parameter the way the
 * vendors' servers do, before the façade's zod schema validates the values.
 */
import { z } from 'zod';

/** One value of a wire parameter. Dates come from SDK-style calls (`starting_at: new Date()`). */
export type WireScalar = string | number | boolean | Date | null | undefined;

/**
 * A parameter that takes several values, as a typed parameter object declares it: one value (a
 * comma list is read as the vendor reads it) or a list.
 */
export type WireMany<T extends string | number> = T | readonly T[] | (string & {}) | readonly string[];

/** The wire parameters of one request. */
export type WireParams = Readonly<Record<string, WireScalar | readonly WireScalar[]>>;

const wireScalar = z.union([z.string(), z.number(), z.boolean(), z.date(), z.null(), z.undefined()]);

/** zod schema of a wire parameter object: any keys, each a scalar or a list of scalars. */
export const wireParamsSchema = z.record(z.string(), z.union([wireScalar, z.array(wireScalar).readonly()]));

/** A scalar as the server sees it on the wire: its text; null and undefined are absent. */
export function wireText(value: WireScalar): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : 'Invalid Date';
  return String(value);
}

function texts(value: WireParams[string]): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const v of list as readonly WireScalar[]) {
    const t = wireText(v);
    if (t !== undefined) out.push(t);
  }
  return out;
}

/**
 * A single-valued parameter: the last value sent, as Starlette's and Django's query dicts
 * return it for a repeated key; `undefined` when absent.
 *
 * @example
 * wireLast({ period: ['7d', '30d'] }, 'period') // '30d'
 */
export function wireLast(params: WireParams, name: string): string | undefined {
  const all = texts(params[name]);
  return all.length ? all[all.length - 1] : undefined;
}

/** Numbers pass through untouched (so an integer check can see `1.5`); everything else as {@link wireLast}. */
export function wireLastRaw(params: WireParams, name: string): string | number | undefined {
  const raw = params[name];
  const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  return typeof last === 'number' ? last : wireLast(params, name);
}

export interface WireListOptions {
  /** Also read `name[]` (the form the official TypeScript clients send). */
  brackets?: boolean;
  /** Split each value on commas (`a,b`), as `qs` with `arrayFormat: 'comma'` sends a list. */
  commas?: boolean;
}

/**
 * A list parameter: every value sent under `name` (and `name[]`), in order, optionally split on
 * commas; `undefined` when the parameter is absent or an empty list (as `qs` leaves an empty array out).
 *
 * @example
 * wireList({ 'applications[]': 'adme,protein_design' }, 'applications', { brackets: true, commas: true })
 * // ['adme', 'protein_design']
 */
export function wireList(params: WireParams, name: string, options: WireListOptions = {}): string[] | undefined {
  const keys = options.brackets ? [name, `${name}[]`] : [name];
  const out: string[] = [];
  for (const key of keys) {
    for (const t of texts(params[key])) {
      if (options.commas) out.push(...t.split(','));
      else out.push(t);
    }
  }
  return out.length ? out : undefined;
}
