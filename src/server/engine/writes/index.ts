// The write side's ET rules: what a create or save fills in (model defaults, nulls, item ids, custom fields),
// where a child must live and ET's refusal when it does not, the fields ET derives, and the Location of what was created.
export * from './complete.ts';
export * from './containers.ts';
export * from './custom-fields.ts';
export * from './location.ts';
export * from './derived.ts';
