// Reading ET help pages (both text exports) into the compiler's model of a resource.
export * from './page-parser.ts';
export * from './page-text.ts';
