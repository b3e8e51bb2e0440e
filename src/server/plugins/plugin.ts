// The one interface between the app and its optional parts (CORS, JSONP, auth, validation, admin API): a
// plug-in module exports `install(ctx)` and registers its middleware with `ctx.use` (around every call that
// no page answered; cheaper than `ctx.app.use`, see http/pipeline.ts) or routes on the app. Hooks it can use:
// `engine.beforeHandle` / `afterHandle` (around every matched operation), `engine.visibility` (narrow what
// lists show), `engine.withStore(store, next)` (run a request against another store, e.g. a sandbox), the
// `user` and `pathPrefix` Hono variables (see engine.ts), and `ctx.reset()`.
import type { Hono, MiddlewareHandler } from 'hono';
import type { Engine, ServerEnv } from '../engine/engine.ts';
import type { ResolvedOptions } from '../options.ts';
import type { OpenApiDoc } from '../spec/operations.ts';
import type { Store } from '../engine/store-types.ts';

export interface PluginContext {
  app: Hono<ServerEnv>;
  /** Adds a middleware around every API and admin call, after those installed before it. */
  use(middleware: MiddlewareHandler<ServerEnv>): void;
  engine: Engine;
  /** The store; read `engine.store` at request time if a plug-in may swap it (sandboxes). */
  store: Store;
  spec: OpenApiDoc;
  options: ResolvedOptions;
  /** Puts the store back to its start data and forgets transient state (background tasks). */
  reset(): void;
}

export type ServerPlugin = (ctx: PluginContext) => void | Promise<void>;
