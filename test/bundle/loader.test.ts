// The serve bundle as bin.js runs it: compiled from the V8 code cache the bundler made beside it, which this
// Node accepts (a cache it ignored would cost every start the compile again, silently).
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mergedDefaultData } from '../../src/server/data.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('the serve bundle', () => {
  it('loads from its code cache in a fresh Node, and exports the serve command', () => {
    const loader = pathToFileURL(path.join(ROOT, 'src', 'bundle', 'loader.js')).href;
    const script = `import { loadServeBundle } from ${JSON.stringify(loader)};
      const { exports, cache } = loadServeBundle(${JSON.stringify(path.join(ROOT, 'node_modules', '.et-fake'))});
      console.log(JSON.stringify({ cache, exports: Object.keys(exports).sort() }));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ cache: 'used', exports: ['runServeCommand', 'warmUp', 'writeStartCopies'] });
  });
});

describe("the serve bundle's start-up copies", () => {
  it('hold the generated spec and the merged default data, unchanged', async () => {
    const dir = path.join(ROOT, 'node_modules', '.et-fake');
    const read = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as unknown;
    expect(await read(path.join(dir, 'openapi.json'))).toEqual(await read(path.join(ROOT, 'generated', 'openapi.json')));
    expect(await read(path.join(dir, 'default-data.json'))).toEqual(await mergedDefaultData());
  });
});
