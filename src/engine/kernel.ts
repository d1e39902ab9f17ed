/**
 * One shard: bucket + group + accumulate, over rows that are already in time order.
 *
 * The row loop is generated per query shape (number of group and filter columns, the measures)
 * and compiled once with `new Function`, the way arquero compiles its expressions: a generic
 * loop that dispatched on each measure per row was several times slower. Windows come from the
 * precomputed `rowStart`, so there is no per-row window search and no calendar work at all.
 * Nothing is allocated per row; scratch arrays are reused across shards.
 */
import type { ShardMeasure, ShardTask } from './parallel/messages.ts';
import { aggregateByName } from './aggregates/index.ts';

type Kernel = (t: ShardTask, cellScratch: Int32Array | null) => void;

const kernels = new Map<string, Kernel>();

/**
 * The generated lines that put a row in its dense cell, shared with the arrival kernel
 * (./arrival-kernel.ts): `head` binds each `where` condition's codes and mask and each group
 * column's codes and stride once (from `t.where`, `t.groupBy`), `perPart` binds them to part
 * `p`, `pass` skips row `i` when a condition fails, and `cell` is the row's cell: `base` (its
 * window's first cell) plus each group code times its stride.
 */
export function dimensionLines(
  where: readonly unknown[],
  groupBy: readonly unknown[],
  base: string,
): { head: string[]; perPart: string[]; pass: string[]; cell: string } {
  const head: string[] = [],
    perPart: string[] = [],
    pass: string[] = [];
  where.forEach((_, j) => {
    head.push(`const wcs${j} = t.where[${j}].codes, wm${j} = t.where[${j}].mask;`);
    perPart.push(`const wc${j} = wcs${j}[p];`);
    pass.push(`if (wm${j}[wc${j}[i]] === 0) continue;`);
  });
  groupBy.forEach((_, j) => {
    head.push(`const gcs${j} = t.groupBy[${j}].codes, gs${j} = t.groupBy[${j}].stride;`);
    perPart.push(`const gc${j} = gcs${j}[p];`);
  });
  const cell = [base, ...groupBy.map((_, j) => `gc${j}[i] * gs${j}`)].join(' + ');
  return { head, perPart, pass, cell };
}

/**
 * The generated lines for the measures' updates, shared with the arrival kernel
 * (./arrival-kernel.ts): `head` binds each measure's inputs and states once (from `t.measures`),
 * `perPart` binds `v${k}` to the input of part `p`, and `adds` updates cell `c` from row `i`.
 */
export function measureLines(measures: ShardMeasure[]): { head: string[]; perPart: string[]; adds: string[] } {
  const head: string[] = [],
    perPart: string[] = [],
    adds: string[] = [];
  measures.forEach((m, k) => {
    const agg = aggregateByName(m.aggregate);
    if (!agg.add) return;
    head.push(`const vs${k} = t.measures[${k}].input, n${k} = t.measures[${k}].nullCode;`);
    perPart.push(`const v${k} = vs${k}[p];`);
    agg.states.forEach((_, s) => head.push(`const s${k}_${s} = t.measures[${k}].states[${s}];`));
    adds.push(
      `{ const v = v${k}[i]; ${agg.add
        .replaceAll('$v', 'v')
        .replaceAll('$c', 'c')
        .replaceAll('$null', `n${k}`)
        .replace(/\$s(\d)/g, `s${k}_$1`)} }`,
    );
  });
  return { head, perPart, adds };
}

function signature(t: ShardTask): string {
  return [t.cellOf ? 'sparse' : `g${t.groupBy.length}`, `w${t.where.length}`, ...t.measures.map((m) => m.aggregate)].join(',');
}

function compile(t: ShardTask): Kernel {
  const lines: string[] = [
    'const rowStart = t.rowStart, runStart = t.runStart, runPart = t.runPart, runFrom = t.runFrom, runTo = t.runTo;',
    'const G = t.groups, rows = t.rows;',
  ];
  // Per run: the run's part's arrays, hoisted out of the row loop.
  const perRun: string[] = [];
  const pass: string[] = [];
  let cell: string;
  if (t.cellOf) {
    lines.push('const cellOf = t.cellOf;');
    pass.push('const cell = cellOf[off + i]; if (cell < 0) continue;');
    cell = 'cell';
  } else {
    const dims = dimensionLines(t.where, t.groupBy, 'base');
    lines.push(...dims.head);
    perRun.push(...dims.perPart);
    pass.push(...dims.pass);
    cell = dims.cell;
  }
  const { head, perPart, adds } = measureLines(t.measures);
  lines.push(...head);
  perRun.push(...perPart);
  lines.push(
    'const r0 = rowStart[t.w0];',
    'let pos = r0;',
    'for (let w = t.w0; w < t.w1; w++) {',
    '  const base = w * G;', // unused by sparse cells, which carry their own
    '  for (let r = runStart[w], re = runStart[w + 1]; r < re; r++) {',
    '    const p = runPart[r], a = runFrom[r], e = runTo[r], off = pos - a;',
    ...perRun.map((l) => `    ${l}`),
    '    for (let i = a; i < e; i++) {',
    ...pass.map((l) => `      ${l}`),
    `      const c = ${cell};`,
    '      rows[c]++;',
    '      if (cellScratch !== null) cellScratch[off + i - r0] = c;',
    ...adds.map((l) => `      ${l}`),
    '    }',
    '    pos += e - a;',
    '  }',
    '}',
  );
  return new Function('t', 'cellScratch', lines.join('\n')) as Kernel;
}

