/**
 * Opening a ClickHouse client. `@clickhouse/client` is an optional peer dependency: the package
 * installs without it, and this is the one place that loads it, saying how to add it when it is
 * missing (the rest of `usage-aggregator/clickhouse` only takes a client you pass in).
 */
import type { ClickHouseClient, ClickHouseClientConfigOptions } from '@clickhouse/client';

/** What {@link connectClickHouse} throws when `@clickhouse/client` is not installed. */
export class MissingClickHouseClientError extends Error {
  override readonly name = 'MissingClickHouseClientError';
  constructor() {
    super(
      'usage-aggregator/clickhouse needs the @clickhouse/client package (an optional peer dependency): npm install @clickhouse/client',
    );
  }
}

export interface ConnectOptions {
  /** Turn off the client's own error log (the caller reports failures once itself). */
  quiet?: boolean;
}

type ClientModule = typeof import('@clickhouse/client');

/** The `@clickhouse/client` module, or {@link MissingClickHouseClientError}. */
export async function clickhouseClientModule(): Promise<ClientModule> {
  // A literal specifier, so Deno and JSR can map it to the npm package.
  const name = '@clickhouse/client';
  try {
    return await import('@clickhouse/client');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const missing =
      e?.code === 'ERR_MODULE_NOT_FOUND' ||
      /Cannot find (module|package)|Module not found|not found in import map/i.test(String(e?.message));
    if (missing && String(e?.message).includes(name)) throw new MissingClickHouseClientError();
    throw error;
  }
}

/**
 * A client for the server at `config.url`; `config` is `@clickhouse/client`'s `createClient` options.
 *
 * @example
 * import { clickhouseSource, connectClickHouse } from 'usage-aggregator/clickhouse';
 * const client = await connectClickHouse({ url: 'http://127.0.0.1:8123' });
 * const source = clickhouseSource({ client, table: 'events', columns: { ts: 'time', quantity: 'number' } });
 */
export async function connectClickHouse(
  config: ClickHouseClientConfigOptions = {},
  options: ConnectOptions = {},
): Promise<ClickHouseClient> {
  const { createClient, ClickHouseLogLevel } = await clickhouseClientModule();
  return createClient(options.quiet ? { ...config, log: { ...config.log, level: ClickHouseLogLevel.OFF } } : config);
}
