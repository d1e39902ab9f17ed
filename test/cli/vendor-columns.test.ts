import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import { VENDOR_COLUMN_TYPES, vendorTypes, withVendorColumns } from '../../src/cli/vendor-columns.ts';

describe('vendorTypes', () => {
  it("gives a vendor's columns under the user's names", () => {
    expect(vendorTypes('boltz', { workspace_id: 'ws' })).toEqual({
      ts: 'time',
      ws: 'string',
      application: 'string',
      quantity: 'number',
    });
  });

  it('merges several vendors; a column shared by two has one type', () => {
    expect(vendorTypes(['boltz', 'adverity'])).toEqual({
      ts: 'time',
      workspace_id: 'string',
      application: 'string',
      quantity: 'number',
      datastream_id: 'string',
      row_key: 'string',
    });
    const seen = new Map<string, string>();
    for (const types of Object.values(VENDOR_COLUMN_TYPES)) {
      for (const [name, type] of Object.entries(types)) {
        expect(seen.get(name) ?? type, name).toBe(type);
        seen.set(name, type);
      }
    }
  });
});

describe('withVendorColumns', () => {
  it('adds the columns a file leaves out, all null, under the mapped names', () => {
    const events = table({ ts: [1, 2], ws: ['a', 'b'], quantity: [3, 4] });
    const filled = withVendorColumns('boltz', events, { workspace_id: 'ws' });
    expect(filled.columnNames()).toEqual(['ts', 'ws', 'quantity', 'application']);
    expect(filled.objects()).toEqual([
      { ts: 1, ws: 'a', quantity: 3, application: null },
      { ts: 2, ws: 'b', quantity: 4, application: null },
    ]);
  });

  it('adds every listed vendor’s columns', () => {
    const events = table({ ts: [1], workspace_id: ['w'], sandbox_seconds: [5] });
    expect(withVendorColumns(['boltz', 'miosa'], events).columnNames().sort()).toEqual([
      'application',
      'computer_seconds',
      'credit_cents',
      'external_project_id',
      'external_user_id',
      'quantity',
      'sandbox_seconds',
      'storage_gb_hours',
      'ts',
      'workspace_id',
    ]);
  });

  it('returns the same table when nothing is missing', () => {
    const events = table({ ts: [1], workspace_id: ['w'], datastream_id: ['d'], row_key: ['k'], extra: [0] });
    expect(withVendorColumns('adverity', events)).toBe(events);
  });
});
