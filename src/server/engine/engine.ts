// The generic resource engine: every operation of the spec gets a handler once, at start-up; a request is
// one trie walk plus that handler.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'hono';
import { EntityCatalog } from '../spec/entities.ts';
import { HttpError } from '../http/errors.ts';
import { json, message } from '../http/responses.ts';
import { Presenter } from './hypermedia.ts';
import type { QueryEngine } from './query-bridge.ts';
import { Router } from '../http/router.ts';
import type { Limits } from '../http/limits.ts';
import { operationsOf, type OpenApiDoc, type OperationSpec } from '../spec/operations.ts';
import type { Rec, Store } from './store-types.ts';
import { Counters } from './counters.ts';
import { withLocation } from './writes/location.ts';
import { AnswerMemo, type PendingAnswer } from './memos/answers.ts';
import { QueryMemo } from './memos/query-results.ts';

/**
 * Hono variables the server's middleware share: auth sets `user`; a middleware that serves the API under an
 * extra prefix (a sandbox's `/sandboxes/{id}`, after the base path) sets `pathPrefix`, which the engine strips
 * before routing and keeps in every link it builds.
 */
export type ServerEnv = { Variables: { user?: Rec; engine: Engine; pathPrefix?: string } };

/** What a handler gets for one request: the matched operation, its parameters and the caller. */
export interface EtCall {
  c: Context<ServerEnv>;
  engine: Engine;
  op: OperationSpec;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Origin plus the base path the request came in under, e.g. `http://localhost:8080/EnterpriseTester`. */
  base: string;
  /** The authenticated caller (or the Administrator when auth is off). */
  user: Rec | undefined;
}

export type Handler = (call: EtCall) => Response | Promise<Response>;

/** Makes the handler of an ET-specific behaviour for one operation (see src/server/behaviours/). */
export type BehaviourFactory = (op: OperationSpec, engine: Engine) => Handler;
/** Loads a behaviour module on first use, so start-up only loads the generic engine. */
export type BehaviourLoader = () => Promise<BehaviourFactory>;

/**
 * The handlers the app hands to the engine: the generic ones by the kind of operation, and the ET-specific
 * behaviours by the name the spec gives in x-et-behaviour. The engine imports neither.
 */
export interface HandlerSet {
  /** The generic handler of an operation; `hasEntity` says the spec declares its entity. */
  generic(op: OperationSpec, hasEntity: boolean): Handler;
  behaviours: Record<string, BehaviourLoader>;
  /** Handlers whose 200 answers depend on the request and the store alone: kept until the store changes. */
  pureReads?: ReadonlySet<Handler>;
}

/** Fields that place a record inside another (deleting the container deletes it). */
const CONTAINMENT = ['ParentId', 'PackageId', 'ProjectId', 'AssignmentId', 'RunId', 'ScriptId', 'TestId', 'AutomatedTestId'];

interface Route {
  op: OperationSpec;
  handler: Handler;
  /** Its answers may be kept (memos/answers.ts). */
  pure: boolean;
}

export interface EngineOptions {
  basePath: string;
  auth: boolean;
  strict: boolean;
  /** Largest file upload in bytes. */
  maxUploadBytes?: number;
  /** Request limits (http/limits.ts): what a zip of result files may unpack to, among others. */
  limits?: Partial<Limits>;
}

export class Engine {
  readonly catalog: EntityCatalog;
  readonly presenter: Presenter;
  readonly operations: OperationSpec[];
  readonly counters = new Counters();
  readonly containment: Set<string>;
  private readonly router = new Router<Route>();
  private readonly basePathLower: string;
  /** Set when the fake shuts down: background work stops writing. */
  closed = false;
  /** Per-fake scratch space for plug-ins and behaviours; the app's reset() clears it. */
  readonly scratch = new Map<string, unknown>();
  /**
   * Plug-in hooks around every matched operation (auth, validation). `beforeHandle` runs in order before the
   * handler: it may throw an HttpError or return a response to refuse the call. `afterHandle` may replace the
   * handler's response (strict response validation). `visibility` narrows what collections and search list.
   */
  readonly beforeHandle: ((call: EtCall) => Response | void | Promise<Response | void>)[] = [];
  readonly afterHandle: ((call: EtCall, res: Response) => Response | Promise<Response>)[] = [];
  visibility?: (call: EtCall, entity: string) => ((rec: Rec) => boolean) | undefined;

