// The middleware around every API call (the plug-ins' CORS, formats, sandboxes, journal...) as one Hono
// handler. Hono answers a request that matches a single handler directly, but composes several with an async
// frame, a try/catch and a router match per layer: about 1 µs each, a fifth of a kept GET's whole cost. Here a
// layer costs a function call. The semantics are Hono's: a layer calls `next()` to go on and may read or
// replace `c.res` after it, or returns a Response of its own instead.
import type { Context, MiddlewareHandler } from 'hono';

export type Layer = MiddlewareHandler<any>;
export type Last = (c: Context<any>) => Response | Promise<Response>;

export class Pipeline {
  readonly #layers: Layer[] = [];

  use(layer: Layer): void {
    this.#layers.push(layer);
  }

  /** The Hono handler that runs every layer in the order they were added, then `last`. */
  handler(last: Last): (c: Context<any>) => Promise<Response> {
    const layers = this.#layers;
    const run = (c: Context<any>, i: number): Promise<void> => {
      if (i === layers.length) {
        const res = last(c);
        if (res instanceof Promise) return res.then((r) => void (c.res = r));
        c.res = res;
        return DONE;
      }
      let inner: Promise<void> | undefined;
      const out = layers[i]!(c, () => (inner = run(c, i + 1)));
      // The usual layer hands back next()'s own promise: c.res is set once that settles.
      if (out === inner) return out as Promise<void>;
      return Promise.resolve(out).then((r) => {
        if (r instanceof Response && !c.finalized) c.res = r;
      });
    };
    return (c) => run(c, 0).then(() => c.res);
  }
}

const DONE = Promise.resolve();
