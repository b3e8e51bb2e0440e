// Reading a request's body once for every check that needs it. Hono keeps the body it read, so handlers
// reading it again get the same bytes; binary bodies (uploads) are read as bytes, never as text, so they
// reach their handler intact.
import type { Context } from 'hono';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type BodyKind = 'json' | 'form' | 'text' | 'binary' | 'none';

/** How a Content-Type is read: JSON (also when absent), form fields, plain text, or bytes. */
export function kindOf(contentType: string | undefined): BodyKind {
  if (contentType === 'application/json') return 'json'; // what nearly every client sends: no string work
  const t = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!t || t === 'application/json' || t === 'text/json' || t.endsWith('+json')) return 'json';
  if (t === 'application/x-www-form-urlencoded') return 'form';
  if (t === 'text/plain') return 'text';
  // Everything else (files, XML result files, multipart) is read as bytes, so no re-encoding can touch it.
  return 'binary';
}

export interface RequestBody {
  kind: BodyKind;
  /** Size in bytes. */
  size: number;
  /** The text, for every kind but binary. */
  text?: string;
  /** True when a text body's bytes are not UTF-8 (its text then has U+FFFD in their place). */
  badUtf8?: boolean;
  /** The parsed JSON: undefined when empty, `PARSE_FAILED` when malformed. */
  json?: unknown;
  /** The parsed JSON's deepest nesting and how many values it holds (see jsonShape). */
  shape?: JsonShape;
}

export const PARSE_FAILED = Symbol('malformed JSON');

export interface JsonShape {
  depth: number;
  elements: number;
}

/** How deep a parsed JSON value nests and how many values it holds, without recursion (any depth is safe). */
export function jsonShape(value: unknown): JsonShape {
  let depth = 0;
  let elements = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > depth) depth = d;
    const children = Array.isArray(v) ? v : Object.values(v);
    elements += children.length;
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
  return { depth, elements };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * A request's body, kept in its context's variables (a Map): the reading, and the body once read for readers
 * that need not wait (the handler, the journal). Not WeakMaps keyed by the context: the garbage collector
 * treats every WeakMap entry as an ephemeron, which cost about 2 µs a request.
 */
const BODY_VARIABLE = 'et-fake:request-body';
interface BodyEntry {
  reading: Promise<RequestBody>;
  read?: RequestBody;
}
const entryOf = (c: Context) => c.get(BODY_VARIABLE) as BodyEntry | undefined;

async function read(c: Context): Promise<RequestBody> {
  if (!BODY_METHODS.has(c.req.method)) return { kind: 'none', size: 0 };
  const kind = kindOf(c.req.header('content-type'));
  if (kind === 'binary') return { kind, size: (await c.req.arrayBuffer()).byteLength };
  const bytes = await c.req.arrayBuffer();
  let text: string;
  let badUtf8 = false;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = lenientUtf8.decode(bytes);
    badUtf8 = true;
  }
  // Later readers of the text (handlers, c.req.text()) get this decoding, not another.
  (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text); // (typed as methods, holds promises)
  const body: RequestBody = { kind, size: bytes.byteLength, text, badUtf8 };
  if (kind === 'json' && !badUtf8 && text.trim()) {
    try {
      body.json = JSON.parse(text);
      body.shape = jsonShape(body.json);
    } catch {
      body.json = PARSE_FAILED;
    }
  }
  const entry = entryOf(c);
  if (entry) entry.read = body;
  return body;
}

/** The request body, read once per request. */
export function requestBody(c: Context): Promise<RequestBody> {
  let entry = entryOf(c);
  if (!entry) c.set(BODY_VARIABLE, (entry = { reading: read(c) }));
  return entry.reading;
}

/** The request body if a check has already read it (see requestBody), else undefined. */
export const bodyIfRead = (c: Context): RequestBody | undefined => entryOf(c)?.read;

/** The parsed JSON of a read body when it is an object (not an array), else undefined. */
export function jsonObjectOf(body: RequestBody): Record<string, unknown> | undefined {
  const { json } = body;
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
}

/** The body as a JSON object when it is one (for checks that only look at a few fields), else undefined. */
export async function peekJsonBody(c: Context): Promise<Record<string, unknown> | undefined> {
  if (!BODY_METHODS.has(c.req.method)) return undefined;
  return jsonObjectOf(await requestBody(c));
}
