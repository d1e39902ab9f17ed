/** Boltz on the command line: the façade over a file's events, and its pages followed into one response. */
import type { CliParams, Json } from '../vendor-cli.ts';
import { vendorCli } from '../vendor-cli.ts';
import { createBoltz } from './index.ts';

export const boltzCli = vendorCli({
  flags: [],
  pages: true,
  // Column mappings are validated by the façade; the cast only bridges the CLI's loose JSON.
  build: ({ events, engine, now, columns }) => createBoltz({ events, engine, now, columns: columns as never }),
  async call(boltz, params: CliParams, _side, allPages) {
    let page = await boltz.admin.usage.list(params);
    if (!allPages) return page as unknown as Json;
    const data = [...page.data];
    while (page.has_more && page.next_page) {
      page = await boltz.admin.usage.list({ ...params, page: page.next_page });
      data.push(...page.data);
    }
    return { data, has_more: false, next_page: null };
  },
  rows: (response) => response.data as Json[],
});
