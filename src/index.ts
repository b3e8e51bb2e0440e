// The programmatic API of et-fake.
export { createApp, type FakeApp } from './server/app.ts';
export { startFake, type RunningFake } from './server/start.ts';
export type { FakeOptions } from './server/options.ts';
export type { ServerPlugin, PluginContext } from './server/plugins.ts';
export type { Data, Rec, Store } from './store/index.ts';
