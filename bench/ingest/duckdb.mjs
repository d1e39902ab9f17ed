// DuckDB's side of the ingest benchmark, as its own process (plain JavaScript, so no loader adds
// start-up time): read_json / read_csv / read_parquet of one file plus the same GROUP BY as the
// CLI's query, rows written as NDJSON [day, workspace_id, quantity] for the comparison.
// usage: node bench/ingest/duckdb.mjs FILE FORMAT OUT
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, format, out] = process.argv.slice(2);
const reader = {
  ndjson: `read_json('${file}', format = 'newline_delimited')`,
  csv: `read_csv('${file}')`,
  parquet: `read_parquet('${file}')`,
}[format];
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await instance.connect();
const result =
  await con.runAndReadAll(`SELECT epoch_ms(date_trunc('day', ts::TIMESTAMP)) AS w, workspace_id, sum(quantity)::DOUBLE AS q
  FROM ${reader} GROUP BY ALL`);
writeFileSync(
  out,
  result
    .getRows()
    .map(([w, ws, q]) => JSON.stringify([Number(w), ws, q]))
    .join('\n') + '\n',
);
con.closeSync();
instance.closeSync();
