// One finished call for the journal. Kept raw (the header name/value pairs as Node parsed them, no copies, no
// date strings) because every call is recorded and few are ever read; `toEntry` makes the JSON view when
// someone asks. Holding the request's Headers object instead would keep each request's IncomingMessage alive
// for as long as the journal holds the call, which made every collection slower.
import type { Context } from 'hono';
import { bodyIfRead, kindOf } from '../../http/body-text.ts';

export interface JournalEntry {
  Id: number;
  At: string;
  Method: string;
  /** The API path as ET sees it (without the base path or the sandbox prefix), e.g. `/api/scriptpackages`. */
  Path: string;
  Query: Record<string, string | string[]>;
  /** Request headers in lower case, without credentials. */
  Headers: Record<string, string>;
  /** JSON bodies parsed, text bodies as text, other bodies null (see BodySize). */
  Body: unknown;
  BodySize: number;
  Status: number;
  DurationMs: number;
  Sandbox: string | null;
}

/** Headers that carry secrets never reach the journal. */
export const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** Bodies larger than this are recorded by size only (the journal must not hold uploads). */
export const MAX_RECORDED_BODY = 64 * 1024;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RecordedCall {
  id: number;
  method: string;
  url: string;
  /** The API path as ET sees it (without the base path or the sandbox prefix). */
  path: string;
  /** Name, value, name, value... (names as sent). */
  headers: readonly string[];
  /** The body as text (null when not recorded), parsed only when the journal is read. */
  body: RecordedBody;
  bodySize: number;
  status: number;
  at: number;
  durationMs: number;
  sandbox: string | null;
}

export interface CallOutcome {
  path: string;
  sandbox: string | null;
  status: number;
  /** Wall-clock start (ms since the epoch) and how long the answer took. */
  at: number;
  durationMs: number;
}

let nextId = 1;

/** A recorded body: its text, and whether it is JSON to parse for the journal's view. */
interface RecordedBody {
  text: string | null;
  json: boolean;
}

const NO_BODY: RecordedBody = { text: null, json: false };

/** Synchronous for calls without a body (most of them): no promise on the hot path. */
export function recordCall(c: Context, call: CallOutcome): RecordedCall | Promise<RecordedCall> {
  const method = c.req.method;
  const headers = headerPairs(c);
  const url = c.req.url;
  if (!BODY_METHODS.has(method)) return recorded(method, url, headers, NO_BODY, 0, call);
  // A body validation has read is at hand: no promise.
  const read = bodyIfRead(c);
  if (read?.text !== undefined && !(declaredSize(c) > MAX_RECORDED_BODY)) {
    const { body, size } = textBody(read.text, read.kind);
    return recorded(method, url, headers, body, size, call);
  }
  return bodyOf(c).then(({ body, size }) => recorded(method, url, headers, body, size, call));
}

/** Node's own array of the request's header pairs when served over HTTP; a copy in-process (app.request). */
function headerPairs(c: Context): readonly string[] {
  const raw = (c.env as { incoming?: { rawHeaders?: string[] } } | undefined)?.incoming?.rawHeaders;
  if (raw) return raw;
  const pairs: string[] = [];
  c.req.raw.headers.forEach((value, name) => pairs.push(name, value));
  return pairs;
}

function recorded(method: string, url: string, headers: readonly string[], body: RecordedBody, bodySize: number, o: CallOutcome): RecordedCall {
  return { id: nextId++, method, url, path: o.path, headers, body, bodySize, status: o.status, at: o.at, durationMs: o.durationMs, sandbox: o.sandbox };
}

export function toEntry(r: RecordedCall): JournalEntry {
  const joined = new Map<string, string>();
  for (let i = 0; i + 1 < r.headers.length; i += 2) {
    const name = r.headers[i]!.toLowerCase();
    if (SECRET_HEADERS.has(name)) continue;
    // Repeated headers are joined as Headers.get joins them, and listed in its (sorted) order.
    const had = joined.get(name);
    joined.set(name, had === undefined ? r.headers[i + 1]! : `${had}, ${r.headers[i + 1]}`);
  }
  const headers: Record<string, string> = {};
  for (const name of [...joined.keys()].sort()) headers[name] = joined.get(name)!;
  return {
    Id: r.id,
    At: new Date(r.at).toISOString(),
    Method: r.method,
    Path: r.path,
    Query: queryOf(r.url),
    Headers: headers,
    Body: bodyView(r.body),
    BodySize: r.bodySize,
    Status: r.status,
    DurationMs: Math.round(r.durationMs * 100) / 100,
    Sandbox: r.sandbox,
  };
}

function queryOf(url: string): Record<string, string | string[]> {
  const q = url.indexOf('?');
  const out: Record<string, string | string[]> = {};
  if (q < 0) return out;
  for (const [k, v] of new URLSearchParams(url.slice(q + 1))) {
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

/** JSON bodies parsed, malformed JSON and other text as the text that was sent. */
function bodyView(body: RecordedBody): unknown {
  if (!body.json || body.text === null) return body.text;
  try {
    return JSON.parse(body.text);
  } catch {
    return body.text;
  }
}

const declaredSize = (c: Context) => Number(c.req.header('content-length') ?? NaN);

function textBody(text: string, kind: string): { body: RecordedBody; size: number } {
  const size = Buffer.byteLength(text);
  if (size > MAX_RECORDED_BODY) return { body: NO_BODY, size };
  return { body: { text, json: kind === 'json' && !!text.trim() }, size };
}

async function bodyOf(c: Context): Promise<{ body: RecordedBody; size: number }> {
  const declared = declaredSize(c);
  if (Number.isFinite(declared) && declared > MAX_RECORDED_BODY) return { body: NO_BODY, size: declared };
  const kind = kindOf(c.req.header('content-type') ?? undefined);
  try {
    if (kind === 'binary') return { body: NO_BODY, size: (await c.req.arrayBuffer()).byteLength };
    // Hono keeps the body the handler read, so this is the same text.
    return textBody(await c.req.text(), kind);
  } catch {
    return { body: NO_BODY, size: Number.isFinite(declared) ? declared : 0 };
  }
}
