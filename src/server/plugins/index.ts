// Stage plugins: the server's optional parts (CORS, JSONP, auth and permissions, validation, the admin API),
// each installed through the one Plugin interface (plugin.ts) by the loader.
export * from './plugin.ts';
export * from './loader.ts';
