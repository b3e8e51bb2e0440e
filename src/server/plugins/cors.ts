// Credentialed CORS, as ET answers browsers since 4.4: the request's Origin is echoed (a wildcard is not
// allowed with credentials), credentials are allowed so Basic auth works cross-origin, and pre-flight
// OPTIONS requests are answered 204 without authentication.
import type { Context, Next } from 'hono';
import type { PluginContext } from './plugin.ts';

export const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
export const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, indent-json, wait-until-indexed, X-Et-Sandbox';
/** Headers a browser script may read beyond the simple ones. */
const EXPOSED_HEADERS = 'Location, WWW-Authenticate';

function setHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    // Headers of some responses are immutable: copy the response once and retry.
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set(name, value);
  }
}

export function corsMiddleware(c: Context, next: Next): Promise<Response | void> {
  const origin = c.req.header('origin');
  // Without an Origin there is nothing to grant; JSON answers carry Vary: Origin already (see http.ts). Not an
  // async function, so such calls cost no extra promise.
  if (!origin) return next();
  if (c.req.method === 'OPTIONS') {
    return Promise.resolve(
      new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Allow-Methods': ALLOWED_METHODS,
          'Access-Control-Allow-Headers': ALLOWED_HEADERS,
          'Access-Control-Max-Age': '600',
          Vary: 'Origin',
        },
      }),
    );
  }
  return grantAfter(c, next, origin);
}

async function grantAfter(c: Context, next: Next, origin: string): Promise<void> {
  await next();
  const vary = c.res.headers.get('vary');
  if (!vary) setHeader(c, 'Vary', 'Origin');
  else if (!/(^|,)\s*origin\s*(,|$)/i.test(vary)) setHeader(c, 'Vary', `${vary}, Origin`);
  setHeader(c, 'Access-Control-Allow-Origin', origin);
  setHeader(c, 'Access-Control-Allow-Credentials', 'true');
  setHeader(c, 'Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

export function install(ctx: PluginContext): void {
  ctx.use(corsMiddleware);
}
