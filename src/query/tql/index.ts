// TQL, ET's query language: its AST, field resolution, compiler to predicates, aggregates and printer.
export * from './aggregate.ts';
export * from './ast.ts';
export * from './compile.ts';
export * from './entities.ts';
export * from './fields.ts';
export * from './formats.ts';
export * from './print.ts';
export * from './scope.ts';
export * from './text-match.ts';
