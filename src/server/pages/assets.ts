// Static files for the pages: read once from disk (the explorer's own files, the renderer from its npm
// package in node_modules), kept in memory, served with their type. Nothing is fetched from anywhere else.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../paths.ts';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

/** Where the page scripts and styles of this package live (beside this file in src/, also for the bundle). */
export const BROWSER_DIR = path.join(PACKAGE_ROOT, 'src', 'server', 'pages', 'browser');

/** The folder of an installed npm package (resolved as the fake itself resolves its imports). */
export function packageDir(name: string): string {
  const require = createRequire(path.join(PACKAGE_ROOT, 'package.json'));
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** Serves the named files of `dir`; any other name is a 404 (no path walking). */
export function assetServer(dir: string, names: readonly string[]): (name: string) => Promise<Response> {
  const cache = new Map<string, Promise<Uint8Array>>();
  const allowed = new Set(names);
  return async (name) => {
    if (!allowed.has(name)) return new Response(`No page asset ${name}.`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    let bytes = cache.get(name);
    if (!bytes) {
      bytes = readFile(path.join(dir, name));
      cache.set(name, bytes);
      bytes.catch(() => cache.delete(name));
    }
    return new Response(await bytes, {
      headers: { 'content-type': TYPES[path.extname(name)] ?? 'application/octet-stream', 'cache-control': 'no-cache' },
    });
  };
}
