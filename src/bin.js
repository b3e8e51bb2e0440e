#!/usr/bin/env node
// The et-fake command. `serve` runs the JavaScript bundle in node_modules/.et-fake/ (src/compile/bundle.ts: it
// cuts the cold start to about a third) through src/bundle/loader.js, when it is newer than every source in a
// checkout and whenever it is there in an installed copy, building it first when there is none (an install
// from a tarball); anything else, or a stale bundle, runs the TypeScript sources through tsx's loader, so the
// package needs no compile step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
// `et-fake`, `et-fake serve ...` and `et-fake --port 9000` (options without a command are serve's) all serve.
const serving = args[0] === undefined || args[0] === 'serve' || (args[0].startsWith('-') && !['--help', '-h'].includes(args[0]));
const serveArgs = args[0] === 'serve' ? args.slice(1) : args;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return newest;
}

// An installed copy (under node_modules/) has the fixed 1985 file times npm gives every packed file, so no
// bundle there can look stale: the sources' times are compared only in a checkout, where they are edited.
// Comparing them is 236 stat calls, 26 ms of a 315 ms start (median of 21, alternating, 2026-12-07).
const installed = root.includes(`${sep}node_modules${sep}`);

function bundleIsFresh() {
  if (process.env.ET_FAKE_NO_BUNDLE) return false;
  try {
    const builtAt = statSync(`${root}node_modules/.et-fake/built-at`).mtimeMs;
    // generated/ and fixtures/ too: the bundle holds the parsers and copies of the spec and the default data.
    return installed || [`${root}src`, `${root}generated`, `${root}fixtures`].every((dir) => builtAt > newestMtime(dir));
  } catch {
    return false;
  }
}

// A package installed from a tarball has no bundle until its first start makes one (src/compile/bundle.ts).
// A stale one (sources edited since) is left alone: other processes may be running it.
async function bundleMade() {
  if (process.env.ET_FAKE_NO_BUNDLE || existsSync(`${root}node_modules/.et-fake/built-at`)) return false;
  try {
    const { tsImport } = await import('tsx/esm/api');
    const { bundleIfMissing } = await tsImport('./compile/bundle.ts', import.meta.url);
    return await bundleIfMissing(root);
  } catch {
    return false; // no esbuild here: the sources it is
  }
}

// Recording a pact needs the contract tooling, which the serve bundle leaves out.
const recording = serving && args.some((a) => a === '--record-pact' || a.startsWith('--record-pact='));
if (serving && !recording && (bundleIsFresh() || ((await bundleMade()) && bundleIsFresh()))) {
  const { loadServeBundle } = await import('./bundle/loader.js');
  const { runServeCommand } = loadServeBundle(`${root}node_modules/.et-fake`).exports;
  await runServeCommand(serveArgs).then(
    (code) => { if (code !== 0) process.exitCode = code; },
    (err) => {
      process.stderr.write(`et-fake: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
} else {
  // cli.ts reads the command from argv: name serve when only options were given.
  if (serving && args[0] !== 'serve') process.argv.splice(2, 0, 'serve');
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
