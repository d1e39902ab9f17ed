import { describe, expect, it, vi } from 'vitest';
import { createFetchHandler } from '../../src/http/handler.ts';
import { FacadeError, QueryError } from '../../src/errors.ts';
import { fakeFacades, get } from './fakes.ts';

const TOKEN = { authorization: 'Token tok_root' };
const adverityAuth = { adverity: { tokens: { tok_root: 'ws-root' } } };

describe('createFetchHandler routing', () => {
  it('routes each vendor path to its façade method with the parsed query', async () => {
    const f = fakeFacades(() => ({ ok: true }));
    const handler = createFetchHandler({ ...f, auth: adverityAuth });
    const paths = [
      '/compute/v1/admin/usage?window_size=DAY&group_by[]=workspace_id,application',
      '/api/v1/usage?group_by=workspace_id&period=7d',
      '/usages?type=usages&projectIds=p1,p2&dropZeroPoints',
      '/api/v1/usage/?workspace_id=a&workspace_id=b&granularity=monthly',
    ];
    for (const path of paths) {
      const res = await handler(get(path, TOKEN));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.text()).toBe('{"ok":true}');
    }
    expect(f.calls).toEqual([
      {
        method: 'boltz.admin.usage.list',
        params: { window_size: 'DAY', group_by: ['workspace_id,application'] },
      },
      { method: 'miosa.usage.get', params: { group_by: 'workspace_id', period: '7d' } },
      { method: 'scenario.usages.list', params: { type: 'usages', projectIds: 'p1,p2', dropZeroPoints: '' } },
      {
        method: 'adverity.usage.list',
        params: { workspace_id: ['a', 'b'], granularity: 'monthly' },
        scope: 'ws-root',
      },
    ]);
  });

  it('serialises the façade result as JSON, byte for byte', async () => {
    const body = { data: [{ start_time: '2026-04-01T00:00:00.000Z', quantity: 2.5 }], has_more: false, next_page: null };
    const handler = createFetchHandler({ boltz: fakeFacades(() => body).boltz });
    const res = await handler(get('/compute/v1/admin/usage'));
    expect(await res.text()).toBe(
      '{"data":[{"start_time":"2026-04-01T00:00:00.000Z","quantity":2.5}],"has_more":false,"next_page":null}',
    );
  });

  it('tells MIOSA /api/v1/usage from Adverity /api/v1/usage/ by the trailing slash', async () => {
    const f = fakeFacades(() => ({}));
    const onlyMiosa = createFetchHandler({ miosa: f.miosa });
    expect((await onlyMiosa(get('/api/v1/usage'))).status).toBe(200);
    expect((await onlyMiosa(get('/api/v1/usage/', TOKEN))).status).toBe(404);
    const onlyAdverity = createFetchHandler({ adverity: f.adverity, auth: adverityAuth });
    expect((await onlyAdverity(get('/api/v1/usage/', TOKEN))).status).toBe(200);
    // Without MIOSA, Django's APPEND_SLASH answers the slashless path (below).
    expect((await onlyAdverity(get('/api/v1/usage', TOKEN))).status).toBe(301);
    const both = createFetchHandler({ miosa: f.miosa, adverity: f.adverity, auth: adverityAuth });
    expect((await both(get('/api/v1/usage', TOKEN))).status).toBe(200);
    expect((await both(get('/api/v1/usage/', TOKEN))).status).toBe(200);
    expect(f.calls.map((c) => c.method)).toEqual([
      'miosa.usage.get',
      'adverity.usage.list',
      'miosa.usage.get',
      'adverity.usage.list',
    ]);
  });

  it('answers 404 for unknown paths and for vendor paths whose façade is not configured', async () => {
    const handler = createFetchHandler({ boltz: fakeFacades().boltz });
    for (const path of ['/', '/usages', '/usages/', '/compute/v1/admin', '/USAGES', '/api/v1/usage/']) {
      const res = await handler(get(path));
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ detail: 'Not Found' });
    }
  });

  it('answers 405 with Allow, in each vendor style, for other methods', async () => {
    const f = fakeFacades();
    const handler = createFetchHandler({ ...f, auth: adverityAuth });
    const expected: [string, unknown, string][] = [
      ['/compute/v1/admin/usage', { detail: 'Method Not Allowed' }, 'GET'],
      ['/api/v1/usage', { error: { code: 'method_not_allowed', message: 'Method POST not allowed' } }, 'GET'],
      ['/usages', { message: 'Method Not Allowed' }, 'GET'],
      ['/api/v1/usage/', { detail: 'Method "POST" not allowed.' }, 'GET, HEAD, OPTIONS'],
    ];
    for (const [path, body, allow] of expected) {
      const res = await handler(new Request(`http://localhost${path}`, { method: 'POST', body: '{}', headers: TOKEN }));
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(await res.json()).toEqual(body);
    }
    expect(f.calls).toEqual([]);
  });
});

