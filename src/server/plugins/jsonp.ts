// Output formats ET offers on top of JSON: `callback=fn` on a GET wraps the body as `fn(...)` (JSONP, served as
// JavaScript), and `indent-json=true` (query parameter or header) pretty-prints. A callback that is not a
// plain or dotted JavaScript identifier is refused, so the fake never echoes script a caller injected.
import type { Context, Next } from 'hono';
import { message } from '../http/responses.ts';
import type { PluginContext } from './plugin.ts';

export const JAVASCRIPT_TYPE = 'application/javascript; charset=utf-8';
const IDENTIFIER = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
const MAX_CALLBACK_LENGTH = 128;

export const isCallbackName = (name: string) => name.length <= MAX_CALLBACK_LENGTH && IDENTIFIER.test(name);

/** The value of a query parameter without parsing the whole URL, or null. */
function queryValue(url: string, name: string): string | null {
  const q = url.indexOf('?');
  if (q < 0 || !url.includes(name, q)) return null;
  return new URLSearchParams(url.slice(q + 1)).get(name);
}

/** Not an async function: calls asking for neither format cost no extra promise. */
export function formatMiddleware(c: Context, next: Next): Promise<Response | void> {
  const url = c.req.url;
  const callback = c.req.method === 'GET' ? queryValue(url, 'callback') : null;
  if (callback !== null && !isCallbackName(callback))
    return Promise.resolve(message(400, 'The callback parameter must be a JavaScript identifier such as processResponse or app.handle.'));
  const indentValue = queryValue(url, 'indent-json') ?? c.req.header('indent-json') ?? '';
  const indent = indentValue.trim().toLowerCase() === 'true';
  if (callback === null && !indent) return next();
  return reformatAfter(c, next, callback, indent);
}

async function reformatAfter(c: Context, next: Next, callback: string | null, indent: boolean): Promise<void> {
  await next();
  const type = c.res.headers.get('content-type') ?? '';
  if (!type.includes('json') || c.res.body === null) return;
  let text = await c.res.text();
  if (indent && text) {
    try {
      text = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Not JSON after all: leave it as it is.
    }
  }
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  if (callback !== null) headers.set('content-type', JAVASCRIPT_TYPE);
  c.res = new Response(callback !== null ? `${callback}(${text})` : text, { status: c.res.status, headers });
}

export function install(ctx: PluginContext): void {
  ctx.use(formatMiddleware);
}
