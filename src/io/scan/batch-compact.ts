/**
 * A batch with malformed rows, still written a column at a time, when every column has one of
 * the common shapes: the columns that can make a row malformed (times, declared numbers) hold
 * no dictionary, so they are written first, marking each bad row with the first such column (in
 * column order) that rejects it; the id columns, which never do, are then written for the good
 * rows only. What a row-by-row write leaves behind is kept exactly: a bad row's ids in columns
 * before its first bad value still enter their dictionaries (in row order), the scan stops at
 * the first bad row unless skipping, and its reason is the one that value gives.
 *
 * Measured (2M-row Arrow file, a bad time at the end of every 131,072-row batch, skipping,
 * warm, one thread, medians of 7 passes, three alternating runs on a busy 2-core VM): 290–350
 * ns a row redoing each such batch row by row, 150–190 ns here, 80–130 ns for the same file
 * without bad rows. Other column shapes still redo such a batch row by row.
 */
import type { Invalid } from '../coerce.ts';
import type { ChunkColumn } from '../../engine/store/chunk.ts';
import { ByteDict } from './byte-dict.ts';
import { cellValue } from './batch-rows.ts';
import type { BatchColumn, RowsScan } from './columnar.ts';
import type { Rule, Rules } from './rules.ts';
import { TextIds } from './text-ids.ts';
import type { RowProblem } from './text-scan.ts';

/**
 * `kept` in column order; `bad[i]` the place in `kept` of row i's first bad value (-1: none);
 * `numbers[k]` column k's values when it is a number column (its bad rows' entries unused).
 */
export function compactBatch(
  rules: Rules,
  kept: { rule: Rule; col: BatchColumn }[],
  n: number,
  bad: Int32Array,
  numbers: (Float64Array | null)[],
): RowsScan {
  const skip = rules.spec.skipInvalid;
  // Rows read: all when skipping, else up to and including the first bad one.
  let end = n;
  if (!skip)
    for (let i = 0; i < n; i++)
      if (bad[i] >= 0) {
        end = i + 1;
        break;
      }
  const problems: RowProblem[] = [];
  for (let i = 0; i < end; i++) {
    const k = bad[i];
    if (k < 0) continue;
    // The value the column's loop rejected, through the rules again for its reason.
    const v = kept[k].rule.coerce!(cellValue(kept[k].col, i), false) as Invalid;
    problems.push({ line: i, reason: v.reason });
  }
  const m = end - problems.length;
  const columns = new Map<Rule, ChunkColumn>();
  let time: Float64Array | null = null;
  kept.forEach(({ rule, col }, k) => {
    const values = numbers[k];
    if (values !== null) {
      const out = new Float64Array(m);
      for (let i = 0, o = 0; i < end; i++) if (bad[i] < 0) out[o++] = values[i];
      if (rule.main) time = out;
      else columns.set(rule, { kind: 'number', values: out });
      return;
    }
    // An id column exists in the chunk once some row read writes it: a good row, or a bad one
    // whose first bad value comes after it.
    let written = false;
    for (let i = 0; i < end && !written; i++) written = bad[i] < 0 || bad[i] > k;
    if (written) columns.set(rule, ids(col, k, end, m, bad));
  });
  const out = new Map<string, ChunkColumn>();
  // Declared columns first, then the batch's in its order, as in a row-by-row write.
  const place = (rule: Rule) => {
    if (rule.main || out.has(rule.name)) return;
    const c = columns.get(rule);
    if (c) out.set(rule.name, c);
    else if (Object.hasOwn(rules.spec.types, rule.name)) {
      out.set(
        rule.name,
        rule.kind === 'dict'
          ? { kind: 'dict', codes: new Int32Array(m).fill(-1), dict: [] }
          : { kind: 'number', values: new Float64Array(m).fill(NaN) },
      );
    }
  };
  for (const name of Object.keys(rules.spec.types)) place(rules.rule(name)!);
  for (const { rule } of kept) place(rule);
  return {
    chunk: { n: m, time: time!, columns: out },
    rows: m,
    skipped: skip ? problems.length : 0,
    error: skip ? null : (problems[0] ?? null),
    invalid: skip ? problems : [],
    total: n,
  };
}

/** An id column (text or numbers) at place `k`: codes of the good rows of `[0, end)`. */
function ids(col: BatchColumn, k: number, end: number, m: number, bad: Int32Array): ChunkColumn {
  const dict = new ByteDict();
  const codes = new Int32Array(m);
  if (col.kind === 'utf8') {
    const text = new TextIds(dict);
    const one = new Int32Array(1);
    for (let i = 0, o = 0; i < end; ) {
      let j = i;
      while (j < end && bad[j] < 0) j++;
      text.column(col.values, col.offsets, col.validity, i, j, codes, o);
      o += j - i;
      // A bad row's text still enters the dictionary when its first bad value comes later.
      if (j < end && bad[j] > k) text.column(col.values, col.offsets, col.validity, j, j + 1, one, 0);
      i = j + 1;
    }
  } else if (col.kind === 'number') {
    const { values, validity } = col;
    for (let i = 0, o = 0; i < end; i++) {
      if (bad[i] >= 0 && bad[i] < k) continue;
      const code = validity !== null && (validity[i >> 3] & (1 << (i & 7))) === 0 ? -1 : dict.code(values[i]);
      if (bad[i] < 0) codes[o++] = code;
    }
  }
  return { kind: 'dict', codes, dict: dict.values };
}
