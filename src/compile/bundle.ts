// Bundles the `serve` command into plain JavaScript under node_modules/.et-fake/, so `et-fake serve` starts
// without compiling TypeScript through tsx (that loader is most of a cold start). src/bin.js uses the bundle
// only while it is newer than every source file; otherwise it runs the sources. The folder is two levels deep
// like src/server/, so paths the code computes from import.meta.url ('../../generated/...') still land in the
// package root.
//
// The small packages every start loads are bundled in: Node's ES module loader costs a few ms per file, and
// Hono's 25 files, its Node adapter's and lowdb's made a default start 502 ms against 456 (median of 11,
// alternating, 2026-12-07). The packages loaded on demand or read from disk (Ajv, the Swagger UI assets, the
// contract tooling) stay outside, loaded by Node as they are. One file rather than esbuild's chunks: the same
// at the default data, faster holding 100,000 records (699 against 753 ms, 817 against 866). The lazily
// imported parts stay lazy: esbuild wraps each in an init function that runs on its first import.
//
// The file is CommonJS, with a V8 code cache beside it that a warm-up run makes (src/bundle/loader.js): Node 20
// caches no compiled code for ES modules.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

export const BUNDLE_DIR = path.join('node_modules', '.et-fake');
/** The bundle's file in BUNDLE_DIR, as src/bundle/loader.js loads it. */
const BUNDLE_FILE = 'serve.cjs';

/** The dependencies bundled in: the ones every start of the fake loads (and whatever they import). */
const BUNDLED = new Set(['hono', '@hono/node-server', 'lowdb', 'lru-cache']);

/** Every other dependency of the package, and anything under it, stays an import Node resolves. */
function externals(root: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies });
  return names.filter((name) => !BUNDLED.has(name)).flatMap((name) => [name, `${name}/*`]);
}

/** src/server/external-import.ts, as the loader's import() (src/bundle/loader.js says why). */
const loaderImport: Plugin = {
  name: 'loader-import',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]server[\\/]external-import\.ts$/ }, () => ({
      contents: 'export const importExternal = (specifier) => __et_fake_import(specifier);',
      loader: 'js',
    }));
  },
};

/**
 * Has the bundle, in a fresh Node, write its start-up copies (START_COPIES in src/server/paths.ts) and run its
 * warm-up for its code cache (src/bundle/loader.js). The bundle cannot start without its copies, so a failure
 * here fails the build, and bin.js runs the sources.
 */
function prepareBundle(root: string, dir: string): void {
  const loader = pathToFileURL(path.join(root, 'src', 'bundle', 'loader.js')).href;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `import { prepareBundle } from ${JSON.stringify(loader)}; await prepareBundle(${JSON.stringify(dir)});`], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) throw new Error(`the serve bundle's warm-up failed: ${(run.stderr || run.error?.message || '').trim()}`);
}

/** Builds the bundle into a folder of its own beside `outdir`; returns that folder, complete (built-at last). */
async function buildStaged(root: string, outdir: string): Promise<string> {
  const staging = `${outdir}.${process.pid}-${Date.now()}`;
  try {
    await build({
      entryPoints: [path.join(root, 'src', 'bundle', 'index.ts')],
      outfile: path.join(staging, BUNDLE_FILE),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: externals(root),
      define: { 'import.meta.url': '__import_meta_url', ET_FAKE_BUNDLE: 'true' },
      banner: { js: 'var __import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
      plugins: [loaderImport],
      logLevel: 'warning',
    });
    prepareBundle(root, staging);
    // Written last: bin.js compares this file's time with the sources'.
    writeFileSync(path.join(staging, 'built-at'), `${new Date().toISOString()}\n`);
    return staging;
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

/** (Re)builds the bundle: `npm run bundle`, `npm run build`, the benches. */
export async function bundleServe(root: string): Promise<string> {
  const outdir = path.join(root, BUNDLE_DIR);
  const staging = await buildStaged(root, outdir);
  rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
  return outdir;
}

/**
 * For bin.js when there is no bundle at all: a package installed from a tarball never ran `prepare`, so its
 * first `et-fake serve` builds one (half a second on a slow machine) and every later start uses it. Never
 * replaces a bundle: when several first starts race, the first rename wins and the others use its bundle.
 * Whether a bundle is there.
 */
export async function bundleIfMissing(root: string): Promise<boolean> {
  const outdir = path.join(root, BUNDLE_DIR);
  const done = () => existsSync(path.join(outdir, 'built-at'));
  if (done()) return true;
  let staging: string | undefined;
  try {
    staging = await buildStaged(root, outdir);
    // A folder without built-at is what an interrupted build of an older et-fake left (bundles only ever
    // appear whole, by rename, now): it would block the rename for good.
    if (existsSync(outdir) && !done()) rmSync(outdir, { recursive: true, force: true });
    renameSync(staging, outdir);
    staging = undefined;
  } catch {
    // Not writable (a read-only or shared install), or another start got there first: its bundle, or the sources.
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
  return done();
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
