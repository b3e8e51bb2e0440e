// What the engine keeps until a store changes: answers to repeated reads, query selections for the next page,
// and values derived from a few entities (who a Basic header authenticates, what a caller holds).
export * from './answers.ts';
export * from './query-results.ts';
export * from './versioned.ts';
