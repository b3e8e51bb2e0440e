// createApp(): spec + data + store + engine + plug-ins, as a Hono app for in-process requests.
// hono/tiny: the pattern router is plenty for one catch-all and a few plug-in routes, and loads faster.
import { Hono } from 'hono/tiny';
import { createStore } from '../store/index.ts';
import { basicAuthorization, DEFAULT_USER } from './accounts/index.ts';
import { behaviours } from './behaviours/index.ts';
import { startData } from './data.ts';
import { Engine, genericHandler, loadQueryEngine, PURE_READS, type ServerEnv, type Store } from './engine/index.ts';
import { HttpError, message } from './http/index.ts';
import { resolveOptions, type FakeOptions, type ResolvedOptions } from './options.ts';
import { installPages } from './pages/index.ts';
import { SERVED_SPEC } from './paths.ts';
import { installDurableWrites } from './durable-writes.ts';
import { Pipeline, type Layer } from './http/pipeline.ts';
import { installRequestLog } from './request-log.ts';
import { adminClient, type SandboxHandle, type SandboxOptions } from './plugins/admin/client.ts';
import { installLoaded, loadPlugins } from './plugins/index.ts';
import { readSpec, type OpenApiDoc } from './spec/index.ts';

export interface FakeApp {
  app: Hono<ServerEnv>;
  store: Store;
  engine: Engine;
  spec: OpenApiDoc;
  options: ResolvedOptions;
  /** Plug-ins that were found and installed (their names, e.g. `auth`). */
  plugins: string[];
  /** Back to the start data. */
  reset(): void;
  /** Flushes pending file writes and stops the store's timers. */
  close(): Promise<void>;
  /**
   * An isolated copy of the start data behind its own URL, through the admin API (needs the admin plug-in and
   * the default Administrator's credentials). In-process its `url` is for `app.request`.
   */
  sandbox(options?: SandboxOptions): Promise<SandboxHandle>;
}

export async function createApp(input: FakeOptions = {}): Promise<FakeApp> {
  const options = resolveOptions(input);
  // Plug-in modules load while the spec and the data are read.
  const pluginsLoading = options.plugins === false ? Promise.resolve([]) : loadPlugins(options.plugins);
  pluginsLoading.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const [spec, start] = await Promise.all([
    typeof options.spec === 'object' ? options.spec : readSpec(options.spec ?? SERVED_SPEC),
    startData(options.fixtures),
  ]);
  const store = await createStore({ start, file: options.dataFile, compactBytes: options.compactBytes });
  const engine = new Engine(spec, store, loadQueryEngine, options, { generic: genericHandler, behaviours, pureReads: PURE_READS });
  const app = new Hono<ServerEnv>();
  const reset = () => {
    engine.store.reset();
    engine.scratch.clear();
  };
  if (options.onRequest) installRequestLog(app, options.onRequest); // first: it times everything after it
  // The pages come next: static and public, they answer before any plug-in (no auth, no journal entry).
  installPages(app, spec, engine.operations, options.basePath, { credentials: options.auth ? DEFAULT_USER : undefined });
  // Everything after the pages runs as one handler (http/pipeline.ts): durable writes, then the plug-ins.
  const pipeline = new Pipeline();
  if (options.dataFile !== undefined) installDurableWrites(pipeline, store);
  const use = (layer: Layer) => pipeline.use(layer);
  const plugins = await installLoaded({ app, use, engine, store, spec, options, reset }, await pluginsLoading);
  app.all('*', pipeline.handler(engine.handle));
  // HttpErrors from outside the engine (a body over its limit read by an admin route) keep their status.
  app.onError((err) => (err instanceof HttpError ? message(err.status, err.message, err.headers) : message(500, `An error has occurred: ${err.message}`)));
  const close = () => {
    engine.closed = true; // background tasks stop before the store closes
    return store.close();
  };
  const authorization = basicAuthorization(DEFAULT_USER);
  const admin = adminClient(
    (method, path, body) =>
      Promise.resolve(
        app.request(`${options.basePath}${path}`, {
          method,
          headers: { Authorization: authorization, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      ),
    `http://localhost${options.basePath}`,
  );
  return { app, store, engine, spec, options, plugins, reset, close, sandbox: (o) => admin.sandbox(o) };
}
