// import() of a package or a file outside the serve bundle (Ajv, a plug-in named by path). The bundle
// (src/compile/bundle.ts) swaps this module for one that calls its loader's import(): src/bundle/loader.js
// compiles the bundle with a V8 code cache, and a script compiled from a code cache cannot run import() itself.
export const importExternal = (specifier: string): Promise<unknown> => import(specifier);
