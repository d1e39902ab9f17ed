/**
 * Ids and labels as the vendors type them: strings. An event's number or boolean is its text
 * (`42` → `"42"`), null stays null (NaN too, as the engine reads it), and a filter id that spells
 * a number also matches that number, so `42` and `"42"` are one value wherever a façade shows or
 * filters it.
 */

/**
 * @example
 * asText(42)   // '42'
 * asText(null) // null
 */
export function asText(value: unknown): string | null {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * The values a filter on ids matches: each id as sent, and the number it spells when it is one.
 *
 * @example
 * filterValues(['ws-a', '42']) // ['ws-a', '42', 42]
 */
export function filterValues(ids: readonly string[]): (string | number)[] {
  const out: (string | number)[] = [...ids];
  for (const id of ids) {
    const n = Number(id);
    if (id.trim() !== '' && Number.isFinite(n) && String(n) === id) out.push(n);
  }
  return out;
}
