// The store's --data persistence: a JSON data file plus an append-only change log, compacted off the request path.
export { openFileStore } from './file-persistence.ts';
