// The programmatic API of et-fake.
export { createApp, type FakeApp } from './server/app.ts';
export { startFake, type RunningFake } from './server/start.ts';
export type { FakeOptions } from './server/options.ts';
export type { ServerPlugin, PluginContext } from './server/plugins/loader.ts';
export type { Data, Rec, Store } from './store/index.ts';
export { connectFake, adminClient, type FakeAdmin, type SandboxHandle, type SandboxOptions, type FaultInput, type JournalQuery } from './server/plugins/admin/client.ts';
export type { JournalEntry } from './server/plugins/admin/journal.ts';
export type { FaultRule } from './server/plugins/admin/faults.ts';
