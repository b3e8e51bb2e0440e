// The package as someone else gets it: `npm pack`, installed into an empty project elsewhere (its
// dependencies from the registry, through npm's cache), then `npx et-fake --help` and `npx et-fake serve`
// there: the API, the reference page and its renderer's assets all answer, SIGTERM stops it, and the first
// start left the serve bundle behind.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_AUTH } from './helpers/fake.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
let dir: string;
let project: string;

function npm(args: string[], cwd: string) {
  const run = spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return run.stdout;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'et-fake-packed-'));
  project = path.join(dir, 'project');
  const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT)) as { filename: string }[];
  await mkdir(project);
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'uses-et-fake', private: true, type: 'module' }));
  npm(['install', '--prefer-offline', '--no-package-lock', path.join(dir, packed!.filename)], project);
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the packed package, installed elsewhere', () => {
  it('answers npx et-fake --help', () => {
    const help = spawnSync('npx', ['et-fake', '--help'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: et-fake <command> \[options\]/);
    expect(help.stdout).toMatch(/^ {2}serve /m);
  });

  it('serves with npx et-fake serve: the API, /docs with its assets, the explorer; SIGTERM stops it', async () => {
    // Its own process group, so the stop reaches the server under npx.
    const child = spawn('npx', ['et-fake', 'serve', '--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => out.includes('\n') && resolve(out.split('\n')[0]!));
        exited.then((code) => reject(new Error(`exited with ${code}: ${err}`)));
      });
      const base = /^et-fake listening on (http:\/\/127\.0\.0\.1:\d+)\/api\//.exec(line)?.[1];
      expect(base, line).toBeDefined();
      expect((await fetch(`${base}/api/projects`, { headers: { Authorization: ADMIN_AUTH } })).status).toBe(200);
      for (const page of ['/docs', '/docs/assets/swagger-ui-bundle.js', '/docs/openapi.json', '/__admin/ui', '/__admin/ui/explorer.js'])
        expect((await fetch(`${base}${page}`)).status, page).toBe(200);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    await exited;
    expect(err).toBe('');
    // No `prepare` ran for a tarball: the first start built the serve bundle and its code cache, which later
    // starts run.
    const bundle = path.join(project, 'node_modules', 'et-fake', 'node_modules', '.et-fake');
    expect(existsSync(path.join(bundle, 'built-at'))).toBe(true);
    expect(existsSync(path.join(bundle, 'serve.code-cache'))).toBe(true);
  }, 120_000);
});
