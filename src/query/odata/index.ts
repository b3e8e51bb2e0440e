// OData ($filter, $orderby): its AST, compiler to predicates and sort keys, printer and ET's aliases.
export * from './aliases.ts';
export * from './ast.ts';
export * from './compile.ts';
export * from './print.ts';
