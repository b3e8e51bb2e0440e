// The admin plug-in: `/__admin` (reset, snapshot, sandboxes, request journal, fault rules), sandboxes served
// under `/sandboxes/{id}/...` or chosen with the `X-Et-Sandbox` header, and the per-call work that goes with
// them (pick the scope, apply fault rules, record the call). Never under `/api`, so ET's paths stay ET's.
import type { Context, Next } from 'hono';
import type { ServerEnv } from '../../engine/call.ts';
import { message } from '../../http/responses.ts';
import type { PluginContext } from '../plugin.ts';
import { FaultRules, type FaultAction } from './faults.ts';
import { adminRefusal, lockoutReason } from './guard.ts';
import { Journal } from './journal.ts';
import { recordCall } from './record.ts';
import { adminRoute } from './routes.ts';
import { Sandboxes, type Sandbox, type Scope } from './scopes.ts';
import type { Store } from '../../engine/store-types.ts';

export const SANDBOX_HEADER = 'x-et-sandbox';
const SANDBOX_PATH = /^\/sandboxes\/([^/]+)(\/.*)?$/i;
/** The regular expression runs only for paths that can be a sandbox's (most calls are /api/...). */
const sandboxPath = (path: string) => (path.length > 11 && path[10] === '/' && path.slice(0, 11).toLowerCase() === '/sandboxes/' ? SANDBOX_PATH.exec(path) : null);
const ADMIN_PATH = /^\/__admin(\/.*)?$/i;

export function install(ctx: PluginContext): void {
  const { engine, options } = ctx;
  const own: Scope = { id: null, store: () => ctx.store, journal: new Journal(options.journalLimit), faults: new FaultRules(), reset: ctx.reset };
  const sandboxes = new Sandboxes(() => ctx.store, { journalLimit: options.journalLimit, idleMs: options.sandboxIdleMs });
  sweepIdle(sandboxes, engine, Math.max(1_000, Math.min(options.sandboxIdleMs, 60_000)));
  const basePath = options.basePath.toLowerCase();

  // Not an async function: the common call (the fake's own state, no fault rules) costs one `then`.
  ctx.use((c: Context<ServerEnv>, next: Next): Promise<Response | void> => {
    const url = c.req.url;
    let path = pathOf(url);
    let base = originOf(url);
    if (basePath && path.toLowerCase().startsWith(basePath) && (path.length === basePath.length || path[basePath.length] === '/')) {
      base += options.basePath;
      path = path.slice(basePath.length) || '/';
    }
    let sandbox: Sandbox | undefined;
    let prefix: string | undefined;
    const inPath = sandboxPath(path);
    const named = inPath?.[1] ?? c.req.header(SANDBOX_HEADER);
    if (named !== undefined) {
      sandbox = sandboxes.use(safeDecode(named));
      if (!sandbox) return Promise.resolve(message(404, `No sandbox with the Id '${named}' exists (it may have expired).`));
      if (inPath) {
        prefix = `/sandboxes/${inPath[1]}`;
        path = inPath[2] ?? '/';
      }
    }
    const scope = sandbox ?? own;
    if (path.length >= 8 && path[1] === '_') {
      const admin = ADMIN_PATH.exec(path);
      if (admin) {
        const header = c.req.header('authorization');
        const refused = adminRefusal(ctx.store, options.auth, header);
        const lockout = (store: Store, needAdmin: boolean) => lockoutReason(store, options.auth, header, needAdmin);
        return refused ? Promise.resolve(refused) : adminRoute(c, { scope, own, sandboxes, base, lockout }, admin[1] ?? '/');
      }
    }
    const started = performance.now();
    const call: Call = { c, next, engine, scope, sandbox, prefix, path, started };
    const fault = scope.faults.size ? scope.faults.fire(c.req.method, path) : undefined;
    if (fault) return faulted(call, fault);
    return runApi(call).then(() => record(call, c.res.status));
  });
}

/**
 * Idle sandboxes also go without any request arriving. The timer never keeps the process alive, and holds
 * the fake only weakly: it stops when the fake is closed or no longer used (suites create many fakes).
 */
function sweepIdle(sandboxes: Sandboxes, engine: PluginContext['engine'], everyMs: number): void {
  const sandboxesRef = new WeakRef(sandboxes);
  const engineRef = new WeakRef(engine);
  const timer = setInterval(() => {
    const live = sandboxesRef.deref();
    if (!live || engineRef.deref()?.closed !== false) clearInterval(timer);
    else live.sweep();
  }, everyMs);
  timer.unref();
}

/** One API call on its way through the plug-in (module-level helpers take it: no closures per call). */
interface Call {
  c: Context<ServerEnv>;
  next: Next;
  engine: PluginContext['engine'];
  scope: Scope;
  sandbox: Sandbox | undefined;
  prefix: string | undefined;
  path: string;
  started: number;
}

function runApi(call: Call): Promise<void> {
  if (call.prefix) call.c.set('pathPrefix', call.prefix);
  return call.sandbox ? call.engine.withStore(call.sandbox.store(), call.next) : call.next();
}

function record(call: Call, status: number): void | Promise<void> {
  const { scope } = call;
  if (!scope.journal.capacity) return;
  const now = performance.now();
  const recorded = recordCall(call.c, { path: call.path, sandbox: scope.id, status, at: performance.timeOrigin + call.started, durationMs: now - call.started });
  if (recorded instanceof Promise) return recorded.then((r) => scope.journal.add(r));
  scope.journal.add(recorded);
}

async function faulted(call: Call, fault: FaultAction): Promise<Response | void> {
  const res = await applyFault(call.c, fault);
  if (res) {
    await record(call, fault.drop ? 0 : res.status);
    return res;
  }
  await runApi(call);
  await record(call, call.c.res.status);
}

/** Waits the rule's latency, then answers its status or drops the connection; undefined to carry on. */
async function applyFault(c: Context, fault: FaultAction): Promise<Response | undefined> {
  if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.drop) {
    const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket;
    if (socket) {
      socket.destroy();
      return new Response(null, { status: 503 }); // never reaches the client: the connection is gone
    }
    // In-process (app.request) there is no connection to drop: a status no server sends, and a header.
    return message(599, 'et-fake dropped this connection (fault rule).', { 'X-Et-Fault': 'drop' });
  }
  if (fault.status !== null) {
    const body = fault.body ?? { Message: `et-fake answered ${fault.status} (fault rule).` };
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status: fault.status,
      headers: { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8', 'x-et-fault': 'status' },
    });
  }
  return undefined;
}

/** A malformed %-escape is just an id no sandbox has (a 404), never an exception. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function originOf(url: string): string {
  const hostEnd = url.indexOf('/', url.indexOf('//') + 2);
  return hostEnd < 0 ? url : url.slice(0, hostEnd);
}

function pathOf(url: string): string {
  const hostEnd = url.indexOf('/', url.indexOf('//') + 2);
  if (hostEnd < 0) return '/';
  const q = url.indexOf('?', hostEnd);
  return q < 0 ? url.slice(hostEnd) : url.slice(hostEnd, q);
}
