// startFake(): createApp() behind a real HTTP server (port 0 by default), for test suites' globalSetup.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectFake } from './plugins/admin/client.ts';
import { createApp, type FakeApp } from './app.ts';
import type { FakeOptions } from './options.ts';
import { limitsOf } from './http/limits.ts';

export interface RunningFake extends FakeApp {
  /** Base URL including the base path, e.g. `http://127.0.0.1:41234/EnterpriseTester`. */
  url: string;
  port: number;
  /** Stops listening, then flushes and closes the store. */
  close(): Promise<void>;
}

export async function startFake(options: FakeOptions = {}): Promise<RunningFake> {
  // The HTTP adapter loads while the app is built.
  const [fake, { createHttpServer }] = await Promise.all([createApp(options), import('./http/node-server.ts')]);
  const { host, port: wanted, basePath } = fake.options;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = createHttpServer({ fetch: fake.app.fetch, hostname: host, limits: limitsOf(fake.options) });
    s.once('error', reject);
    s.listen(wanted, host, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;
  const url = `http://${shownHost}:${port}${basePath}`;
  const admin = connectFake(url);
  return {
    ...fake,
    url,
    port,
    sandbox: (o) => admin.sandbox(o),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => fake.close())),
  };
}
