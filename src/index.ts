// The programmatic API of et-fake.
export { createApp, startFake, type FakeApp, type FakeOptions, type RunningFake } from './server/index.ts';
export type { ServerPlugin, PluginContext } from './server/plugins/index.ts';
export type { Data, Rec, Store } from './store/index.ts';
export { connectFake, adminClient, type FakeAdmin, type SandboxHandle, type SandboxOptions, type FaultInput, type JournalQuery } from './server/plugins/admin/client.ts';
export type { JournalEntry } from './server/plugins/admin/journal.ts';
export type { FaultRule } from './server/plugins/admin/faults.ts';
