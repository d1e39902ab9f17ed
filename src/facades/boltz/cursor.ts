/**
 * Opaque page cursors bound to the query that produced them.
 *
 * A cursor carries a row offset, a hash of the query it belongs to (the caller's normalised
 * parameters, without the paging ones) and a checksum over both, base64url-encoded. So a
 * cursor replayed with other parameters is told apart from one whose bytes were edited, and an
 * edited offset is caught by the checksum. The hashes are for binding, not secrecy: the cursor
 * is opaque to clients by contract, not by cryptography.
 */

export type CursorResult =
  | { ok: true; offset: number }
  /** `malformed`: not a cursor of ours, or edited. `mismatch`: issued for a different query. */
  | { ok: false; reason: 'malformed' | 'mismatch' };

const PAYLOAD = /^c1\.(0|[1-9]\d{0,15})\.([0-9a-f]{16})\.([0-9a-f]{16})$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A 64-bit non-cryptographic string hash (two multiplicative 32-bit lanes), as 16 hex digits. */
export function hash64(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * A canonical text for a query's parameters: JSON with object keys sorted, so the same
 * parameters always bind the same way whatever order they were written in.
 *
 * @example
 * queryBinding({ b: 1, a: [2, 3] }) === queryBinding({ a: [2, 3], b: 1 }) // true
 */
export function queryBinding(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(queryBinding).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${queryBinding(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function toBase64Url(ascii: string): string {
  return btoa(ascii).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(token: string): string | null {
  if (!BASE64URL.test(token) || token.length % 4 === 1) return null;
  try {
    return atob(token.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
}

const checksum = (offset: number, queryHash: string) => hash64(`${offset}.${queryHash}`, 0x5bd1e995);

/**
 * The cursor for the page starting at row `offset` of the query whose {@link queryBinding} is `binding`.
 *
 * @example
 * const next = encodeCursor(100, queryBinding(params));
 * decodeCursor(next, queryBinding(params)) // { ok: true, offset: 100 }
 */
export function encodeCursor(offset: number, binding: string): string {
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError('cursor offset must be a non-negative integer');
  const queryHash = hash64(binding);
  return toBase64Url(`c1.${offset}.${queryHash}.${checksum(offset, queryHash)}`);
}

/** Reads a cursor back, checking it is intact and was issued for the query `binding`. */
export function decodeCursor(token: string, binding: string): CursorResult {
  const payload = fromBase64Url(token);
  const m = payload === null ? null : PAYLOAD.exec(payload);
  if (!m) return { ok: false, reason: 'malformed' };
  const offset = Number(m[1]);
  // Only the exact bytes we issue are accepted (base64 has spare bits a client could flip).
  if (!Number.isSafeInteger(offset) || checksum(offset, m[2]) !== m[3] || toBase64Url(payload!) !== token) {
    return { ok: false, reason: 'malformed' };
  }
  if (m[2] !== hash64(binding)) return { ok: false, reason: 'mismatch' };
  return { ok: true, offset };
}
