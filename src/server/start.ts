// startFake(): createApp() behind a real HTTP server (port 0 by default), for test suites' globalSetup.
import type { ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { connectFake } from './plugins/admin/client.ts';
import { createApp, type FakeApp } from './app.ts';
import type { FakeOptions } from './options.ts';

export interface RunningFake extends FakeApp {
  /** Base URL including the base path, e.g. `http://127.0.0.1:41234/EnterpriseTester`. */
  url: string;
  port: number;
  /** Stops listening, then flushes and closes the store. */
  close(): Promise<void>;
}

export async function startFake(options: FakeOptions = {}): Promise<RunningFake> {
  // The HTTP adapter loads while the app is built.
  const [fake, { serve }] = await Promise.all([createApp(options), import('@hono/node-server')]);
  const { host, port: wanted, basePath } = fake.options;
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: fake.app.fetch, hostname: host, port: wanted }, () => resolve(s));
    s.once('error', reject);
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
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }).then(() => fake.close())),
  };
}
