// Response helpers: ET answers JSON with an explicit utf-8 charset.

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * What an answer says depends on the caller's Origin (CORS grants), so caches must key on it. Set here, in
 * the plain header object, rather than by the CORS middleware after the fact: touching a finished response's
 * headers makes the Node adapter rebuild it (about 7% of a GET's throughput).
 */
const VARY = 'Origin';

export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  const text = JSON.stringify(body);
  const all = headers ? { 'content-type': JSON_TYPE, vary: VARY, ...headers } : { 'content-type': JSON_TYPE, vary: VARY };
  const res = new Response(text, { status, headers: all }) as Response & { [JSON_BODY]?: JsonBody };
  res[JSON_BODY] = { text, headers: all };
  return res;
}

interface JsonBody {
  text: string;
  headers: Record<string, string>;
}

/**
 * The text and headers of each answer json() made, for the answer memo and Location (a Response's body can be
 * read once). A property of the answer, not a WeakMap entry: an entry per answer cost about 2 µs (the
 * garbage collector treats every entry as an ephemeron).
 */
const JSON_BODY = Symbol('et-fake json body');

/** The JSON text and headers of an answer that json() made, or undefined for any other response. */
export const bodyTextOf = (res: Response): JsonBody | undefined => (res as { [JSON_BODY]?: JsonBody })[JSON_BODY];

export const message = (status: number, text: string, headers?: Record<string, string>) =>
  json({ Message: text }, status, headers);

export const noContent = () => new Response(null, { status: 204 });
