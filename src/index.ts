// The programmatic API of et-fake.
export { createApp, type FakeApp } from './server/app.ts';
export { startFake, type RunningFake } from './server/start.ts';
export type { FakeOptions } from './server/options.ts';
export type { ServerPlugin, PluginContext } from './server/plugins.ts';
export type { Data, Rec, Store } from './store/index.ts';
export { connectFake, adminClient, type FakeAdmin, type SandboxHandle, type SandboxOptions, type FaultInput, type JournalQuery } from './server/admin/client.ts';
export type { JournalEntry } from './server/admin/journal.ts';
export type { FaultRule } from './server/admin/faults.ts';
