// A write is acknowledged only once it is on disk: a request that changed the fake's own store (with --data,
// its change log) gets its answer after the store's flush(), so any answer a client has seen survives a crash.
// Sandboxes live in memory; a memory store's flush() resolves at once.
import type { MiddlewareHandler } from 'hono';
import type { Pipeline } from './http/pipeline.ts';
import { message } from './http/index.ts';
import type { Store } from './engine/index.ts';

export function installDurableWrites(pipeline: Pipeline, store: Store): void {
  const durable: MiddlewareHandler = async (c, next) => {
    const before = store.version;
    await next();
    if (store.version === before) return;
    try {
      await store.flush();
    } catch (error) {
      // The change is in memory but not on disk: say so rather than acknowledge it.
      c.res = message(503, `The change could not be saved to the data file: ${(error as Error).message}`);
    }
  };
  pipeline.use(durable);
}
