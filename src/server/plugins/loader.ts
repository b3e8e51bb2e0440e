// Finds and installs the plug-ins createApp() is given: the built-in ones by name (`cors`, `jsonp`, `auth`,
// `validation`, `admin`, `provider-states`), any other as a module URL or a path relative to the working directory.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { importExternal } from '../external-import.ts';
import type { PluginContext, ServerPlugin } from './plugin.ts';

/**
 * Literal imports of the built-in plug-ins, so a bundler can follow them (the start-up bundle in
 * node_modules/.et-fake cannot resolve a path computed at run time).
 */
export const BUILT_IN_PLUGINS: Record<string, () => Promise<object>> = {
  cors: () => import('./cors.ts'),
  jsonp: () => import('./jsonp.ts'),
  auth: () => import('./auth/index.ts'),
  validation: () => import('./validation/index.ts'),
  admin: () => import('./admin/index.ts'),
  // Pact provider states live with the contract tooling; the fake serves them like its other admin routes.
  'provider-states': () => import('../../contracts/provider/provider-states.ts'),
};

export type LoadedPlugin = { name: string; install?: ServerPlugin };

const urlOf = (name: string) => new URL(name, pathToFileURL(`${process.cwd()}/`));

/**
 * Imports the plug-in modules that exist, all at once (start-up is mostly module loading, and concurrent
 * imports overlap). A module that is not there is skipped; one that fails to load stops start-up loudly.
 */
export function loadPlugins(names: string[]): Promise<LoadedPlugin[]> {
  const present = names.filter((name) => name in BUILT_IN_PLUGINS || existsSync(urlOf(name)));
  return Promise.all(present.map(async (name) => ({ name, ...((await importPlugin(name)) as { install?: ServerPlugin }) })));
}

function importPlugin(name: string): Promise<object> {
  const load = BUILT_IN_PLUGINS[name];
  return load ? load() : (importExternal(urlOf(name).href) as Promise<object>);
}

/** Installs loaded plug-ins in their order (their middleware runs in that order); returns their names. */
export async function installLoaded(ctx: PluginContext, loaded: LoadedPlugin[]): Promise<string[]> {
  const installed: string[] = [];
  for (const mod of loaded) {
    if (typeof mod.install !== 'function') continue;
    await mod.install(ctx);
    installed.push(mod.name);
  }
  return installed;
}
