// Stage http: how a request comes in and an answer goes out (path routing, bodies and their limits,
// multipart, ET's JSON and error responses). It knows nothing of entities or the store.
export * from './body-guard.ts';
export * from './body-text.ts';
export * from './errors.ts';
export * from './file-names.ts';
export * from './limits.ts';
export * from './multipart.ts';
export * from './responses.ts';
export * from './router.ts';
