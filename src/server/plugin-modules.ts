// The plug-in modules createApp() installs by default, relative to src/server/, in the order their middleware
// must run (kept apart from plugins.ts so options.ts can name them without loading the loader).
export const PLUGIN_MODULES = ['./cors.ts', './jsonp.ts', './auth.ts', './validation.ts', './admin/index.ts'];
