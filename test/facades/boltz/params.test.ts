import { describe, expect, it } from 'vitest';
import { FacadeError } from '../../../src/errors.ts';
import { parseBoltzParams } from '../../../src/facades/boltz/params.ts';

const base = { starting_at: '2026-04-01T00:00:00Z', ending_at: '2026-04-02T00:00:00Z', window_size: 'HOUR' };

function detail(params: Record<string, unknown>): unknown {
  try {
    parseBoltzParams(params as never);
  } catch (e) {
    expect(e).toBeInstanceOf(FacadeError);
    expect((e as FacadeError).status).toBe(422);
    return ((e as FacadeError).body as { detail: unknown }).detail;
  }
  throw new Error('expected a 422');
}

const APPS =
  "'structure_and_binding', 'small_molecule_design', 'small_molecule_library_screen', 'protein_design', 'protein_library_screen' or 'adme'";

describe('Boltz parameters: defaults and accepted forms', () => {
  it('applies the defaults: no filters, ungrouped, limit 100, first page', () => {
    expect(parseBoltzParams(base)).toEqual({
      startingAt: Date.UTC(2026, 3, 1),
      endingAt: Date.UTC(2026, 3, 2),
      windowSize: 'HOUR',
      applications: null,
      workspaceIds: null,
      groupBy: [],
      limit: 100,
      page: null,
    });
  });

  it('takes lists as one value, repeated keys, name[] keys and comma lists, without duplicates', () => {
    const forms = [
      { applications: ['adme', 'protein_design'] },
      { 'applications[]': 'adme,protein_design' },
      { 'applications[]': ['adme', 'protein_design', 'adme'] },
      { applications: 'adme', 'applications[]': 'protein_design' },
    ];
    for (const form of forms) expect(parseBoltzParams({ ...base, ...form }).applications).toEqual(['adme', 'protein_design']);
    expect(parseBoltzParams({ ...base, applications: 'adme' }).applications).toEqual(['adme']);
    expect(parseBoltzParams({ ...base, 'workspace_ids[]': 'w1,w2', workspace_ids: 'w3' }).workspaceIds).toEqual([
      'w3',
      'w1',
      'w2',
    ]);
  });

  it('group_by in any order and form gives workspace_id before application', () => {
    expect(parseBoltzParams({ ...base, 'group_by[]': 'application,workspace_id' }).groupBy).toEqual([
      'workspace_id',
      'application',
    ]);
    expect(parseBoltzParams({ ...base, group_by: ['application', 'application'] }).groupBy).toEqual(['application']);
  });

  it('limit from a string, a number, with whitespace; a repeated single value takes the last', () => {
    expect(parseBoltzParams({ ...base, limit: '1000' }).limit).toBe(1000);
    expect(parseBoltzParams({ ...base, limit: 1 }).limit).toBe(1);
    expect(parseBoltzParams({ ...base, limit: ' 25 ' }).limit).toBe(25);
    expect(parseBoltzParams({ ...base, window_size: ['HOUR', 'DAY'] }).windowSize).toBe('DAY');
  });

  it('datetimes with offsets, and Dates from SDK-style calls', () => {
    const p = parseBoltzParams({
      ...base,
      starting_at: '2026-04-01T05:30:00+05:30',
      ending_at: new Date(Date.UTC(2026, 3, 1, 1)),
    });
    expect(p.startingAt).toBe(Date.UTC(2026, 3, 1));
    expect(p.endingAt).toBe(Date.UTC(2026, 3, 1, 1));
  });
});

