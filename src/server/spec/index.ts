// Stage spec: the generated OpenAPI document as the server reads it: operations, entities, expansions.
export * from './entities.ts';
export * from './operations.ts';
