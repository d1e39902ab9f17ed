/**
 * Snappy pages where WebAssembly is missing or fails: the own decoder reads them, and every row
 * group of a snappy file gives the same rows, errors and counts as hyparquet's values, as it does
 * with WebAssembly working (the control, which also shows the file's pages go to WebAssembly).
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Rules } from '../../../src/io/scan/rules.ts';
import { chunkRows } from './helpers.ts';

const broken = vi.hoisted(() => ({ how: 'nothing' as 'nothing' | 'instantiation' | 'every call', instances: 0 }));

vi.mock('hysnappy', async (importOriginal) => {
  const real = await importOriginal<typeof import('hysnappy')>();
  return {
    ...real,
    snappyUncompressor: () => {
      if (broken.how === 'instantiation') throw new WebAssembly.CompileError('no WebAssembly here');
      const uncompress = real.snappyUncompressor();
      broken.instances++;
      return (input: Uint8Array, length: number) => {
        if (broken.how === 'every call') throw new WebAssembly.RuntimeError('unreachable');
        return uncompress(input, length);
      };
    },
  };
});

afterEach(() => {
  vi.unstubAllGlobals();
  broken.how = 'nothing';
});

/** A snappy file of 3 row groups whose time column compresses well, with a bad instant and a null. */
function file(): Uint8Array {
  const n = 3000;
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const ts = Array.from({ length: n }, (_, i) =>
    i === 1234 ? 'soon' : new Date(Date.UTC(2026, 10, 1) + (next() % 2_592_000_000)).toISOString(),
  );
  const ws = Array.from({ length: n }, (_, i) => (i % 17 === 0 ? null : `ws-${next() % 40}`));
  const q = Array.from({ length: n }, () => next() % 100);
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'ts', data: ts, type: 'STRING', nullable: false },
      { name: 'ws', data: ws, type: 'STRING' },
      { name: 'q', data: q, type: 'INT32', nullable: false },
    ],
    rowGroupSize: 1000,
    codec: 'SNAPPY',
  });
  return new Uint8Array(buffer);
}

/** Each row group through the decoder and through hyparquet's values, in a fresh copy of the modules. */
async function compare() {
  vi.resetModules();
  const { parquetReads, scanParquetGroup } = await import('../../../src/io/scan/parquet.ts');
  const { snappyPages } = await import('../../../src/io/scan/parquet-snappy-wasm.ts');
  const bytes = file();
  for (const skipInvalid of [true, false]) {
    const rules = () => new Rules({ time: 'ts', types: { ts: 'time', q: 'number' }, keep: undefined, skipInvalid });
    for (let g = 0; g < 3; g++) {
      const outcome = async (own: boolean) => {
        try {
          const s = await scanParquetGroup(bytes, g, rules(), own);
          return { ...s, chunk: chunkRows([s.chunk], 'ts') };
        } catch (e) {
          return { thrown: (e as Error).message };
        }
      };
      const handed = parquetReads.hyparquet;
      const own = await outcome(true);
      // Every column was read by the own page decoder, none handed to hyparquet.
      expect(parquetReads.hyparquet).toBe(handed);
      expect(own).toEqual(await outcome(false));
    }
  }
  expect(parquetReads.own).toBe(18);
  return { ...snappyPages };
}

describe('snappy pages without WebAssembly', () => {
  it('go to WebAssembly where it works (the control)', async () => {
    const pages = await compare();
    expect(pages.wasm).toBeGreaterThan(5);
  });

  for (const how of ['instantiation', 'every call'] as const) {
    it(`are read by the own decoder when WebAssembly fails at ${how}`, async () => {
      broken.how = how;
      const pages = await compare();
      expect(pages.wasm).toBe(0);
      expect(pages.own).toBeGreaterThan(5);
    });
  }

  it('are read by the own decoder where WebAssembly is missing', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    const pages = await compare();
    expect(pages.wasm).toBe(0);
    expect(pages.own).toBeGreaterThan(5);
  });

  it('are read by a new instance after one whose memory grew past the limit is let go', async () => {
    vi.resetModules();
    const { releaseSnappyWasm, snappyWasm } = await import('../../../src/io/scan/parquet-snappy-wasm.ts');
    const { snappyCompress } = await import('hysnappy');
    const text = new TextEncoder().encode('2026-11-01T00:00:00.000Z'.repeat(1000));
    const page = snappyCompress(text);
    const before = broken.instances;
    expect(snappyWasm(page, text.length)).toEqual(text);
    releaseSnappyWasm(page.length + text.length); // not past the limit: kept
    expect(snappyWasm(page, text.length)).toEqual(text);
    expect(broken.instances).toBe(before + 1);
    releaseSnappyWasm(1 << 10);
    expect(snappyWasm(page, text.length)).toEqual(text);
    expect(broken.instances).toBe(before + 2);
  });
});
