/**
 * Moving a scan result without piscina's main module on the thread (src/io/scan/move.ts): the
 * marker is piscina's own, found where piscina's runtime has loaded it, so a piscina release that
 * moves it shows up here (the scan would still work, through piscina's own `move()`).
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadedMark, moved } from '../../../src/io/scan/move.ts';

describe('moved', () => {
  it("finds piscina's marker beside piscina's runtime, and marks the value as piscina's move() does", async () => {
    // Not a pool thread: no runtime loaded, so no marker (moved() then loads piscina's move()).
    expect(loadedMark()).toBeNull();
    // A pool thread has piscina's runtime (dist/worker.js) loaded, and the common.js beside it.
    const require = createRequire(import.meta.url);
    const dist = require.resolve('piscina').replace(/main\.js$/, '');
    require(`${dist}common.js`);
    require.cache[`${dist}worker.js`] = require.cache[`${dist}common.js`];
    try {
      expect(loadedMark()).toBeTypeOf('function');
    } finally {
      delete require.cache[`${dist}worker.js`];
    }
    const { move } = await import('piscina');
    const buffer = new ArrayBuffer(8);
    const ours = (await moved({ a: 1 }, [buffer])) as object;
    const theirs = move({
      [Symbol.for('Piscina.transferable')]: [buffer],
      [Symbol.for('Piscina.valueOf')]: { a: 1 },
    } as never) as object;
    const symbols = (o: object) => Object.getOwnPropertySymbols(o).map((s) => s.description);
    expect(symbols(ours).sort()).toEqual(symbols(theirs).sort());
    expect(symbols(ours)).toContain('Piscina.kMovable');
    expect((ours as Record<symbol, unknown>)[Symbol.for('Piscina.valueOf')]).toEqual({ a: 1 });
    expect((ours as Record<symbol, unknown>)[Symbol.for('Piscina.transferable')]).toEqual([buffer]);
  });
});
