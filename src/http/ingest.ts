/**
 * `POST /events/{vendor}`: this library's own endpoint for appending events to the loaded events
 * a vendor's façade serves — no vendor has it; it is how a service built on this library keeps
 * its usage current. The body is NDJSON (one event per line) or a JSON array of events. Rows are
 * read by the same scanner as an NDJSON file, with the load's column types, so a row is accepted
 * or rejected exactly as it would be in a file; a bad row is a 400 naming it, and then nothing of
 * the batch is appended. The answer is `{ appended, duplicates }`.
 *
 * Access is by API key (`Authorization: Bearer <key>`), checked like the vendors' keys (hashed,
 * constant time). There is no open mode: an ingest endpoint without keys is refused at startup.
 */
import { z } from 'zod';
import type { LoadedEvents } from '../engine/store/events.ts';
import { VENDOR_NAMES } from '../facades/vendors.ts';
import { SecretTable } from './secrets.ts';
import { jsonResponse, type Vendor } from './vendor-errors.ts';

/**
 * The `ingest` option of `createFetchHandler`.
 *
 * @example
 * const ingest: IngestOptions = { keys: ['ik_live_1'], events: { boltz: events } };
 */
export interface IngestOptions {
  /** API keys allowed to append, sent as `Authorization: Bearer <key>`. At least one. */
  keys: string[];
  /** The loaded events each vendor path appends to (those its façade reads). A vendor left out answers 404. */
  events: Partial<Record<Vendor, LoadedEvents>>;
  /** Largest body accepted, in bytes (checked before anything is read). Default 16 MiB. */
  maxBytes?: number;
}

const schema = z.strictObject({
  keys: z.array(z.string().min(1, 'must not be empty')).min(1, 'needs at least one key'),
  events: z.partialRecord(
    z.enum(VENDOR_NAMES as [Vendor, ...Vendor[]]),
    z.custom<LoadedEvents>((v) => typeof (v as LoadedEvents)?.append === 'function', {
      message: 'must be events from engine.load',
    }),
  ),
  maxBytes: z.number().int().positive().optional(),
});

const PREFIX = '/events/';
const error = (status: number, code: string, message: string, headers?: Record<string, string>) => {
  const res = jsonResponse(status, { error: { code, message } });
  for (const [k, v] of Object.entries(headers ?? {})) res.headers.set(k, v);
  return res;
};

/** True for a path the ingest endpoint owns. */
export function isIngestPath(pathname: string): boolean {
  return pathname.startsWith(PREFIX);
}

/** Builds the endpoint's handler; throws a TypeError naming a bad option. */
export function createIngest(options: IngestOptions): (request: Request, pathname: string) => Promise<Response> {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`ingest.${issue.path.join('.')}: ${issue.message}`);
  }
  const keys = new SecretTable(options.keys.map((k) => [k, true] as const));
  const maxBytes = options.maxBytes ?? 16 << 20;
  return async (request, pathname) => {
    const events = options.events[pathname.slice(PREFIX.length) as Vendor];
    if (!events) return error(404, 'not_found', 'No such events endpoint');
    const auth = request.headers.get('authorization') ?? '';
    const key = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
    if (!key || !(await keys.find(key)))
      return error(401, 'unauthorized', 'A valid ingest API key is required (Authorization: Bearer <key>)');
    if (request.method !== 'POST')
      return error(405, 'method_not_allowed', `Method ${request.method} not allowed`, { allow: 'POST' });
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > maxBytes) return error(413, 'too_large', `The body is over ${maxBytes} bytes`);
    const body = new Uint8Array(await request.arrayBuffer());
    if (body.length > maxBytes) return error(413, 'too_large', `The body is over ${maxBytes} bytes`);
    let ndjson: Uint8Array;
    try {
      ndjson = asNdjson(body);
    } catch (e) {
      return error(400, 'invalid_events', (e as Error).message);
    }
    try {
      const r = await events.append(chunks(ndjson), { format: 'ndjson', name: 'body', skipInvalid: false });
      return jsonResponse(200, { appended: r.appended, duplicates: r.duplicates });
    } catch (e) {
      const name = (e as Error)?.name;
      if (name === 'EventFileError' || name === 'QueryError') return error(400, 'invalid_events', (e as Error).message);
      throw e;
    }
  };
}

async function* chunks(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/**
 * The body as NDJSON bytes: NDJSON as it is; a JSON array one element per line (so row k of the
 * array is line k + 1 in an error).
 */
function asNdjson(body: Uint8Array): Uint8Array {
  let i = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0; // a BOM
  while (i < body.length && (body[i] === 0x20 || body[i] === 0x0a || body[i] === 0x0d || body[i] === 0x09)) i++;
  if (body[i] !== 0x5b) return body; // not '[': NDJSON
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new Error('body: not valid JSON (send a JSON array of events, or NDJSON)');
  }
  if (!Array.isArray(parsed)) throw new Error('body: not a JSON array of events');
  return new TextEncoder().encode(parsed.map((row) => JSON.stringify(row)).join('\n'));
}
