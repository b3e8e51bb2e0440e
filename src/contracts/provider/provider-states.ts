// The fake's side of Pact provider states, as a plug-in: `POST /__admin/provider-states` takes Pact's
// {state, params, action}. A setup puts the state into a fresh sandbox (a copy of the start data) that the
// API calls after it then run against, until the teardown; so the Verifier checks every interaction on its
// own, in any order. `GET /__admin/provider-states` lists the state sentences the fake knows.
// One verification at a time per fake: the states of an interaction go into the one sandbox in use.
import type { Context, Next } from 'hono';
import type { ServerEnv } from '../../server/engine/call.ts';
import { json, message } from '../../server/http/responses.ts';
import { adminRefusal } from '../../server/plugins/admin/guard.ts';
import type { PluginContext } from '../../server/plugins/plugin.ts';
import type { Store } from '../../store/index.ts';
import { KNOWN_STATES, setUpState, StateError } from './states.ts';

const ROUTE = '/__admin/provider-states';
const ROUTE_SLASH = `${ROUTE}/`;

interface InUse {
  id: string;
  store: Store;
  /** States set up in it: one named again means a new interaction began without a teardown. */
  states: Set<string>;
}

export function install(ctx: PluginContext): void {
  const { engine, options } = ctx;
  const basePath = options.basePath.toLowerCase();
  let inUse: InUse | undefined;
  let count = 0;

  const fresh = (): InUse => ({ id: `provider-state-${++count}`, store: ctx.store.fork(), states: new Set() });

  async function handle(c: Context<ServerEnv>): Promise<Response> {
    const refused = adminRefusal(ctx.store, options.auth, c.req.header('authorization'));
    if (refused) return refused;
    if (c.req.method === 'GET') return json({ States: KNOWN_STATES, Sandbox: inUse?.id ?? null });
    if (c.req.method !== 'POST') return message(405, `${ROUTE} supports GET and POST.`, { Allow: 'GET, POST' });
    let input: unknown;
    try {
      input = JSON.parse((await c.req.text()) || 'null');
    } catch {
      return message(400, 'The request body is not valid JSON: send {"state": "...", "params": {...}, "action": "setup"}.');
    }
    const { state, params, action = 'setup' } = (input ?? {}) as { state?: unknown; params?: unknown; action?: unknown };
    if (typeof state !== 'string' || !state.trim()) return message(400, 'Name the provider state: {"state": "...", "action": "setup" or "teardown"}.');
    if (action === 'teardown') {
      inUse = undefined;
      return json({});
    }
    if (action !== 'setup') return message(400, `The action '${String(action)}' is neither setup nor teardown.`);
    if (!inUse || inUse.states.has(state)) inUse = fresh();
    const target = inUse;
    try {
      await engine.withStore(target.store, () =>
        setUpState(
          { store: target.store, request: (method, path, body) => Promise.resolve(ctx.app.request(`${options.basePath}${path}`, requestInit(c, method, body))) },
          state,
          params,
        ),
      );
    } catch (err) {
      inUse = undefined; // never a half-set-up state behind later calls
      if (err instanceof StateError) return message(400, err.message);
      throw err;
    }
    target.states.add(state);
    return json({ sandbox: target.id });
  }

  ctx.use((c: Context<ServerEnv>, next: Next) => {
    const current = inUse;
    // Most calls are neither this route nor made while a state is in use: no lower-cased copy of their path.
    const raw = c.req.path;
    if (!current && !raw.includes('_')) return next();
    let path = raw.toLowerCase();
    if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length) || '/';
    if (path === ROUTE || path === ROUTE_SLASH) return handle(c);
    return current && !path.startsWith('/__admin') ? engine.withStore(current.store, next) : next();
  });
}

/** Set-up calls go through the API as the caller of the state endpoint (its credentials). */
function requestInit(c: Context, method: string, body: unknown): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const auth = c.req.header('authorization');
  if (auth) headers.Authorization = auth;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
}
