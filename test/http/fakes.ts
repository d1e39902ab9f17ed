/** Tiny stand-ins for the four façades: they record each call and answer with what they were given. */
import type { QueryParams } from '../../src/http/query.ts';

export interface Call {
  method: string;
  params: QueryParams;
  scope?: string;
}

export function fakeFacades(answer: (call: Call) => unknown = (call) => call) {
  const calls: Call[] = [];
  const record = async (call: Call) => {
    calls.push(call);
    return answer(call);
  };
  return {
    calls,
    boltz: { admin: { usage: { list: (params: QueryParams) => record({ method: 'boltz.admin.usage.list', params }) } } },
    miosa: { usage: { get: (params: QueryParams) => record({ method: 'miosa.usage.get', params }) } },
    scenario: { usages: { list: (params: QueryParams) => record({ method: 'scenario.usages.list', params }) } },
    adverity: {
      usage: {
        list: (params: QueryParams, { scope }: { scope: string }) => record({ method: 'adverity.usage.list', params, scope }),
      },
    },
  };
}

export const basic = (key: string, secret: string) => `Basic ${btoa(`${key}:${secret}`)}`;

export function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, { headers });
}
