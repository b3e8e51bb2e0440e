// The server's optional parts (CORS, JSONP, auth, response validation, admin API) are plug-ins: a module
// that exports `install(ctx)` and registers its middleware or routes on the app. createApp loads the ones
// present, in this order, before the API engine's catch-all route, so a part can land without edits here.
// Hooks a plug-in can use: `engine.beforeHandle` / `afterHandle` (around every matched operation),
// `engine.visibility` (narrow what lists show), `engine.withStore(store, next)` (run a request against another
// store, e.g. a sandbox), the `user` and `pathPrefix` Hono variables (see call.ts), and `ctx.reset()`.
import { existsSync } from 'node:fs';
import type { Hono } from 'hono';
import type { ServerEnv } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import type { ResolvedOptions } from '../options.ts';
import type { OpenApiDoc } from '../spec/operations.ts';
import type { Store } from '../engine/store-types.ts';

export interface PluginContext {
  app: Hono<ServerEnv>;
  engine: Engine;
  /** The store; read `engine.store` at request time if a plug-in may swap it (sandboxes). */
  store: Store;
  spec: OpenApiDoc;
  options: ResolvedOptions;
  /** Puts the store back to its start data and forgets transient state (background tasks). */
  reset(): void;
}

export type ServerPlugin = (ctx: PluginContext) => void | Promise<void>;

import { PLUGIN_LOADERS } from '../plugin-modules.ts';

export { PLUGIN_MODULES } from '../plugin-modules.ts';

export type LoadedPlugin = { path: string; install?: ServerPlugin };

/**
 * Imports the plug-in modules that exist, all at once (start-up is mostly module loading, and concurrent
 * imports overlap). A part that is not there is skipped; one that fails to load stops start-up loudly.
 */
export function loadPlugins(modules: string[]): Promise<LoadedPlugin[]> {
  const present = modules.filter((path) => path in PLUGIN_LOADERS || existsSync(new URL(path, import.meta.url)));
  return Promise.all(present.map(async (path) => ({ path, ...((await importPlugin(path)) as { install?: ServerPlugin }) })));
}

function importPlugin(path: string): Promise<object> {
  const load = PLUGIN_LOADERS[path];
  return load ? load() : import(new URL(path, import.meta.url).href);
}

/** Installs loaded plug-ins in their order (their middleware runs in that order). */
export async function installLoaded(ctx: PluginContext, loaded: LoadedPlugin[]): Promise<string[]> {
  const installed: string[] = [];
  for (const mod of loaded) {
    if (typeof mod.install !== 'function') continue;
    await mod.install(ctx);
    installed.push(mod.path);
  }
  return installed;
}

export async function installPlugins(ctx: PluginContext, modules: string[]): Promise<string[]> {
  return installLoaded(ctx, await loadPlugins(modules));
}
