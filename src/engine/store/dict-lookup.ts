/**
 * The dictionary lookup the generated column loops share (./columns.ts, ./records.ts): a value
 * → its code in a dictionary of distinct values in first-seen order.
 *
 * A Map lookup hashes its key, and a string that has not been hashed yet (every string a parser
 * just made) is hashed whole. Before the Map, a small direct-mapped cache is asked: the slot
 * comes from a string's length and three of its characters, and a hit is one `===` (a pointer
 * compare for the same string, a short compare for an equal copy). Measured at 2M rows (CPU
 * time, lookups alone): 1,000 ids 43 → 17 ms (each row a copy of its string: 50 → 26 ms), 6
 * application names 28 → 12 ms (a linear search of them: 24 ms). Values that share a slot just
 * miss and go to the Map.
 *
 * Equality is the Map's: `===` and SameValueZero differ only on NaN, which never gets here
 * (null, undefined and NaN have no code).
 */

/** Slots of the cache; a power of two. */
const SLOTS = 4096;

/** One column's dictionary while it is being built. */
export interface DictState {
  map: Map<unknown, number>;
  dict: unknown[];
  /** The value cached in each slot (undefined: empty; no value looked up is undefined). */
  seen: unknown[];
  seenCode: Int32Array;
}

export function newDictState(): DictState {
  return { map: new Map(), dict: [], seen: new Array(SLOTS).fill(undefined), seenCode: new Int32Array(SLOTS) };
}

/**
 * Source text that sets `code` to the code of `v` (not null, undefined or NaN), adding `v` to
 * the dictionary when new. Expects `map${c}`, `dict${c}`, `seen${c}` and `seenCode${c}` in scope
 * (see {@link dictLocals}).
 */
export function dictLookupSource(c: string | number): string {
  return `
        let slot = 0;
        if (typeof v === 'string') {
          const len = v.length;
          slot = len < 3 ? len : (len * 7 + v.charCodeAt(len - 1) * 961 + v.charCodeAt(len - 2) * 31 + v.charCodeAt(len - 3) + v.charCodeAt(len >> 1) * 29791) & ${SLOTS - 1};
        }
        if (seen${c}[slot] === v) code = seenCode${c}[slot];
        else {
          const m = map${c}.get(v);
          if (m !== undefined) code = m;
          else { code = dict${c}.length; dict${c}.push(v); map${c}.set(v, code); }
          seen${c}[slot] = v; seenCode${c}[slot] = code;
        }`;
}

/** Source text declaring one column's lookup state from `state` (a {@link DictState}). */
export function dictLocals(c: string | number, state: string): string {
  return `const map${c} = ${state}.map, dict${c} = ${state}.dict, seen${c} = ${state}.seen, seenCode${c} = ${state}.seenCode;`;
}