const scratchPool = new Map<string, Int32Array>();

/** A reused Int32Array of at least `n` entries (contents undefined). */
function scratch(name: string, n: number): Int32Array {
  let a = scratchPool.get(name);
  if (!a || a.length < n) scratchPool.set(name, (a = new Int32Array(Math.max(n, 1024))));
  return a;
}

let epoch = 0;

/**
 * Distinct non-null codes per cell of one shard: each window's rows are bucketed by group
 * (a counting sort), then each bucket is counted with a stamp per code.
 */
function countDistinctShard(t: ShardTask, m: ShardMeasure, cellOf: Int32Array): void {
  const inputs = m.input as Int32Array[];
  const out = m.states[0];
  const r0 = t.rowStart[t.w0];
  // Stamps only ever grow, so a reused array's old stamps never equal the current epoch.
  const stamp = scratch('stamp', m.codes);
  for (let w = t.w0; w < t.w1; w++) {
    const a = t.rowStart[w] - r0,
      e = t.rowStart[w + 1] - r0;
    const base = firstCell(t, w),
      G = firstCell(t, w + 1) - base;
    if (a === e || G === 0) continue;
    const starts = scratch('starts', G + 1);
    const cursor = scratch('cursor', G);
    const bucket = scratch('bucket', e - a);
    starts.fill(0, 0, G + 1);
    // Twice over the window's runs, in the order the kernel visited them (cellOf's order).
    for (let pass = 0; pass < 2; pass++) {
      let q = a;
      for (let r = t.runStart[w]; r < t.runStart[w + 1]; r++) {
        const codes = inputs[t.runPart[r]];
        for (let i = t.runFrom[r], to = t.runTo[r]; i < to; i++, q++) {
          const c = cellOf[q];
          if (c < 0 || codes[i] === m.nullCode) continue;
          if (pass === 0) starts[c - base + 1]++;
          else bucket[cursor[c - base]++] = codes[i];
        }
      }
      if (pass === 0)
        for (let g = 0; g < G; g++) {
          starts[g + 1] += starts[g];
          cursor[g] = starts[g];
        }
    }
    for (let g = 0; g < G; g++) {
      if (starts[g] === starts[g + 1]) continue;
      if (++epoch === 0x7fffffff) {
        stamp.fill(0);
        epoch = 1;
      }
      let distinct = 0;
      for (let k = starts[g]; k < starts[g + 1]; k++) {
        const v = bucket[k];
        if (stamp[v] !== epoch) {
          stamp[v] = epoch;
          distinct++;
        }
      }
      out[base + g] = distinct;
    }
  }
}

/** The first cell of window `w` (one past the last cell of window `w - 1`). */
function firstCell(t: ShardTask, w: number): number {
  return t.cellStart ? t.cellStart[w] : w * t.groups;
}

/** Runs one shard: initialises its cells in every state array, then aggregates its rows into them. */
export function runShard(t: ShardTask): void {
  const from = firstCell(t, t.w0),
    to = firstCell(t, t.w1);
  t.rows.fill(0, from, to);
  for (const m of t.measures) {
    aggregateByName(m.aggregate).states.forEach((spec, s) => m.states[s].fill(spec.init, from, to));
  }
  const key = signature(t);
  let kernel = kernels.get(key);
  if (!kernel) kernels.set(key, (kernel = compile(t)));
  const distinct = t.measures.filter((m) => m.aggregate === 'countDistinct');
  const rowCount = t.rowStart[t.w1] - t.rowStart[t.w0];
  const cellScratch = distinct.length > 0 ? scratch('cells', rowCount) : null;
  if (cellScratch) cellScratch.fill(-1, 0, rowCount);
  kernel(t, cellScratch);
  for (const m of distinct) countDistinctShard(t, m, cellScratch!);
}
