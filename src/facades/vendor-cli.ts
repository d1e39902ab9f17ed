/**
 * What the command line needs from a vendor beyond its descriptor: the side flags it reads
 * (a catalog file, a caller's scope), how to build its façade from events, an engine and plain
 * options, how to call it (following every page when asked), and the rows its response lists.
 * Each façade folder exports one (`<vendor>/cli.ts`), registered in `vendor-clis.ts`; the CLI
 * iterates them and names no vendor. The hook takes plain inputs, so façades never import the CLI.
 */
import type { Engine, Events } from '../engine/engine.ts';

/** A JSON object: a façade response as the CLI writes it. */
export type Json = Record<string, unknown>;

/** Query parameters as the command line gives them (`--params`, `-p`). */
export type CliParams = Record<string, string | string[] | number | boolean | undefined>;

/** A flag only some vendors read: the CLI checks it is given only for them, and when they need it. */
export interface SideFlag {
  /** The flag's name without dashes; its value is passed to the hooks under this name. */
  name: string;
  /** `FILE`: a JSON file the CLI reads; `ID`: the text as given. */
  arg: 'FILE' | 'ID';
  /** One line of help text. */
  help: string;
  /** The vendor cannot answer without it. */
  required: boolean;
  /** `serve` reads it too (otherwise only `recompute`: a caller's scope comes with each request). */
  serve: boolean;
}

/** What the façade is built from: a FILE flag's value is the file's parsed JSON. */
export interface CliBuildInput {
  events: Events;
  engine: Engine;
  /** The façade's clock (`--now`); absent: the real clock. */
  now?: () => Date;
  /** Logical column name → the file's (`--columns`), checked by the façade. */
  columns?: Record<string, string>;
  /** The side flags' values by name. */
  side: Readonly<Record<string, unknown>>;
}

export interface VendorCli<Facade = unknown> {
  /** Flags only this vendor reads, in the order they are checked and listed. */
  flags: readonly SideFlag[];
  /** The response is paged and `--all-pages` can follow it. */
  pages: boolean;
  build(input: CliBuildInput): Facade;
  /** Calls the façade once (or through every page with `allPages`); rejects as the façade does. */
  call(facade: Facade, params: CliParams, side: Readonly<Record<string, unknown>>, allPages: boolean): Promise<Json>;
  /** The rows a response lists, for NDJSON and CSV: one per bucket, result, item or point. */
  rows(response: Json): Json[];
}

/** Types a vendor's hooks against its façade. */
export function vendorCli<Facade>(cli: VendorCli<Facade>): VendorCli<Facade> {
  return cli;
}