  private readonly scopedStore = new AsyncLocalStorage<Store>();
  private baseStore: Store;

  /** The store requests work on: a sandbox's while `withStore` runs, the fake's own otherwise. */
  get store(): Store {
    return this.scopedStore.getStore() ?? this.baseStore;
  }

  set store(store: Store) {
    this.baseStore = store;
  }

  /**
   * Runs `fn` (and everything it awaits) with `store` as the engine's store: the hook for sandboxes, e.g. a
   * middleware `(c, next) => engine.withStore(sandbox, next)`. Code that reads `engine.store` needs no change.
   */
  withStore<T>(store: Store, fn: () => T): T {
    return this.scopedStore.run(store, fn);
  }

  constructor(
    readonly spec: OpenApiDoc,
    store: Store,
    query: QueryEngine | (() => Promise<QueryEngine>),
    readonly options: EngineOptions,
    private readonly handlers: HandlerSet,
  ) {
    this.baseStore = store;
    if (typeof query === 'function') this.loadQuery = query;
    else this.loadedQuery = query;
    this.catalog = new EntityCatalog(spec);
    this.presenter = new Presenter(this.catalog, () => this.store);
    this.operations = operationsOf(spec);
    orderExpandsAsDocumented(this.catalog, this.operations);
    this.containment = new Set(CONTAINMENT);
    for (const op of this.operations) if (op.parent) this.containment.add(op.parent.foreignKey);
    for (const def of this.catalog.byName.values())
      for (const e of def.expands) if (e.kind === 'many' && !e.through) this.containment.add(e.foreignKey);
    for (const op of this.operations) {
      const handler = this.handlerFor(op);
      this.router.add(op.path, op.method, { op, handler, pure: !!handlers.pureReads?.has(handler) });
    }
    this.basePathLower = options.basePath.toLowerCase();
  }

  private loadQuery?: () => Promise<QueryEngine>;
  private loadedQuery?: QueryEngine;
  private pendingQuery?: Promise<QueryEngine>;

  /**
   * The TQL/OData engine, loaded on first use: its parsers are the biggest modules of the server, and most
   * requests (items, unfiltered pages, writes) never need them, so start-up does not wait for them.
   */
  async queries(): Promise<QueryEngine> {
    if (this.loadedQuery) return this.loadedQuery;
    this.pendingQuery ??= this.loadQuery!().then((q) => (this.loadedQuery = q));
    return this.pendingQuery;
  }

  /** The Administrator, who acts for every call when authentication is off. */
  defaultUser(): Rec | undefined {
    const { store } = this;
    const version = store.versionOf('User'); // writes to other entities keep the answer
    if (this.admin?.version === version && this.admin.store === store) return this.admin.user;
    const users = store.collection('User');
    const user = users.where('UserName', 'Administrator')[0] ?? users.values().next().value;
    this.admin = { store, version, user };
    return user;
  }
  private admin?: { store: Store; version: number; user: Rec | undefined };

  private handlerFor(op: OperationSpec): Handler {
    if (op.behaviour) {
      const load = this.handlers.behaviours[op.behaviour];
      // A catalogue naming a behaviour the server lacks is a bug to see at start, not a silent generic answer.
      if (!load) throw new Error(`${op.method} ${op.path}: the spec names the behaviour '${op.behaviour}', which the server does not have`);
      return lazyBehaviour(load, op, this);
    }
    return this.handlers.generic(op, !!op.entity && !!this.catalog.get(op.entity));
  }

  /** Splits the base path off (when the request uses it) and returns the API path and the link base. */
  private locate(url: string, prefix?: string): { path: string; base: string; search: string } {
    const hostEnd = url.indexOf('/', url.indexOf('//') + 2);
    const origin = hostEnd < 0 ? url : url.slice(0, hostEnd);
    const rest = hostEnd < 0 ? '/' : url.slice(hostEnd);
    const q = rest.indexOf('?');
    let path = q < 0 ? rest : rest.slice(0, q);
    const search = q < 0 ? '' : rest.slice(q + 1);
    let base = origin;
    const bp = this.basePathLower;
    if (bp && path.length >= bp.length && path.slice(0, bp.length).toLowerCase() === bp && (path.length === bp.length || path[bp.length] === '/')) {
      base = origin + this.options.basePath;
      path = path.slice(bp.length) || '/';
    }
    if (prefix && path.length > prefix.length && path.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase() && path[prefix.length] === '/') {
      base += path.slice(0, prefix.length);
      path = path.slice(prefix.length);
    }
    return { path, base, search };
  }

