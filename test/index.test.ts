// The package as a dependency sees it: `import ... from 'et-fake'` in plain Node (src/index.js loads the
// TypeScript sources through tsx) gives the same API as src/index.ts, and the packed tarball carries what
// the server needs and none of the project's tests or benchmarks.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

describe('the et-fake package', () => {
  it('serves from plain Node through its JavaScript entry, with every function index.ts exports', () => {
    const script = `
      const m = await import('et-fake');
      const fake = await m.startFake();
      const res = await fetch(fake.url + '/api/projects', { headers: { Authorization: 'Basic ' + btoa('Administrator:password') } });
      console.log(JSON.stringify({ names: Object.keys(m).sort(), status: res.status }));
      await fake.close();`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    const functions = Object.entries(api).filter(([, v]) => typeof v === 'function').map(([k]) => k).sort();
    expect(out).toEqual({ names: functions, status: 200 });
  });

  it('packs the sources, the generated spec and data, and leaves tests and benchmarks out', () => {
    const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const files: string[] = JSON.parse(run.stdout)[0].files.map((f: { path: string }) => f.path);
    for (const needed of ['package.json', 'README.md', 'src/index.js', 'src/index.ts', 'src/bin.js', 'generated/openapi.json', 'generated/fixtures.json', 'fixtures/default.json'])
      expect(files).toContain(needed);
    expect(files.filter((f) => /^(test|bench|\.ci)\//.test(f))).toEqual([]);
  });
});
