import { describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../src/http/handler.ts';
import { parseAuthConfig } from '../../src/http/auth.ts';
import { basic, fakeFacades, get } from './fakes.ts';

const auth = {
  boltz: { apiKeys: ['bk_live_1', 'bk_live_2'] },
  miosa: { apiKeys: ['msk_abc'] },
  scenario: { credentials: [{ key: 'hello', secret: 'world' }] },
  adverity: { tokens: { tok_root: 'ws-root', tok_child: 'ws-child' } },
};

function setup() {
  const f = fakeFacades(() => ({ ok: true }));
  return { f, handler: createFetchHandler({ ...f, auth }) };
}

async function expect401(res: Response, body: unknown, wwwAuthenticate: string) {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(res.headers.get('www-authenticate')).toBe(wwwAuthenticate);
  expect(await res.json()).toEqual(body);
}

describe('Boltz auth (x-api-key)', () => {
  const path = '/compute/v1/admin/usage';
  it('accepts any configured key', async () => {
    const { f, handler } = setup();
    expect((await handler(get(path, { 'x-api-key': 'bk_live_2' }))).status).toBe(200);
    expect(f.calls).toHaveLength(1);
  });
  it('answers FastAPI 401s for a missing or unknown key, without calling the façade', async () => {
    const { f, handler } = setup();
    await expect401(await handler(get(path)), { detail: 'Not authenticated' }, 'APIKey');
    await expect401(await handler(get(path, { 'x-api-key': '' })), { detail: 'Not authenticated' }, 'APIKey');
    await expect401(await handler(get(path, { 'x-api-key': 'bk_live_' })), { detail: 'Invalid API key' }, 'APIKey');
    await expect401(await handler(get(path, { authorization: 'Bearer bk_live_1' })), { detail: 'Not authenticated' }, 'APIKey');
    expect(f.calls).toEqual([]);
  });
});

describe('MIOSA auth (Bearer msk_…)', () => {
  const path = '/api/v1/usage';
  it('accepts the configured bearer key, scheme in any case', async () => {
    const { handler } = setup();
    expect((await handler(get(path, { authorization: 'Bearer msk_abc' }))).status).toBe(200);
    expect((await handler(get(path, { authorization: 'bearer msk_abc' }))).status).toBe(200);
  });
  it('answers its error envelope for a missing or unknown key', async () => {
    const { f, handler } = setup();
    const missing = { error: { code: 'unauthorized', message: 'Missing bearer token' } };
    const invalid = { error: { code: 'unauthorized', message: 'Invalid API key' } };
    await expect401(await handler(get(path)), missing, 'Bearer');
    await expect401(await handler(get(path, { authorization: 'Bearer' })), missing, 'Bearer');
    await expect401(await handler(get(path, { authorization: 'Token msk_abc' })), missing, 'Bearer');
    await expect401(await handler(get(path, { authorization: 'Bearer msk_abd' })), invalid, 'Bearer');
    expect(f.calls).toEqual([]);
  });
});

describe('Scenario auth (HTTP Basic key:secret)', () => {
  const path = '/usages';
  it('accepts the configured key and secret', async () => {
    const { handler } = setup();
    expect((await handler(get(path, { authorization: basic('hello', 'world') }))).status).toBe(200);
  });
  it('answers the gateway 401 for missing, wrong or undecodable credentials', async () => {
    const { f, handler } = setup();
    const body = { message: 'Unauthorized' };
    const www = 'Basic realm="scenario"';
    await expect401(await handler(get(path)), body, www);
    await expect401(await handler(get(path, { authorization: basic('hello', 'worl') })), body, www);
    await expect401(await handler(get(path, { authorization: basic('world', 'hello') })), body, www);
    await expect401(await handler(get(path, { authorization: basic('hello:world', '') })), body, www);
    await expect401(await handler(get(path, { authorization: `Basic ${btoa('helloworld')}` })), body, www);
    await expect401(await handler(get(path, { authorization: 'Basic !!notbase64' })), body, www);
    expect(f.calls).toEqual([]);
  });
});

describe('Adverity auth (Token or Bearer → scope)', () => {
  const path = '/api/v1/usage/';
  it('passes the scope mapped to the token, under either scheme', async () => {
    const { f, handler } = setup();
    expect((await handler(get(path, { authorization: 'Token tok_root' }))).status).toBe(200);
    expect((await handler(get(path, { authorization: 'Bearer tok_child' }))).status).toBe(200);
    expect((await handler(get(path, { authorization: 'token   tok_child' }))).status).toBe(200);
    expect(f.calls.map((c) => c.scope)).toEqual(['ws-root', 'ws-child', 'ws-child']);
  });
  it('answers Django REST framework 401s', async () => {
    const { f, handler } = setup();
    const cases: [Record<string, string>, string][] = [
      [{}, 'Authentication credentials were not provided.'],
      [{ authorization: 'Basic dG9rX3Jvb3Q6' }, 'Authentication credentials were not provided.'],
      [{ authorization: 'Token' }, 'Invalid token header. No credentials provided.'],
      [{ authorization: 'Token tok_root extra' }, 'Invalid token header. Token string should not contain spaces.'],
      [{ authorization: 'Token tok_roo' }, 'Invalid token.'],
    ];
    for (const [headers, detail] of cases) await expect401(await handler(get(path, headers)), { detail }, 'Token');
    expect(f.calls).toEqual([]);
  });
  it('always needs a token, even when auth has no adverity entry', async () => {
    const f = fakeFacades();
    const handler = createFetchHandler({ adverity: f.adverity });
    await expect401(await handler(get(path)), { detail: 'Authentication credentials were not provided.' }, 'Token');
    await expect401(await handler(get(path, { authorization: 'Token anything' })), { detail: 'Invalid token.' }, 'Token');
    expect(f.calls).toEqual([]);
  });
});

describe('vendors left out of auth', () => {
  it('are served without a check', async () => {
    const f = fakeFacades(() => ({}));
    const handler = createFetchHandler({ ...f, auth: { adverity: auth.adverity } });
    expect((await handler(get('/compute/v1/admin/usage'))).status).toBe(200);
    expect((await handler(get('/api/v1/usage'))).status).toBe(200);
    expect((await handler(get('/usages'))).status).toBe(200);
  });
  it('an empty key list lets nobody in', async () => {
    const handler = createFetchHandler({ boltz: fakeFacades().boltz, auth: { boltz: { apiKeys: [] } } });
    expect((await handler(get('/compute/v1/admin/usage', { 'x-api-key': 'x' }))).status).toBe(401);
  });
});

describe('parseAuthConfig', () => {
  it('accepts the documented shape', () => {
    expect(parseAuthConfig(auth)).toEqual(auth);
  });
  it.each([
    [{ boltz: { apiKeys: 'k' } }, 'auth.boltz.apiKeys: Invalid input: expected array, received string'],
    [{ miosa: { apiKeys: [''] } }, 'auth.miosa.apiKeys.0: must not be empty'],
    [{ scenario: { credentials: [{ key: 'a:b', secret: 's' }] } }, 'auth.scenario.credentials.0.key: must not contain ":"'],
    [{ adverity: { tokens: { t: true } } }, 'auth.adverity.tokens.t: Invalid input'],
    [{ boltz: { apiKeys: [] }, stripe: {} }, 'auth: Unrecognized key: "stripe"'],
  ])('rejects %j with a message naming the field', (config, message) => {
    expect(() => parseAuthConfig(config)).toThrow(new TypeError(message));
  });
  it('is applied by createFetchHandler', () => {
    expect(() => createFetchHandler({ auth: { miosa: { apiKeys: [''] } } })).toThrow('auth.miosa.apiKeys.0: must not be empty');
  });
});
