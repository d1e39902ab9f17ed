/** MIOSA on the command line: the façade over a file's events; one response, its results the rows. */
import type { Json } from '../vendor-cli.ts';
import { vendorCli } from '../vendor-cli.ts';
import { createMiosa } from './index.ts';

export const miosaCli = vendorCli({
  flags: [],
  pages: false,
  // Column mappings are validated by the façade; the cast only bridges the CLI's loose JSON.
  build: ({ events, engine, now, columns }) => createMiosa({ events, engine, now, columns: columns as never }),
  call: async (miosa, params) => (await miosa.usage.get(params)) as unknown as Json,
  rows: (response) => response.results as Json[],
});
