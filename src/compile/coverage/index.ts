// How much of ET's API and help site docs-spec/ documents.
export * from './coverage.ts';
export * from './resource-coverage.ts';
