/**
 * What a vendor façade declares about itself, as data: its name, the HTTP path it answers and the
 * façade method that path calls, how callers authenticate, the style of its error bodies, its
 * typed event columns, and a hook that generates sample events. Each façade folder exports one
 * descriptor (`<vendor>/vendor.ts`); `vendors.ts` registers them. The HTTP handler, the CLI, the
 * sample and the docs read the descriptors, so they hold no list of vendors of their own, and
 * the handler still knows a façade only by the shape of the method it calls.
 */
import type { ColumnType } from '../io/types.ts';
import type { Span } from '../sample/instants.ts';
import type { Random } from '../sample/random.ts';

/**
 * How a caller authenticates; the HTTP layer implements each kind once.
 * - `api-key`: a key in a header (`header`) or as an `Authorization: Bearer` token (`bearer`);
 * - `basic`: HTTP Basic key and secret;
 * - `scoped-token`: `Authorization: Token|Bearer <token>`, each token bound to the caller's
 *   scope (a workspace id) the façade is called with; checked even when nothing is configured.
 */
export type AuthScheme =
  | { kind: 'api-key'; header: string; challenge: string }
  | { kind: 'api-key'; bearer: true; challenge: string }
  | { kind: 'basic'; challenge: string }
  | { kind: 'scoped-token'; schemes: readonly string[]; challenge: string };

/**
 * The shape of the error bodies the vendor's server sends (the HTTP layer writes each style):
 * `fastapi` `{ detail }`, `error-envelope` `{ error: { code, message } }`, `api-gateway`
 * `{ message }` (AWS API Gateway), `drf` Django REST framework's `{ detail }` wording.
 */
export type ErrorStyle = 'fastapi' | 'error-envelope' | 'api-gateway' | 'drf';

/**
 * What the vendor's server framework does around the endpoint (methods, OPTIONS, trailing
 * slashes): `fastapi` (Starlette), `drf` (Django REST framework), `plain` (GET only).
 */
export type Framework = 'fastapi' | 'drf' | 'plain';

/** A request's query parameters as the HTTP handler parses them: a repeated key is a list. */
export type RequestParams = Record<string, string | string[]>;

/** A file the sample writes for a vendor, taken from its generated value: NDJSON rows, or one JSON document. */
export type SampleFile<SampleValue = unknown> =
  | { name: string; rows(value: SampleValue): readonly unknown[] }
  | { name: string; json(value: SampleValue): unknown; indent?: number };

export interface VendorDescriptor<Name extends string = string, Facade = unknown, SampleValue = unknown> {
  /** The vendor's key everywhere: façade option, auth config, CLI `--facade`. */
  name: Name;
  /** As the vendor writes its name, for docs and messages. */
  title: string;
  http: {
    /** The exact path served (a trailing slash is part of it). */
    path: string;
    /** The façade method the path calls, as property names from the façade object. */
    call: readonly string[];
    /** The method also takes `{ scope }`, the caller's scope from a `scoped-token` check. */
    scoped: boolean;
    framework: Framework;
  };
  auth: AuthScheme;
  errors: ErrorStyle;
  /** The façade's logical event columns and the type an event file is read with. */
  columns: Readonly<Record<string, ColumnType>>;
  /** A file holds this vendor's events when it has every column of one of these lists. */
  detect: readonly (readonly string[])[];
  sample: {
    /** Default number of events (or of the vendor's main unit of events). */
    count: number;
    generate(random: Random, span: Span, count: number): SampleValue;
    /** The files the value is written as. */
    files: readonly SampleFile<SampleValue>[];
  };
  /** Type only (always undefined): the façade's shape as the HTTP handler calls it. */
  readonly facade?: Facade;
}

/** The descriptor's `facade` field: carries the type, holds nothing. */
export function facadeShape<Facade>(): Facade | undefined {
  return undefined;
}

/** A descriptor's column names, in its order. */
export function columnNames<C extends string>(columns: Readonly<Record<C, ColumnType>>): readonly C[] {
  return Object.keys(columns) as C[];
}
