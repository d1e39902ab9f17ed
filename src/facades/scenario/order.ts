/**
 * The one order every id-sorted list of the response uses (model ids, NSFW labels, user ids,
 * entity ids): the engine's group order — numbers numerically, strings by UTF-16 code units,
 * booleans before numbers before strings — so lists sorted here and lists the engine sorted agree.
 */

const RANK = { boolean: 0, number: 1, string: 2 } as Record<string, number | undefined>;

/** Ascending; anything that is not a boolean, number or string sorts last. */
export function compareIds(a: unknown, b: unknown): number {
  const ra = RANK[typeof a] ?? 3, rb = RANK[typeof b] ?? 3;
  if (ra !== rb) return ra - rb;
  if (ra === 3) return 0;
  return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
}
