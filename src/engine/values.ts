/**
 * The one ordering of dimension values, used for dictionary codes (so code order is value
 * order) and for sorting rows that come back from an external source.
 * Booleans before numbers before strings before anything else; within a type, `<`; nulls last.
 */
function typeRank(v: unknown): number {
  switch (typeof v) {
    case 'boolean':
      return 0;
    case 'number':
      return 1;
    case 'string':
      return 2;
    default:
      return v === null || v === undefined ? 4 : 3;
  }
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a),
    rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra >= 3) return 0;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}
