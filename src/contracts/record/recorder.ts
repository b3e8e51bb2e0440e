// A plug-in that records every API call a client makes against the fake (in a sandbox or not) as a Pact
// interaction: the request as sent, the answer with its volatile values as matchers, and as provider state
// the records the session had changed by then (so a fresh fake can be put back into that state).
// `et-fake serve --record-pact FILE` installs it and writes the file on exit.
import { isDeepStrictEqual } from 'node:util';
import type { Context, Next } from 'hono';
import type { Engine } from '../../server/engine/engine.ts';
import type { ServerEnv } from '../../server/engine/call.ts';
import type { PluginContext } from '../../server/plugins/plugin.ts';
import type { Data, Rec, Store } from '../../store/index.ts';
import { DEFAULT_AUTHORIZATION } from '../examples.ts';
import { bodyMatchers, headerMatcher } from '../matchers.ts';
import type { InteractionSpec } from '../pact-file.ts';
import { BASELINE_STATE, RECORDED_STATE, type DataChanges } from '../provider/states.ts';

export interface Recording {
  interactions: InteractionSpec[];
}

const recordings = new WeakMap<Engine, Recording>();

/** The recording of a fake this plug-in was installed in. */
export function recordingOf(engine: Engine): Recording | undefined {
  return recordings.get(engine);
}

const SANDBOX_PREFIX = /^\/sandboxes\/[^/]+(?=\/)/i;
const KEPT_REQUEST_HEADERS = ['accept', 'content-type', 'authorization'];

export function install(ctx: PluginContext): void {
  const recording: Recording = { interactions: [] };
  recordings.set(ctx.engine, recording);
  const start = byId(ctx.store.fork().snapshot());
  const memo = new WeakMap<Store, { version: number; changes: DataChanges }>();
  const changesOf = (store: Store) => {
    const known = memo.get(store);
    if (known && known.version === store.version) return known.changes;
    const changes = diff(start, store.snapshot());
    memo.set(store, { version: store.version, changes });
    return changes;
  };
  const basePath = ctx.options.basePath.toLowerCase();

  ctx.use(async (c: Context<ServerEnv>, next: Next) => {
    let path = new URL(c.req.url).pathname;
    if (basePath && path.toLowerCase().startsWith(basePath)) path = path.slice(basePath.length) || '/';
    path = path.replace(SANDBOX_PREFIX, '');
    if (!path.toLowerCase().startsWith('/api')) return next();
    const before = changesOf(ctx.engine.store);
    const method = c.req.method;
    const body = method === 'GET' || method === 'HEAD' ? '' : await c.req.raw.clone().text();
    await next();
    const res = c.res.clone();
    recording.interactions.push(await interactionOf(recording.interactions.length + 1, c, method, path, body, res, before));
  });
}

async function interactionOf(n: number, c: Context, method: string, path: string, body: string, res: Response, before: DataChanges): Promise<InteractionSpec> {
  const url = new URL(c.req.url);
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const headers: Record<string, string> = {};
  for (const name of KEPT_REQUEST_HEADERS) {
    const value = c.req.header(name);
    // The fake's default credentials stand for "whoever verifies"; another user's are part of the call.
    if (value !== undefined && !(name === 'authorization' && value === DEFAULT_AUTHORIZATION)) headers[name === 'authorization' ? 'Authorization' : name === 'accept' ? 'Accept' : 'Content-Type'] = value;
  }
  const responseHeaders: Record<string, unknown> = {};
  for (const name of ['Content-Type', 'Location']) {
    const value = res.headers.get(name);
    if (value !== null) responseHeaders[name] = headerMatcher(name, value);
  }
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  let json: unknown;
  if (text && /json/i.test(type)) {
    try {
      json = bodyMatchers(JSON.parse(text));
    } catch {
      json = undefined;
    }
  }
  const changed = Object.keys(before.upsert ?? {}).length + Object.keys(before.remove ?? {}).length > 0;
  const search = url.search ? url.search : '';
  return {
    description: `${n}. ${method} ${path}${search}`,
    states: [changed ? { name: RECORDED_STATE, params: before } : { name: BASELINE_STATE }],
    request: { method, path, query, headers, body: body || undefined },
    response: { status: res.status, headers: responseHeaders, json, text: json === undefined && text ? { contentType: type || 'text/plain', body: text } : undefined },
  };
}

function byId(data: Data): Map<string, Map<string, Rec>> {
  return new Map(Object.entries(data).map(([entity, recs]) => [entity, new Map(recs.map((r) => [r.Id, r]))]));
}

/** The records a store holds differently from the start data: put in place or taken away. */
function diff(start: Map<string, Map<string, Rec>>, now: Data): DataChanges {
  const upsert: Record<string, Rec[]> = {};
  const remove: Record<string, string[]> = {};
  for (const [entity, recs] of Object.entries(now)) {
    const base = start.get(entity);
    const changed = recs.filter((r) => {
      const was = base?.get(r.Id);
      return was !== r && !isDeepStrictEqual(was, r);
    });
    if (changed.length) upsert[entity] = changed;
    if (base) {
      const ids = new Set(recs.map((r) => r.Id));
      const gone = [...base.keys()].filter((id) => !ids.has(id));
      if (gone.length) remove[entity] = gone;
    }
  }
  for (const [entity, base] of start) if (!(entity in now) && base.size) remove[entity] = [...base.keys()];
  return { upsert, remove };
}