describe('Boltz parameters: 422 bodies', () => {
  it('every required parameter missing, in order', () => {
    expect(detail({})).toEqual([
      { type: 'missing', loc: ['query', 'starting_at'], msg: 'Field required', input: null },
      { type: 'missing', loc: ['query', 'ending_at'], msg: 'Field required', input: null },
      { type: 'missing', loc: ['query', 'window_size'], msg: 'Field required', input: null },
    ]);
  });

  it('an unknown window size', () => {
    expect(detail({ ...base, window_size: 'WEEK' })).toEqual([
      {
        type: 'enum',
        loc: ['query', 'window_size'],
        msg: "Input should be 'HOUR' or 'DAY'",
        input: 'WEEK',
        ctx: { expected: "'HOUR' or 'DAY'" },
      },
    ]);
    expect(detail({ ...base, window_size: 'hour' })).toEqual([expect.objectContaining({ type: 'enum', input: 'hour' })]);
  });

  it('unknown applications and group_by values, each at its index', () => {
    expect(detail({ ...base, 'applications[]': 'adme,docking,', group_by: ['workspace_id', 'user'] })).toEqual([
      {
        type: 'enum',
        loc: ['query', 'applications', 1],
        msg: `Input should be ${APPS}`,
        input: 'docking',
        ctx: { expected: APPS },
      },
      { type: 'enum', loc: ['query', 'applications', 2], msg: `Input should be ${APPS}`, input: '', ctx: { expected: APPS } },
      {
        type: 'enum',
        loc: ['query', 'group_by', 1],
        msg: "Input should be 'workspace_id' or 'application'",
        input: 'user',
        ctx: { expected: "'workspace_id' or 'application'" },
      },
    ]);
  });

  it('limit: not an integer, below 1, above 1000', () => {
    const intParsing = (input: unknown) => [
      {
        type: 'int_parsing',
        loc: ['query', 'limit'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input,
      },
    ];
    expect(detail({ ...base, limit: 'ten' })).toEqual(intParsing('ten'));
    expect(detail({ ...base, limit: '1.5' })).toEqual(intParsing('1.5'));
    expect(detail({ ...base, limit: '' })).toEqual(intParsing(''));
    expect(detail({ ...base, limit: 2.5 })).toEqual([
      {
        type: 'int_from_float',
        loc: ['query', 'limit'],
        msg: 'Input should be a valid integer, got a number with a fractional part',
        input: 2.5,
      },
    ]);
    expect(detail({ ...base, limit: '0' })).toEqual([
      {
        type: 'greater_than_equal',
        loc: ['query', 'limit'],
        msg: 'Input should be greater than or equal to 1',
        input: '0',
        ctx: { ge: 1 },
      },
    ]);
    expect(detail({ ...base, limit: '1001' })).toEqual([
      {
        type: 'less_than_equal',
        loc: ['query', 'limit'],
        msg: 'Input should be less than or equal to 1000',
        input: '1001',
        ctx: { le: 1000 },
      },
    ]);
  });

  it('datetimes without an offset, and text that is not a datetime', () => {
    expect(detail({ ...base, starting_at: '2019-12-27T18:11:19.117000', ending_at: '2026-04-02' })).toEqual([
      {
        type: 'timezone_aware',
        loc: ['query', 'starting_at'],
        msg: 'Input should have timezone info',
        input: '2019-12-27T18:11:19.117000',
      },
      { type: 'timezone_aware', loc: ['query', 'ending_at'], msg: 'Input should have timezone info', input: '2026-04-02' },
    ]);
    expect(detail({ ...base, starting_at: 'yesterday', ending_at: '2026-02-30T00:00:00Z' })).toEqual([
      {
        type: 'datetime_from_date_parsing',
        loc: ['query', 'starting_at'],
        msg: 'Input should be a valid datetime or date, input is too short',
        input: 'yesterday',
        ctx: { error: 'input is too short' },
      },
      {
        type: 'datetime_from_date_parsing',
        loc: ['query', 'ending_at'],
        msg: 'Input should be a valid datetime or date, day value is outside expected range',
        input: '2026-02-30T00:00:00Z',
        ctx: { error: 'day value is outside expected range' },
      },
    ]);
  });

  it('lists every problem at once, in parameter order', () => {
    const d = detail({ window_size: 'MONTH', limit: 'x', ending_at: 'bad' }) as { loc: unknown[]; type: string }[];
    expect(d.map((i) => [i.loc.join('.'), i.type])).toEqual([
      ['query.starting_at', 'missing'],
      ['query.ending_at', 'datetime_from_date_parsing'],
      ['query.window_size', 'enum'],
      ['query.limit', 'int_parsing'],
    ]);
  });

  it('params that are not query values are a programming error', () => {
    expect(() => parseBoltzParams({ ...base, limit: { n: 1 } } as never)).toThrow(TypeError);
  });
});
