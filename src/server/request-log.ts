// One record per request for `--log` (and any `onRequest` option): method, path, sandbox, status and time,
// taken around everything the app does, pages and admin calls included. Installed only when asked for.
import type { Hono, MiddlewareHandler } from 'hono';

export interface RequestLogEntry {
  /** Wall-clock start, ISO 8601. */
  at: string;
  method: string;
  /** The path as sent, without the query string or a sandbox's `/sandboxes/{id}` prefix. */
  path: string;
  /** The sandbox the call went to (path prefix or X-Et-Sandbox header), or null for the fake's own state. */
  sandbox: string | null;
  status: number;
  ms: number;
}

const SANDBOX_IN_PATH = /\/sandboxes\/([^/]+)/i;

export function installRequestLog(app: Hono<any>, onRequest: (entry: RequestLogEntry) => void): void {
  const log: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    const at = new Date().toISOString();
    await next();
    const url = c.req.url;
    const hostEnd = url.indexOf('/', url.indexOf('//') + 2);
    const q = url.indexOf('?', hostEnd);
    const sent = hostEnd < 0 ? '/' : q < 0 ? url.slice(hostEnd) : url.slice(hostEnd, q);
    // A sandbox's prefix is shown as its id, so the path reads as ET's own.
    const inPath = SANDBOX_IN_PATH.exec(sent);
    const path = inPath ? sent.replace(inPath[0], '') || '/' : sent;
    const sandbox = inPath?.[1] ?? c.req.header('x-et-sandbox') ?? null;
    onRequest({ at, method: c.req.method, path, sandbox, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 });
  };
  app.use('*', log);
}

/** `GET /api/projects 200 1.4ms`, with `sandbox=<id>` after the path for a sandbox's call. */
export function formatLogLine(e: RequestLogEntry): string {
  return `${e.method} ${e.path}${e.sandbox ? ` sandbox=${e.sandbox}` : ''} ${e.status} ${e.ms}ms`;
}
