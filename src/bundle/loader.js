// Runs the serve bundle (node_modules/.et-fake/, made by src/compile/bundle.ts) with the V8 code cache made
// beside it, so a start does not compile the bundle's 700 KB of JavaScript again: a default start took 254 ms
// with the cache against 281 without (median of 15, alternating, 2026-12-07). Node 20 has no code cache for
// ES modules, so the bundle is CommonJS, compiled here as a vm.Script.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';

export const BUNDLE_FILE = 'serve.cjs';
export const CODE_CACHE_FILE = 'serve.code-cache';

function compile(dir, cachedData) {
  const file = path.join(dir, BUNDLE_FILE);
  // The module wrapper, plus the import() the bundle's external imports go through (src/server/external-import.ts):
  // a script compiled from a code cache cannot run import() itself.
  const source = `(function (exports, require, module, __filename, __dirname, __et_fake_import) {${readFileSync(file, 'utf8')}\n})`;
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dir, (specifier) => import(specifier));
  return { script, exports: module.exports };
}

/**
 * The bundle's exports (runServeCommand), compiled from its code cache when there is a usable one; `cache`
 * says whether there was: V8 checks it against this Node and its flags and ignores one that does not fit.
 */
export function loadServeBundle(dir) {
  let cachedData;
  try {
    cachedData = readFileSync(path.join(dir, CODE_CACHE_FILE));
  } catch {
    // none (the bundler could not make one): V8 compiles the bundle as it goes
  }
  const { script, exports } = compile(dir, cachedData);
  return { exports, cache: cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used' };
}

/**
 * For the bundler, in a process of its own: loads the bundle in `dir`, has it write its start-up copies, runs its
 * warm-up, and writes the code of every function that ran as the cache. The bundle, its copies and its cache
 * only ever move into place together.
 */
export async function prepareBundle(dir) {
  const { script, exports } = compile(dir);
  await exports.writeStartCopies();
  await exports.warmUp();
  writeFileSync(path.join(dir, CODE_CACHE_FILE), script.createCachedData());
}
