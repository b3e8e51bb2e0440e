// ET answers a create with a Location header naming the new record. Handlers that know the record set it
// themselves; for every other answer whose status the spec documents with a Location (a behaviour's create,
// a PUT that ET answers 201, a documented-only action), this fills it in once, generically: the new record's
// Self, or, when the answer carries none, the documented value on this server (a fixed path such as the
// mail queue; a documented value that names a particular record is never copied).
import type { OperationSpec } from '../../spec/operations.ts';
import { bodyTextOf } from '../../http/responses.ts';

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** `base`: the origin and base path the request came in under (links are made on it). */
/** Without a promise unless the answer's body must be read from the Response (one json() did not make). */
export function withLocation(op: OperationSpec, base: string, res: Response): Response | Promise<Response> {
  const documented = op.locations.get(res.status);
  if (documented === undefined) return res;
  // An answer json() made is read from its plain header object and text: touching a Response's headers
  // makes the Node adapter build a Headers object and then read every header back out of it.
  const made = bodyTextOf(res);
  if (made ? hasHeader(made.headers, 'location') : res.headers.has('location')) return res;
  if (made) return located(res, selfOf(parsed(made)) ?? onThisServer(base, documented));
  return bodyOf(res).then((body) => located(res, selfOf(body) ?? onThisServer(base, documented)));
}

function located(res: Response, location: string | undefined): Response {
  if (!location) return res;
  const headers = new Headers(res.headers);
  headers.set('Location', location);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

function hasHeader(headers: Record<string, string>, lower: string): boolean {
  for (const name in headers) if (name.length === lower.length && name.toLowerCase() === lower) return true;
  return false;
}

function parsed(made: { text: string; headers: Record<string, string> }): unknown {
  const type = Object.entries(made.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  if (!type?.includes('json')) return undefined;
  try {
    return JSON.parse(made.text);
  } catch {
    return undefined;
  }
}

async function bodyOf(res: Response): Promise<unknown> {
  if (!res.headers.get('content-type')?.includes('json')) return undefined;
  try {
    return JSON.parse(await res.clone().text());
  } catch {
    return undefined;
  }
}

/** The Self of the answered record (the first one, for answers that list what they created). */
function selfOf(body: unknown): string | undefined {
  const rec = Array.isArray(body) ? body[0] : body;
  const self = rec && typeof rec === 'object' ? (rec as { Self?: unknown }).Self : undefined;
  return typeof self === 'string' && self ? self : undefined;
}

function onThisServer(base: string, documented: string): string | undefined {
  if (!documented || GUID.test(documented)) return undefined;
  const path = /^[a-z]+:\/\/[^/]+(\/.*)$/i.exec(documented)?.[1] ?? (documented.startsWith('/') ? documented : undefined);
  if (!path) return undefined;
  // Documented values are written against http://localhost without the base path; keep the API path only.
  const api = path.slice(path.toLowerCase().indexOf('/api/') < 0 ? 0 : path.toLowerCase().indexOf('/api/'));
  return base + api;
}
