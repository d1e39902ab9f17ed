import { describe, expect, it } from 'vitest';
import { resolveColumns } from '../../../src/facades/common/columns.ts';

const LOGICAL = ['ts', 'workspace_id', 'quantity'] as const;

describe('resolveColumns', () => {
  it('maps logical names to the user columns, the rest as named', () => {
    expect(resolveColumns('createX', LOGICAL, { workspace_id: 'ws' })).toEqual({
      ts: 'ts',
      workspace_id: 'ws',
      quantity: 'quantity',
    });
    expect(resolveColumns('createX', LOGICAL, undefined)).toEqual({
      ts: 'ts',
      workspace_id: 'workspace_id',
      quantity: 'quantity',
    });
  });

  it('rejects unknown names, empty names and two logical columns on one user column', () => {
    expect(() => resolveColumns('createX', LOGICAL, { wsid: 'ws' } as never)).toThrow(
      "createX: columns: unknown column 'wsid' (known: ts, workspace_id, quantity)",
    );
    expect(() => resolveColumns('createX', LOGICAL, { ts: '' })).toThrow(
      "createX: columns: column 'ts' must be a non-empty string",
    );
    expect(() => resolveColumns('createX', LOGICAL, { workspace_id: 'quantity' })).toThrow(
      "createX: columns: 'workspace_id' and 'quantity' both read column 'quantity'",
    );
  });
});
