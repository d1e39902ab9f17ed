/** Interim: a BatchColumn's cell as a JS value, until the shared column writer lands. */
import { decodeUtf8 } from './byte-dict.ts';
import type { BatchColumn } from './columnar.ts';

function isValid(validity: Uint8Array | null, i: number): boolean {
  return validity === null || (validity[i >> 3] & (1 << (i & 7))) !== 0;
}

export function cellValue(col: BatchColumn, i: number): unknown {
  switch (col.kind) {
    case 'values':
      return col.values[i];
    case 'utf8':
      return isValid(col.validity, i) ? decodeUtf8(col.values, col.offsets[i], col.offsets[i + 1]) : null;
    case 'number':
      return isValid(col.validity, i) ? col.values[i] : null;
    case 'dictionary':
      return isValid(col.validity, i) ? cellValue(col.dictionary, col.codes[i]) : null;
  }
}
