/**
 * Matching a presented secret against the configured ones without leaking, through timing, how much
 * of it was right. Both sides are hashed with SHA-256 first, so every comparison runs over 32 bytes
 * whatever the lengths, and every configured secret is compared (no early exit on a match).
 * Web Crypto only, so the same code runs on Node, Deno and Bun.
 */

const encoder = new TextEncoder();

async function digest(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(value)));
}

/** Constant-time equality of two equal-length byte arrays. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * A fixed list of secrets, each paired with a value (a scope, a credential index).
 *
 * @example
 * const tokens = new SecretTable([['tok_1', 'ws-root']]);
 * await tokens.find('tok_1'); // → 'ws-root'
 * await tokens.find('nope');  // → undefined
 */
export class SecretTable<V> {
  readonly #entries: readonly (readonly [string, V])[];
  #digests: Promise<Uint8Array[]> | undefined;

  constructor(entries: Iterable<readonly [string, V]>) {
    this.#entries = [...entries];
  }

  /** The value paired with `candidate`, or undefined when it matches no secret. */
  async find(candidate: string): Promise<V | undefined> {
    // Hashed once, on first use: the constructor stays synchronous.
    this.#digests ??= Promise.all(this.#entries.map(([secret]) => digest(secret)));
    const [known, presented] = await Promise.all([this.#digests, digest(candidate)]);
    let found = -1;
    for (let i = 0; i < known.length; i++) {
      const match = sameBytes(known[i]!, presented);
      // No early exit, no data-dependent branch on the bytes: only the index is kept.
      found = match && found < 0 ? i : found;
    }
    return found < 0 ? undefined : this.#entries[found]![1];
  }
}