  private readonly answers = new AnswerMemo();
  /** Filtered and ordered records of collection queries, for the next page of the same query. */
  readonly queryResults = new QueryMemo();
  readonly #pureHooks = new WeakSet<object>();

  /**
   * Declares a hook (beforeHandle, afterHandle, visibility) a function of the request and the store alone,
   * so kept answers may skip it. While any hook is not declared so, no answer is kept.
   */
  pure<T extends object>(hook: T): T {
    this.#pureHooks.add(hook);
    return hook;
  }

  #hooksArePure(): boolean {
    const pure = this.#pureHooks;
    for (const h of this.beforeHandle) if (!pure.has(h)) return false;
    for (const h of this.afterHandle) if (!pure.has(h)) return false;
    return !this.visibility || pure.has(this.visibility);
  }

  /** Not an async function: a kept answer goes back without a promise. */
  readonly handle = (c: Context<ServerEnv>): Response | Promise<Response> => {
    // A GET asked before, of a store unchanged since, gets the answer it got then. Not when a middleware chose
    // the caller (from something outside the request, for all the memo knows).
    const kept = c.get('user') === undefined && this.#hooksArePure() ? this.answers.lookup(c, this.store) : undefined;
    return kept instanceof Response ? kept : this.#answer(c, kept);
  };

  async #answer(c: Context<ServerEnv>, kept: PendingAnswer | undefined): Promise<Response> {
    try {
      const { path, base, search } = this.locate(c.req.url, c.get('pathPrefix'));
      const match = this.router.match(path);
      if (!match) return message(404, `No HTTP resource was found that matches the request URI '${path}'.`);
      const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
      const route = match.methods.get(method);
      if (!route) {
        const allow = [...match.methods.keys()].join(', ');
        return message(405, `The requested resource does not support http method '${c.req.method}'.`, { Allow: allow });
      }
      const call: EtCall = {
        c,
        engine: this,
        op: route.op,
        params: match.params,
        query: new URLSearchParams(search),
        base,
        // Auth middleware rejects anonymous calls before this point; without it the Administrator acts.
        user: c.get('user') ?? this.defaultUser(),
      };
      // Only promises are awaited: each await of a plain value is still a turn of the microtask queue.
      for (const check of this.beforeHandle) {
        const out = check(call);
        const refused = out instanceof Promise ? await out : out;
        if (refused) return refused;
      }
      const answered = route.handler(call);
      const located = withLocation(route.op, base, answered instanceof Promise ? await answered : answered);
      let res = located instanceof Promise ? await located : located;
      for (const after of this.afterHandle) res = await after(call, res);
      if (kept && route.pure) this.answers.keep(kept, res);
      return res;
    } catch (err) {
      if (err instanceof HttpError) return message(err.status, err.message, err.headers);
      const text = err instanceof Error ? err.message : String(err);
      return json({ Message: 'An error has occurred.', ExceptionMessage: text }, 500);
    }
  }
}

/** A handler that loads its behaviour module on the first call and then delegates to it. */
function lazyBehaviour(load: BehaviourLoader, op: OperationSpec, engine: Engine): Handler {
  let handler: Promise<Handler> | undefined;
  return async (call) => (await (handler ??= load().then((make) => make(op, engine))))(call);
}

/**
 * The spec stores an entity's expands as an object with sorted keys; ET lists them in its own order, which
 * the item GET's x-et-expands keeps. Reorder each entity's Expands to match.
 */
function orderExpandsAsDocumented(catalog: EntityCatalog, ops: OperationSpec[]): void {
  for (const def of catalog.byName.values()) {
    const op =
      ops.find((o) => o.entity === def.name && o.kind === 'item' && o.method === 'GET' && o.expands.length) ??
      ops.find((o) => o.entity === def.name && o.expands.length);
    if (!op) continue;
    const rank = new Map(op.expands.map((name, i) => [name.toLowerCase(), i]));
    def.expands.sort((a, b) => (rank.get(a.name.toLowerCase()) ?? 1e9) - (rank.get(b.name.toLowerCase()) ?? 1e9));
  }
}
