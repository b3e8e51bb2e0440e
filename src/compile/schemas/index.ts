// JSON Schemas: inferred from the examples, merged with the catalogue models, checked against every example.
export * from './infer-schema.ts';
export * from './models.ts';
export * from './samples.ts';
export * from './validate-examples.ts';
