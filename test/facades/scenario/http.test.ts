/**
 * The façade behind the HTTP handler: a query string in, the vendor JSON out.
 */
import { describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../../src/http/handler.ts';
import { createScenario } from '../../../src/facades/scenario/index.ts';
import { CATALOGS, GOLDEN_EVENTS, now, referenceEngine } from './fixtures.ts';

describe('Scenario over HTTP', () => {
  const handler = createFetchHandler({
    scenario: createScenario({ events: GOLDEN_EVENTS, catalogs: CATALOGS, engine: referenceEngine, now }),
  });
  const get = (query: string) => handler(new Request(`http://localhost/usages?${query}`));

  it('a bare dropZeroPoints, repeated type keys and snake_case dates', async () => {
    const res = await get(
      'start_date=2026-03-02T00:00:00Z&end_date=2026-04-06T00:00:00Z&type=nsfw-usages&type=consumption&dropZeroPoints',
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(
      '{"consumption":[{"discount":1.5,"total":9,"userId":"u1","value":7.5},{"discount":1,"total":10,"userId":"u2","value":9}],' +
        '"nsfwUsages":[{"label":"nudity","points":[{"count":1,"countApiKey":1,"time":"2026-03-02T00:00:00.000Z"}]},' +
        '{"label":"violence","points":[{"count":1,"countApiKey":1,"time":"2026-03-30T00:00:00.000Z"}]}]}',
    );
  });

  it('a bad request is a 400 with the message body', async () => {
    const res = await get('startDate=2026-03-02');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ message: 'endDate is required when startDate is given' });
  });
});
