// Conformance: every documented example replayed against the fake, and how many answers match ET's.
export * from './replay.ts';
