// The plug-in modules createApp() installs by default, relative to src/server/, in the order their middleware
// must run (kept apart from plugins.ts so options.ts can name them without loading the loader).
export const PLUGIN_MODULES = ['./plugins/cors.ts', './plugins/jsonp.ts', './plugins/auth/index.ts', './plugins/validation/index.ts', './plugins/admin/index.ts'];

/**
 * Literal imports of the built-in plug-ins, so a bundler can follow them (the start-up bundle in
 * node_modules/.et-fake cannot resolve a path computed at run time). Paths not listed here are imported
 * by URL relative to this folder (a plug-in of a test, or one that is not written yet).
 */
export const PLUGIN_LOADERS: Record<string, () => Promise<object>> = {
  './plugins/cors.ts': () => import('./plugins/cors.ts'),
  './plugins/jsonp.ts': () => import('./plugins/jsonp.ts'),
  './plugins/auth/index.ts': () => import('./plugins/auth/index.ts'),
  './plugins/validation/index.ts': () => import('./plugins/validation/index.ts'),
  './plugins/admin/index.ts': () => import('./plugins/admin/index.ts'),
};
