// Bundles the `serve` command into plain JavaScript under node_modules/.et-fake/, so `et-fake serve` starts
// without compiling TypeScript through tsx (that loader is most of a cold start). src/bin.js uses the bundle
// only while it is newer than every source file; otherwise it runs the sources. Packages stay external
// (Node loads them as they are); the folder is two levels deep like src/server/, so paths the code computes
// from import.meta.url ('../../generated/...') still land in the package root.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const BUNDLE_DIR = path.join('node_modules', '.et-fake');

export async function bundleServe(root: string): Promise<string> {
  const outdir = path.join(root, BUNDLE_DIR);
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { serve: path.join(root, 'src', 'server', 'command.ts') },
    outdir,
    bundle: true,
    splitting: true, // the lazily loaded parts (query engine, behaviours) stay lazy
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  // Written last: bin.js compares this file's time with the sources'.
  writeFileSync(path.join(outdir, 'built-at'), `${new Date().toISOString()}\n`);
  return outdir;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const started = performance.now();
  bundleServe(root).then(
    (dir) => process.stdout.write(`bundled the serve command into ${path.relative(root, dir)}/ in ${Math.round(performance.now() - started)} ms\n`),
    (err: unknown) => {
      // Never fatal: without a bundle, et-fake serve runs the TypeScript sources through tsx.
      process.stderr.write(`et-fake: could not bundle the serve command (${err instanceof Error ? err.message : String(err)}); it will run from src/\n`);
    },
  );
}