describe('createFetchHandler: each vendor framework around the endpoint', () => {
  const request = (path: string, method: string, headers: Record<string, string> = {}) =>
    new Request(`http://localhost${path}`, { method, headers });

  it('Boltz (FastAPI): a trailing slash is a 307 to the path without it, query kept, before auth and for any method', async () => {
    const f = fakeFacades();
    const handler = createFetchHandler({ boltz: f.boltz, auth: { boltz: { apiKeys: ['bk'] } } });
    for (const method of ['GET', 'POST', 'HEAD']) {
      const res = await handler(request('/compute/v1/admin/usage/?window_size=DAY&group_by[]=a,b&x=%2B1', method));
      expect(res.status).toBe(307);
      expect(res.headers.get('location')).toBe('http://localhost/compute/v1/admin/usage?window_size=DAY&group_by[]=a,b&x=%2B1');
      expect(await res.text()).toBe('');
    }
    expect((await handler(request('/compute/v1/admin/usage//', 'GET'))).headers.get('location')).toBe(
      'http://localhost/compute/v1/admin/usage',
    );
    expect(f.calls).toEqual([]);
    // Not configured: no redirect, 404.
    expect((await createFetchHandler({ miosa: f.miosa })(get('/compute/v1/admin/usage/'))).status).toBe(404);
  });

  it('Boltz (FastAPI): HEAD and OPTIONS are methods the route does not take, checked before the key', async () => {
    const handler = createFetchHandler({ boltz: fakeFacades().boltz, auth: { boltz: { apiKeys: ['bk'] } } });
    for (const method of ['HEAD', 'OPTIONS']) {
      const res = await handler(request('/compute/v1/admin/usage', method));
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET');
    }
  });

  it('Adverity (Django): the path without its slash is a 301 to it, query kept, before auth (APPEND_SLASH)', async () => {
    const f = fakeFacades();
    const handler = createFetchHandler({ adverity: f.adverity, auth: adverityAuth });
    for (const method of ['GET', 'POST']) {
      const res = await handler(request('/api/v1/usage?page=2&workspace_id=a&workspace_id=b', method));
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe('/api/v1/usage/?page=2&workspace_id=a&workspace_id=b');
      expect(await res.text()).toBe('');
    }
    expect(f.calls).toEqual([]);
  });

  it('Adverity (DRF): authentication comes before the method check — an unauthenticated POST, PUT or OPTIONS is 401', async () => {
    const f = fakeFacades();
    const handler = createFetchHandler({ adverity: f.adverity, auth: adverityAuth });
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await handler(request('/api/v1/usage/', method));
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
      const wrong = await handler(request('/api/v1/usage/', method, { authorization: 'Token nope' }));
      expect(await wrong.json()).toEqual({ detail: 'Invalid token.' });
    }
    expect(f.calls).toEqual([]);
  });

  it('Adverity (DRF): HEAD answers as GET without a body, errors included', async () => {
    const f = fakeFacades(() => ({ items: [], count: 0 }));
    const handler = createFetchHandler({ adverity: f.adverity, auth: adverityAuth });
    const res = await handler(request('/api/v1/usage/?granularity=monthly', 'HEAD', TOKEN));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('');
    expect(f.calls).toEqual([{ method: 'adverity.usage.list', params: { granularity: 'monthly' }, scope: 'ws-root' }]);
    const denied = await handler(request('/api/v1/usage/', 'HEAD'));
    expect([denied.status, await denied.text()]).toEqual([401, '']);
    const failing = createFetchHandler({
      adverity: fakeFacades(() => Promise.reject(new FacadeError(404, { detail: 'Invalid page.' }))).adverity,
      auth: adverityAuth,
    });
    const missing = await failing(request('/api/v1/usage/?page=9', 'HEAD', TOKEN));
    expect([missing.status, await missing.text()]).toEqual([404, '']);
  });

  it('Adverity (DRF): OPTIONS answers 200 with Allow and the default metadata, without calling the façade', async () => {
    const f = fakeFacades();
    const handler = createFetchHandler({ adverity: f.adverity, auth: adverityAuth });
    const res = await handler(request('/api/v1/usage/', 'OPTIONS', TOKEN));
    expect(res.status).toBe(200);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await res.json()).toEqual({
      name: 'Usage',
      description: '',
      renders: ['application/json', 'text/html'],
      parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
    });
    expect(f.calls).toEqual([]);
  });

  it('MIOSA and Scenario: GET only, the method checked first', async () => {
    const handler = createFetchHandler({
      ...fakeFacades(),
      auth: { miosa: { apiKeys: ['msk'] }, scenario: { credentials: [{ key: 'k', secret: 's' }] } },
    });
    for (const path of ['/api/v1/usage', '/usages']) {
      for (const method of ['HEAD', 'OPTIONS', 'POST']) {
        const res = await handler(request(path, method));
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('GET');
      }
    }
  });
});

