// The server: composes spec, store, engine, behaviours, plug-ins and pages into a Hono app (createApp),
// serves it on a socket (startFake) and runs it as the `serve` command.
export { createApp, type FakeApp } from './app.ts';
export { startFake, type RunningFake } from './start.ts';
export { DEFAULT_PLUGINS, resolveOptions, type FakeOptions, type ResolvedOptions } from './options.ts';
