/**
 * Hand-worked engine cases: every expected row is written out, with the arithmetic in the
 * comments (local readings from the zone's offsets: New York EST -05:00 / EDT -04:00).
 * Each case runs inline and through two worker shards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.ts';
import type { Query } from '../../src/engine/types.ts';
import type { Engine, EngineOptions, Events } from '../../src/engine/engine.ts';

const Z = (iso: string) => Date.parse(iso);
const H = 3_600_000;

describe.each<EngineOptions>([{ workers: 0 }, { workers: 2, inlineThreshold: 0 }])('engine %o', (options) => {
  let engine: Engine;
  beforeAll(() => {
    engine = createEngine(options);
  });
  afterAll(async () => {
    await engine?.close();
  });
  const run = async (events: Events, query: Query) => (await engine.aggregate(events, query)).objects() as Record<string, any>[];

  describe('calendar windows', () => {
    it('a New York day at the spring change is 23 hours', async () => {
      const events = [
        { ts: Z('2026-03-08T04:59:59.999Z'), qty: 32 }, // 03-07 23:59:59.999 EST
        { ts: Z('2026-03-08T05:00:00Z'), qty: 1 }, //      03-08 00:00 EST
        { ts: Z('2026-03-08T06:59:59.999Z'), qty: 2 }, //  01:59:59.999 EST
        { ts: Z('2026-03-08T07:00:00Z'), qty: 4 }, //      03:00 EDT
        { ts: Z('2026-03-09T03:59:59.999Z'), qty: 8 }, //  03-08 23:59:59.999 EDT
        { ts: Z('2026-03-09T04:00:00Z'), qty: 16 }, //     03-09 00:00 EDT
      ];
      const rows = await run(events, {
        time: 'ts',
        window: 'day',
        timeZone: 'America/New_York',
        measures: { n: { op: 'count' }, qty: { op: 'sum', column: 'qty' } },
      });
      expect(rows).toEqual([
        { window_start: Z('2026-03-07T05:00:00Z'), window_end: Z('2026-03-08T05:00:00Z'), n: 1, qty: 32 },
        // 05:00Z → 04:00Z next day = 23 h; 1 + 2 + 4 + 8 = 15
        { window_start: Z('2026-03-08T05:00:00Z'), window_end: Z('2026-03-09T04:00:00Z'), n: 4, qty: 15 },
        { window_start: Z('2026-03-09T04:00:00Z'), window_end: Z('2026-03-10T04:00:00Z'), n: 1, qty: 16 },
      ]);
      expect(rows[1].window_end - rows[1].window_start).toBe(23 * H);
    });

    it('a New York day at the autumn change is 25 hours, and its repeated hour is two windows', async () => {
      const events = [
        { ts: Z('2026-11-01T04:00:00Z'), qty: 1 }, //      11-01 00:00 EDT
        { ts: Z('2026-11-01T05:30:00Z'), qty: 2 }, //      01:30 EDT
        { ts: Z('2026-11-01T06:30:00Z'), qty: 4 }, //      01:30 EST (the second 01:30)
        { ts: Z('2026-11-02T04:59:59.999Z'), qty: 8 }, //  11-01 23:59:59.999 EST
        { ts: Z('2026-11-02T05:00:00Z'), qty: 16 }, //     11-02 00:00 EST
      ];
      const day = await run(events, {
        time: 'ts',
        window: 'day',
        timeZone: 'America/New_York',
        measures: { qty: { op: 'sum', column: 'qty' } },
      });
      expect(day).toEqual([
        // 04:00Z → 05:00Z next day = 25 h; 1 + 2 + 4 + 8 = 15
        { window_start: Z('2026-11-01T04:00:00Z'), window_end: Z('2026-11-02T05:00:00Z'), qty: 15 },
        { window_start: Z('2026-11-02T05:00:00Z'), window_end: Z('2026-11-03T05:00:00Z'), qty: 16 },
      ]);
      const hour = await run(events, {
        time: 'ts',
        window: 'hour',
        timeZone: 'America/New_York',
        fill: 'zero',
        range: { start: '2026-11-01T00:00:00-04:00', end: '2026-11-01T03:00:00-05:00' }, // 04:00Z → 08:00Z
        measures: { qty: { op: 'sum', column: 'qty' } },
      });
      expect(hour).toEqual([
        { window_start: Z('2026-11-01T04:00:00Z'), window_end: Z('2026-11-01T05:00:00Z'), qty: 1 }, // 00 EDT
        { window_start: Z('2026-11-01T05:00:00Z'), window_end: Z('2026-11-01T06:00:00Z'), qty: 2 }, // 01 EDT
        { window_start: Z('2026-11-01T06:00:00Z'), window_end: Z('2026-11-01T07:00:00Z'), qty: 4 }, // 01 EST
        { window_start: Z('2026-11-01T07:00:00Z'), window_end: Z('2026-11-01T08:00:00Z'), qty: 0 }, // 02 EST
      ]);
    });

    it('a month across the spring change runs from local midnight to local midnight', async () => {
      const events = [
        { ts: Z('2026-03-01T04:59:59.999Z') }, // 02-28 23:59:59.999 EST
        { ts: Z('2026-03-01T05:00:00Z') }, //      03-01 00:00 EST
        { ts: Z('2026-04-01T03:59:59.999Z') }, //  03-31 23:59:59.999 EDT
        { ts: Z('2026-04-01T04:00:00Z') }, //      04-01 00:00 EDT
      ];
      expect(
        await run(events, { time: 'ts', window: 'month', timeZone: 'America/New_York', measures: { n: { op: 'count' } } }),
      ).toEqual([
        { window_start: Z('2026-02-01T05:00:00Z'), window_end: Z('2026-03-01T05:00:00Z'), n: 1 },
        // 31 days minus the skipped hour
        { window_start: Z('2026-03-01T05:00:00Z'), window_end: Z('2026-04-01T04:00:00Z'), n: 2 },
        { window_start: Z('2026-04-01T04:00:00Z'), window_end: Z('2026-05-01T04:00:00Z'), n: 1 },
      ]);
    });

    it('weeks start on Monday (2026-03-08 is a Sunday)', async () => {
      const events = [{ ts: Z('2026-03-08T23:59:59.999Z') }, { ts: Z('2026-03-09T00:00:00Z') }];
      expect(await run(events, { time: 'ts', window: 'week', measures: { n: { op: 'count' } } })).toEqual([
        { window_start: Z('2026-03-02T00:00:00Z'), window_end: Z('2026-03-09T00:00:00Z'), n: 1 },
        { window_start: Z('2026-03-09T00:00:00Z'), window_end: Z('2026-03-16T00:00:00Z'), n: 1 },
      ]);
      // In New York: Sun 23:00 EDT (03:00Z) is still the week of Mon 03-02 00:00 EST; that week is 167 h.
      const ny = [{ ts: Z('2026-03-09T03:00:00Z') }, { ts: Z('2026-03-09T04:00:00Z') }];
      expect(
        await run(ny, { time: 'ts', window: 'week', timeZone: 'America/New_York', measures: { n: { op: 'count' } } }),
      ).toEqual([
        { window_start: Z('2026-03-02T05:00:00Z'), window_end: Z('2026-03-09T04:00:00Z'), n: 1 },
        { window_start: Z('2026-03-09T04:00:00Z'), window_end: Z('2026-03-16T04:00:00Z'), n: 1 },
      ]);
    });

    it("'1d' is 24 h on the UTC timeline; 'day' follows New York's midnight", async () => {
      const events = [{ ts: Z('2026-03-08T03:00:00Z') }, { ts: Z('2026-03-08T06:00:00Z') }]; // 03-07 22:00 EST, 03-08 01:00 EST
      const q = (window: Query['window']): Query => ({
        time: 'ts',
        window,
        timeZone: 'America/New_York',
        measures: { n: { op: 'count' } },
      });
      expect(await run(events, q('1d'))).toEqual([
        { window_start: Z('2026-03-08T00:00:00Z'), window_end: Z('2026-03-09T00:00:00Z'), n: 2 },
      ]);
      expect(await run(events, q('day'))).toEqual([
        { window_start: Z('2026-03-07T05:00:00Z'), window_end: Z('2026-03-08T05:00:00Z'), n: 1 },
        { window_start: Z('2026-03-08T05:00:00Z'), window_end: Z('2026-03-09T04:00:00Z'), n: 1 },
      ]);
    });

    it("an 'hour' in Asia/Kolkata starts at :30 UTC", async () => {
      const events = [{ ts: Z('2026-01-01T00:29:59.999Z') }, { ts: Z('2026-01-01T00:30:00Z') }]; // 05:59:59.999 and 06:00 IST
      expect(
        await run(events, { time: 'ts', window: 'hour', timeZone: 'Asia/Kolkata', measures: { n: { op: 'count' } } }),
      ).toEqual([
        { window_start: Z('2025-12-31T23:30:00Z'), window_end: Z('2026-01-01T00:30:00Z'), n: 1 },
        { window_start: Z('2026-01-01T00:30:00Z'), window_end: Z('2026-01-01T01:30:00Z'), n: 1 },
      ]);
    });

    it('Lord Howe: the 30-minute spring jump (02:00 → 02:30) starts a window; the autumn hour is 90 minutes', async () => {
      const q: Query = { time: 'ts', window: 'hour', timeZone: 'Australia/Lord_Howe', measures: { n: { op: 'count' } } };
      // Spring 2026-10-03T15:30Z. 15:10Z = 01:40+10:30; 15:40Z = 02:40+11; 16:00Z = 03:00+11.
      const spring = [{ ts: Z('2026-10-03T15:10:00Z') }, { ts: Z('2026-10-03T15:40:00Z') }];
      expect(await run(spring, q)).toEqual([
        { window_start: Z('2026-10-03T14:30:00Z'), window_end: Z('2026-10-03T15:30:00Z'), n: 1 },
        { window_start: Z('2026-10-03T15:30:00Z'), window_end: Z('2026-10-03T16:00:00Z'), n: 1 },
      ]);
      // An event exactly at the jump, alone (the grid then starts at the transition itself).
      expect(await run([{ ts: Z('2026-10-03T15:30:00Z') }], q)).toEqual([
        { window_start: Z('2026-10-03T15:30:00Z'), window_end: Z('2026-10-03T16:00:00Z'), n: 1 },
      ]);
      // Autumn 2026-04-04T15:00Z: 02:00+11 → 01:30+10:30. 14:10Z = 01:10+11, 15:10Z = 01:40+10:30,
      // both in 01:00+11 (14:00Z) … 02:00+10:30 (15:30Z).
      const autumn = [{ ts: Z('2026-04-04T14:10:00Z') }, { ts: Z('2026-04-04T15:10:00Z') }];
      expect(await run(autumn, q)).toEqual([
        { window_start: Z('2026-04-04T14:00:00Z'), window_end: Z('2026-04-04T15:30:00Z'), n: 2 },
      ]);
    });

    it('Chatham: the hour whose mark is jumped over (02:45 → 03:45) starts at the jump, as a skipped midnight does', async () => {
      // Spring 2026-09-26T14:00Z. 13:50Z = 02:35+12:45; 14:05Z = 03:50+13:45; 14:15Z = 04:00+13:45.
      const events = [{ ts: Z('2026-09-26T13:50:00Z') }, { ts: Z('2026-09-26T14:05:00Z') }];
      expect(
        await run(events, { time: 'ts', window: 'hour', timeZone: 'Pacific/Chatham', measures: { n: { op: 'count' } } }),
      ).toEqual([
        { window_start: Z('2026-09-26T13:15:00Z'), window_end: Z('2026-09-26T14:00:00Z'), n: 1 },
        { window_start: Z('2026-09-26T14:00:00Z'), window_end: Z('2026-09-26T14:15:00Z'), n: 1 },
      ]);
      // Alone at the jump, and a zero-filled range that starts there: the event is never lost.
      const q: Query = { time: 'ts', window: 'hour', timeZone: 'Pacific/Chatham', measures: { n: { op: 'count' } } };
      expect(await run([{ ts: Z('2026-09-26T14:00:00Z') }], q)).toEqual([
        { window_start: Z('2026-09-26T14:00:00Z'), window_end: Z('2026-09-26T14:15:00Z'), n: 1 },
      ]);
      expect(
        await run([{ ts: Z('2026-09-26T14:00:00Z') }], {
          ...q,
          fill: 'zero',
          range: { start: '2026-09-26T14:00:00Z', end: '2026-09-26T15:00:00Z' },
        }),
      ).toEqual([
        { window_start: Z('2026-09-26T14:00:00Z'), window_end: Z('2026-09-26T14:15:00Z'), n: 1 },
        { window_start: Z('2026-09-26T14:15:00Z'), window_end: Z('2026-09-26T15:15:00Z'), n: 0 },
      ]);
    });
  });

  describe('fixed and none windows', () => {
    it('fixed windows are origin + k·step', async () => {
      const events = [
        { ts: Z('2026-01-01T00:04:59.999Z') },
        { ts: Z('2026-01-01T00:05:00Z') },
        { ts: Z('2026-01-01T00:19:59.999Z') },
      ];
      expect(
        await run(events, { time: 'ts', window: '15m', origin: '2026-01-01T00:05:00Z', measures: { n: { op: 'count' } } }),
      ).toEqual([
        { window_start: Z('2025-12-31T23:50:00Z'), window_end: Z('2026-01-01T00:05:00Z'), n: 1 },
        { window_start: Z('2026-01-01T00:05:00Z'), window_end: Z('2026-01-01T00:20:00Z'), n: 2 },
      ]);
      // { minutes: 90 } from the default origin: 2026-01-01T00:00Z is day 20454 × 16 windows, a boundary.
      const ninety = [{ ts: Z('2026-01-01T01:29:59.999Z') }, { ts: Z('2026-01-01T01:30:00Z') }];
      expect(await run(ninety, { time: 'ts', window: { minutes: 90 }, measures: { n: { op: 'count' } } })).toEqual([
        { window_start: Z('2026-01-01T00:00:00Z'), window_end: Z('2026-01-01T01:30:00Z'), n: 1 },
        { window_start: Z('2026-01-01T01:30:00Z'), window_end: Z('2026-01-01T03:00:00Z'), n: 1 },
      ]);
      // '6h' from a Date origin at 01:00Z: 00:30Z lies in 19:00Z … 01:00Z.
      expect(
        await run([{ ts: Z('2026-01-01T00:30:00Z') }], {
          time: 'ts',
          window: '6h',
          origin: new Date(Z('2026-01-01T01:00:00Z')),
          measures: { n: { op: 'count' } },
        }),
      ).toEqual([{ window_start: Z('2025-12-31T19:00:00Z'), window_end: Z('2026-01-01T01:00:00Z'), n: 1 }]);
    });

    it("'none' is the range, or first event … last event + 1 ms", async () => {
      const events = [{ ts: Z('2026-01-01T10:00:00Z') }, { ts: Z('2026-01-03T10:00:00Z') }];
      expect(
        await run(events, {
          time: 'ts',
          window: 'none',
          range: { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' },
          measures: { n: { op: 'count' } },
        }),
      ).toEqual([{ window_start: Z('2026-01-01T00:00:00Z'), window_end: Z('2026-02-01T00:00:00Z'), n: 2 }]);
      expect(await run(events, { time: 'ts', window: 'none', measures: { n: { op: 'count' } } })).toEqual([
        { window_start: Z('2026-01-01T10:00:00Z'), window_end: Z('2026-01-03T10:00:00.001Z'), n: 2 },
      ]);
    });
  });
});