describe('createFetchHandler errors', () => {
  it('renders a FacadeError as the vendor response', async () => {
    const error = new FacadeError(422, { detail: [{ loc: ['query', 'window_size'], msg: 'bad', type: 'enum' }] });
    const handler = createFetchHandler({ boltz: fakeFacades(() => Promise.reject(error)).boltz });
    const res = await handler(get('/compute/v1/admin/usage?window_size=WEEK'));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ detail: [{ loc: ['query', 'window_size'], msg: 'bad', type: 'enum' }] });
  });

  it('keeps the extra headers a FacadeError carries', async () => {
    const error = new FacadeError(429, { detail: 'slow down' }, { 'retry-after': '1' });
    const handler = createFetchHandler({ miosa: fakeFacades(() => Promise.reject(error)).miosa });
    const res = await handler(get('/api/v1/usage'));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
  });

  it('answers 500 query_error when the events do not fit the query, without naming the columns', async () => {
    const error = new QueryError('"x" is not a number (measure \'__boltz_quantity\')', 'events[3].operator_qty');
    const onError = vi.fn();
    const handler = createFetchHandler({ scenario: fakeFacades(() => Promise.reject(error)).scenario, onError });
    const res = await handler(get('/usages'));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ message: "The server's events cannot answer this request" }); // API Gateway's shape
    expect(text).not.toMatch(/operator_qty|events\[3\]|__boltz/);
    expect(onError).toHaveBeenCalledWith(error, expect.any(Request));
  });

  it('answers 500 with a generic body for any other error, without its message or stack', async () => {
    const error = new Error('secret internals at /srv/app.ts:12');
    const onError = vi.fn(() => {
      throw new Error('logger down');
    });
    const handler = createFetchHandler({ miosa: fakeFacades(() => Promise.reject(error)).miosa, onError });
    const res = await handler(get('/api/v1/usage'));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
    expect(text).not.toContain('secret');
    expect(onError).toHaveBeenCalledWith(error, expect.any(Request));
  });

  it('also catches a façade that throws synchronously', async () => {
    const handler = createFetchHandler({
      boltz: {
        admin: {
          usage: {
            list: () => {
              throw new TypeError('boom');
            },
          },
        },
      },
    });
    const res = await handler(get('/compute/v1/admin/usage'));
    expect(res.status).toBe(500);
  });
});
