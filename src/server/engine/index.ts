// Stage engine: the generic resource engine. Every operation of the spec gets a handler (generic, or a
// behaviour the app hands in); records are built, stored, paged and presented with ET's hypermedia.
export * from './engine.ts';
export { itemId, jsonBody } from './call.ts';
export * from './counters.ts';
export * from './hypermedia.ts';
export * from './paging.ts';
export * from './query-bridge.ts';
export * from './records.ts';
export * from './memos/index.ts';
export * from './store-types.ts';
export * from './tasks.ts';
export { genericHandler, PURE_READS } from './handlers/index.ts';
