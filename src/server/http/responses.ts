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
  const res = new Response(text, { status, headers: all }) as JsonResponse;
  // A property, not a WeakMap entry: weak tables cost every garbage collection, and there is one per answer.
  res[JSON_BODY] = { text, headers: all };
  return res;
}

/** The text and headers of each answer json() made, for the answer memo (a Response's body can be read once). */
const JSON_BODY = Symbol('et-fake JSON body');
type JsonResponse = Response & { [JSON_BODY]?: { text: string; headers: Record<string, string> } };

/** The JSON text and headers of an answer that json() made, or undefined for any other response. */
export const bodyTextOf = (res: Response) => (res as JsonResponse)[JSON_BODY];

export const message = (status: number, text: string, headers?: Record<string, string>) =>
  json({ Message: text }, status, headers);

export const noContent = () => new Response(null, { status: 204 });
