import { describe, expect, it } from 'vitest';
import { ndjson, recompute, tempFiles } from './helpers.ts';

const file = tempFiles();
const NOW = ['--now', '2026-11-20T12:00:00Z', '--workers', '0'];

describe('recompute through the MIOSA, Adverity and Scenario façades', () => {
  it('MIOSA: a 7-day rollup by user, missing metrics as 0, credit cents rounded after summing', async () => {
    const events = file(
      'miosa.ndjson',
      ndjson([
        { ts: '2026-11-15T10:00:00Z', workspace_id: 'w', external_user_id: 'u1', sandbox_seconds: 100, credit_cents: 1.25 },
        { ts: '2026-11-16T10:00:00Z', workspace_id: 'w', external_user_id: 'u1', computer_seconds: 50, credit_cents: 1 },
        { ts: '2026-11-17T10:00:00Z', workspace_id: 'w', external_user_id: 'u2', storage_gb_hours: 2.5, credit_cents: 6 },
        { ts: '2026-11-18T10:00:00Z', workspace_id: 'w', external_user_id: null, sandbox_seconds: 10, credit_cents: 0.125 },
        { ts: '2026-11-10T10:00:00Z', workspace_id: 'w', external_user_id: 'u2', sandbox_seconds: 999, credit_cents: 99 },
      ]),
    );
    const r = await recompute(['--input', events, '--facade', 'miosa', '--params', '{"period":"7d"}', ...NOW]);
    expect(r.code).toBe(0);
    // 7d ends at the next UTC midnight after now (11-21) and starts 7 days before (11-14); the 11-10 event is out.
    expect(JSON.parse(r.stdout)).toEqual({
      period_start: '2026-11-14T00:00:00Z',
      period_end: '2026-11-21T00:00:00Z',
      results: [
        { external_user_id: 'u2', sandbox_seconds: 0, computer_seconds: 0, storage_gb_hours: 2.5, credit_cents: 6 },
        { external_user_id: 'u1', sandbox_seconds: 100, computer_seconds: 50, storage_gb_hours: 0, credit_cents: 2 },
        { external_user_id: null, sandbox_seconds: 10, computer_seconds: 0, storage_gb_hours: 0, credit_cents: 0 },
      ],
    });
  });

  it('Adverity: monthly rows of the scope subtree, today left out, all pages', async () => {
    const workspaces = file(
      'workspaces.json',
      JSON.stringify([
        { id: 'a-root', name: 'Root', parent_id: null },
        { id: 'b-child', name: 'Child', parent_id: 'a-root' },
        { id: 'c-other', name: 'Other', parent_id: null },
      ]),
    );
    const events = file(
      'adverity.csv',
      [
        'ts,workspace_id,datastream_id,row_key',
        '2026-11-02T08:00:00Z,a-root,ds1,k1',
        '2026-11-03T08:00:00Z,a-root,ds1,k1',
        '2026-11-05T08:00:00Z,b-child,,k2',
        '2026-11-05T08:00:00Z,c-other,ds2,k3',
        '2026-11-20T08:00:00Z,a-root,ds1,k4',
      ].join('\n'),
    );
    const r = await recompute([
      '--input',
      events,
      '--facade',
      'adverity',
      '--workspaces',
      workspaces,
      '--scope',
      'a-root',
      '--params',
      '{"granularity":"monthly","date_from":"2026-11-01","page_size":"1"}',
      '--all-pages',
      ...NOW,
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      items: [
        {
          date: '2026-11-01',
          workspace_id: 'a-root',
          workspace_name: 'Root',
          datastream_id: 'ds1',
          unique_rows: 1,
          total_rows: 2,
        },
        {
          date: '2026-11-01',
          workspace_id: 'b-child',
          workspace_name: 'Child',
          datastream_id: null,
          unique_rows: 1,
          total_rows: 1,
        },
      ],
      count: 2,
    });
  });

  it('Scenario: consumption and activity flattened into rows', async () => {
    const events = file(
      'scenario.ndjson',
      ndjson([
        { ts: '2026-11-18T09:00:00Z', project_id: 'p', user_id: 'u1', action: 'txt2img', is_api_key: false, creative_units: 2.5 },
        {
          ts: '2026-11-19T10:00:00Z',
          project_id: 'p',
          user_id: 'u1',
          action: 'txt2img',
          is_api_key: false,
          creative_units: 5,
          discount: -1,
        },
        { ts: '2026-11-19T11:00:00Z', project_id: 'p', user_id: 'u2', action: 'upscale', is_api_key: true, creative_units: 1 },
        { ts: '2026-11-01T11:00:00Z', project_id: 'p', user_id: 'u3', action: 'upscale', is_api_key: false, creative_units: 100 },
      ]),
    );
    const catalogs = file(
      'catalogs.json',
      JSON.stringify({
        users: [
          { id: 'u1', isApiKey: false },
          { id: 'u2', isApiKey: true },
        ],
      }),
    );
    const r = await recompute([
      '--input',
      events,
      '--facade',
      'scenario',
      '--catalogs',
      catalogs,
      '--output',
      'ndjson',
      '--params',
      '{"timeRange":"last-seven-days","type":"consumption,activity"}',
      ...NOW,
    ]);
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    // Seven days back from 11-20T12:00 excludes u3's 11-01 row; total = value + discount.
    expect(rows.filter((row) => row.type === 'consumption')).toEqual([
      { type: 'consumption', userId: 'u1', value: 7.5, discount: -1, total: 6.5 },
      { type: 'consumption', userId: 'u2', value: 1, discount: 0, total: 1 },
    ]);
    expect(
      rows.filter((row) => row.type === 'activity').map((row) => [row.time, row.userId, row.action, row.creativeUnitsCost]),
    ).toEqual([
      ['2026-11-19T11:00:00.000Z', 'u2', 'upscale', 1],
      ['2026-11-19T10:00:00.000Z', 'u1', 'txt2img', 5],
      ['2026-11-18T09:00:00.000Z', 'u1', 'txt2img', 2.5],
    ]);
  });
});
