/**
 * The one ascending order for dimension values, the engine's own: booleans before numbers
 * before strings, numbers numerically, strings by UTF-16 code units, false before true, and
 * null (or undefined) last.
 */

function rank(v: unknown): number {
  if (v === null || v === undefined) return 3;
  if (typeof v === 'boolean') return 0;
  if (typeof v === 'number') return 1;
  return 2;
}

/**
 * Comparator for `Array.prototype.sort`: ascending, nulls last.
 *
 * @example
 * ['b', null, 'a'].sort(compareValues) // ['a', 'b', null]
 */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a), rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 3) return 0;
  const x = ra === 2 ? String(a) : (a as number | boolean);
  const y = rb === 2 ? String(b) : (b as number | boolean);
  return x < y ? -1 : x > y ? 1 : 0;
}
