// Conformance: every documented example replayed against the fake in its own state, and how the answers compare with ET's, per class.
export * from './replay.ts';
export * from './report.ts';
export { CLASSES, type DiffClass, type Difference } from './compare.ts';
