// Conformance: every documented example replayed against the fake in its own state, and how the answers compare with ET's, per class.
export * from './replay.ts';
export * from './report.ts';
export { CLASSES, compareAnswer, type Answered, type DiffClass, type Difference, type Documented } from './compare.ts';
export { guidsIn, Volatile } from './volatile.ts';
