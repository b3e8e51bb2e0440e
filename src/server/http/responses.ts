// Response helpers: ET answers JSON with an explicit utf-8 charset.

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * What an answer says depends on the caller's Origin (CORS grants), so caches must key on it. Set here, in
 * the plain header object, rather than by the CORS middleware after the fact: touching a finished response's
 * headers makes the Node adapter rebuild it (about 7% of a GET's throughput).
 */
const VARY = 'Origin';

export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: headers ? { 'content-type': JSON_TYPE, vary: VARY, ...headers } : { 'content-type': JSON_TYPE, vary: VARY },
  });
}

export const message = (status: number, text: string, headers?: Record<string, string>) =>
  json({ Message: text }, status, headers);

export const noContent = () => new Response(null, { status: 204 });
