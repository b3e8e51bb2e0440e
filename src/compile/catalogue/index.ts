// Reading the project's own catalogue (docs-spec/resources, docs-spec/models) and merging it with the pages.
export * from './catalogue.ts';
export * from './check-refs.ts';
export * from './merge.ts';
