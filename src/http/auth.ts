/**
 * Per-vendor authentication (docs/http.md): each auth scheme a vendor's descriptor can name,
 * implemented once, its configured secrets, and the vendor's own 401. A vendor left out of the
 * config is served without a check — except a `scoped-token` vendor (Adverity), whose caller
 * scope (a workspace id) comes from the token, so it always needs one.
 */
import { z } from 'zod';
import type { AuthScheme } from '../facades/vendor.ts';
import { VENDORS, type Vendor, type VendorAuthConfig } from '../facades/vendors.ts';
import { SecretTable } from './secrets.ts';
import { unauthorized } from './vendor-errors.ts';

const nonEmpty = z.string().min(1, 'must not be empty');

/**
 * Which credentials each vendor accepts, in the form of its auth scheme: the `auth` option of
 * `createFetchHandler`, and the JSON of the CLI's `--keys` file.
 *
 * @example
 * const auth: AuthConfig = {
 *   boltz: { apiKeys: ['bk_test'] },
 *   miosa: { apiKeys: ['msk_test'] },
 *   scenario: { credentials: [{ key: 'hello', secret: 'world' }] },
 *   adverity: { tokens: { tok_root: 'ws-root' } }, // token → the caller's workspace id
 * };
 */
export type AuthConfig = VendorAuthConfig;

/** The config schema of each auth scheme. */
function schemeSchema(scheme: AuthScheme): z.ZodType {
  switch (scheme.kind) {
    case 'api-key':
      return z.strictObject({ apiKeys: z.array(nonEmpty) });
    case 'basic':
      return z.strictObject({
        credentials: z.array(
          // HTTP Basic splits at the first colon, so a key holding one could never match.
          z.strictObject({ key: nonEmpty.refine((k) => !k.includes(':'), 'must not contain ":"'), secret: nonEmpty }),
        ),
      });
    // Scopes (workspace ids) may be strings or numbers, as in the Adverity façade's workspace catalog.
    case 'scoped-token':
      return z.strictObject({ tokens: z.record(nonEmpty, z.union([nonEmpty, z.number()])) });
  }
}

/** Checks an {@link AuthConfig} (typed explicitly, so the public types do not depend on zod's inference). */
export const authConfigSchema = z.strictObject(
  Object.fromEntries(VENDORS.map((v) => [v.name, schemeSchema(v.auth).optional()])),
) as unknown as z.ZodType<AuthConfig>;

/**
 * Validates an auth config (from code or a keys file); throws a TypeError naming the bad field.
 *
 * @example
 * parseAuthConfig(JSON.parse(readFileSync('keys.json', 'utf8')));
 */
export function parseAuthConfig(value: unknown): AuthConfig {
  const result = authConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = ['auth', ...issue.path.map(String)].join('.');
  throw new TypeError(`${path}: ${issue.message}`);
}

/** Passed: for Adverity, with the caller's scope. Failed: the vendor's 401 to send back. */
export type AuthOutcome = { ok: true; scope?: string | number } | { ok: false; response: Response };

type Check = (request: Request) => Promise<AuthOutcome>;

const PASS: AuthOutcome = { ok: true };

/** Splits `Authorization: <scheme> <rest>`, the scheme matched case-insensitively. */
function credentialsFor(request: Request, schemes: string[]): string | undefined {
  const header = request.headers.get('authorization');
  if (header === null) return undefined;
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  if (!schemes.includes(scheme)) return undefined;
  return space < 0 ? '' : header.slice(space + 1).trim();
}

function fail(vendor: Vendor, failure: Parameters<typeof unauthorized>[1]): AuthOutcome {
  return { ok: false, response: unauthorized(vendor, failure) };
}

function apiKeyCheck(vendor: Vendor, keys: string[], read: (r: Request) => string | undefined): Check {
  const table = new SecretTable(keys.map((k) => [k, true] as const));
  return async (request) => {
    const presented = read(request);
    if (!presented) return fail(vendor, 'missing');
    return (await table.find(presented)) ? PASS : fail(vendor, 'invalid');
  };
}

/** Decodes HTTP Basic credentials (RFC 7617: UTF-8, split at the first colon). */
function decodeBasic(encoded: string): [string, string] | undefined {
  try {
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const colon = text.indexOf(':');
    return colon < 0 ? undefined : [text.slice(0, colon), text.slice(colon + 1)];
  } catch {
    return undefined;
  }
}

function basicCheck(vendor: Vendor, credentials: { key: string; secret: string }[]): Check {
  // The pair is hashed as one JSON value, so key and secret are matched together, unambiguously.
  const table = new SecretTable(credentials.map((c) => [JSON.stringify([c.key, c.secret]), true] as const));
  return async (request) => {
    const encoded = credentialsFor(request, ['basic']);
    if (!encoded) return fail(vendor, 'missing');
    const pair = decodeBasic(encoded);
    if (!pair) return fail(vendor, 'invalid');
    return (await table.find(JSON.stringify(pair))) ? PASS : fail(vendor, 'invalid');
  };
}

function scopedTokenCheck(vendor: Vendor, schemes: readonly string[], tokens: Record<string, string | number>): Check {
  const table = new SecretTable(Object.entries(tokens));
  return async (request) => {
    const token = credentialsFor(request, [...schemes]);
    if (token === undefined) return fail(vendor, 'missing');
    if (token === '') return fail(vendor, 'malformed-empty');
    if (/\s/.test(token)) return fail(vendor, 'malformed-spaces');
    const scope = await table.find(token);
    return scope === undefined ? fail(vendor, 'invalid') : { ok: true, scope };
  };
}

/** The check of one vendor's scheme with its configured secrets (undefined: none configured). */
function checkFor(vendor: Vendor, scheme: AuthScheme, config: unknown): Check {
  switch (scheme.kind) {
    case 'api-key': {
      if (!config) return open;
      const read =
        'header' in scheme
          ? (r: Request) => r.headers.get(scheme.header) ?? undefined
          : (r: Request) => credentialsFor(r, ['bearer']);
      return apiKeyCheck(vendor, (config as { apiKeys: string[] }).apiKeys, read);
    }
    case 'basic':
      return config ? basicCheck(vendor, (config as { credentials: { key: string; secret: string }[] }).credentials) : open;
    case 'scoped-token':
      // The scope comes from the token: without tokens, every request is refused.
      return scopedTokenCheck(
        vendor,
        scheme.schemes,
        (config as { tokens?: Record<string, string | number> } | undefined)?.tokens ?? {},
      );
  }
}

const open: Check = async () => PASS;

/**
 * One check per vendor, built once from the config.
 *
 * @example
 * const checks = buildAuthChecks({ boltz: { apiKeys: ['bk_test'] } });
 * const outcome = await checks.boltz(request);
 * if (!outcome.ok) return outcome.response;
 */
export function buildAuthChecks(config: AuthConfig = {}): Record<Vendor, Check> {
  return Object.fromEntries(
    VENDORS.map((v) => [v.name, checkFor(v.name, v.auth, (config as Record<string, unknown>)[v.name])]),
  ) as Record<Vendor, Check>;
}
