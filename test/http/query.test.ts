import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/http/query.ts';

const parse = (qs: string) => parseQuery(new URLSearchParams(qs));

describe('parseQuery', () => {
  it('keeps a key given once as its raw string', () => {
    expect(parse('window_size=DAY&limit=10')).toEqual({ window_size: 'DAY', limit: '10' });
  });

  it('collects repeated keys into an array, in order', () => {
    expect(parse('workspace_id=b&workspace_id=a&workspace_id=b')).toEqual({ workspace_id: ['b', 'a', 'b'] });
  });

  it('strips the brackets of key[] and always gives an array', () => {
    expect(parse('group_by[]=workspace_id')).toEqual({ group_by: ['workspace_id'] });
    expect(parse('applications[]=adme&applications[]=protein_design')).toEqual({
      applications: ['adme', 'protein_design'],
    });
  });

  it('merges key and key[] spellings of the same parameter', () => {
    expect(parse('group_by=application&group_by[]=workspace_id')).toEqual({
      group_by: ['application', 'workspace_id'],
    });
  });

  it('leaves comma-separated values as one raw string for the façade to split', () => {
    expect(parse('group_by%5B%5D=workspace_id%2Capplication&projectIds=p1,p2')).toEqual({
      group_by: ['workspace_id,application'],
      projectIds: 'p1,p2',
    });
  });

  it('turns a bare ?flag into an empty string', () => {
    expect(parse('dropZeroPoints&type=usages')).toEqual({ dropZeroPoints: '', type: 'usages' });
    expect(parse('dropZeroPoints=')).toEqual({ dropZeroPoints: '' });
  });

  it('decodes percent-escapes and plus signs in values', () => {
    expect(parse('starting_at=2026-04-01T00%3A00%3A00%2B02%3A00&q=a+b')).toEqual({
      starting_at: '2026-04-01T00:00:00+02:00',
      q: 'a b',
    });
  });

  it('treats a key named [] or __proto__ as an ordinary parameter', () => {
    const out = parse('[]=x&__proto__=y');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.entries(out)).toEqual([
      ['[]', 'x'],
      ['__proto__', 'y'],
    ]);
  });

  it('gives an empty object for an empty query', () => {
    expect(parse('')).toEqual({});
  });
});
