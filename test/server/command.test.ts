// `et-fake serve` as a process: one ready line with the URL and credentials, a working API, a clean exit on
// SIGTERM with the data flushed, and exit code 1 (with a message) for a corrupt data file.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_AUTH, checkedReply } from '../helpers/fake.ts';
import { ONLINE_BANKING, testSpec } from '../helpers/test-fake.ts';
import { ResponseValidator } from '../helpers/validate-response.ts';

const BIN = fileURLToPath(new URL('../../src/bin.js', import.meta.url));

function serve(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    exited.then((code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  ready.catch(() => undefined); // tests that expect an early exit never await readiness
  return { child, ready, exited, output: () => ({ out, err }) };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'et-fake-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('et-fake serve', () => {
  // bin.js runs the JavaScript bundle when it is fresh (npm install and npm run build make it) and the
  // TypeScript sources otherwise: both must be the same server, plug-ins included.
  it.each([
    ['as bin.js chooses (the bundle when fresh)', {}],
    ['from the TypeScript sources', { ET_FAKE_NO_BUNDLE: '1' }],
  ])('serves with every plug-in %s', async (_mode, env) => {
    const proc = serve(['--port', '0'], env);
    const base = /(http:\/\/[^/\s]+)/.exec(await proc.ready)![1]!;
    const anonymous = await fetch(`${base}/api/projects`, { headers: { Origin: 'http://client.example' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe('http://client.example');
    expect(((await anonymous.json()) as { Message?: string }).Message).toBeTruthy();
    const jsonp = await fetch(`${base}/api/projects?callback=cb`, { headers: { Authorization: ADMIN_AUTH } });
    expect(jsonp.status).toBe(200);
    expect(await jsonp.text()).toMatch(/^cb\(/);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });

  it('prints one ready line, serves under the base path, and flushes and exits 0 on SIGTERM', async () => {
    const file = join(dir, 'data.json');
    const proc = serve(['--port', '0', '--base-path', '/EnterpriseTester', '--data', file]);
    const line = await proc.ready;
    const m = /^et-fake listening on (http:\/\/127\.0\.0\.1:\d+\/EnterpriseTester)\/api\/ \(user Administrator, password password\)$/.exec(line);
    expect(m, line).not.toBeNull();
    const base = m![1]!;
    const validator = new ResponseValidator(await testSpec(), '/EnterpriseTester');
    const url = `${base}/api/scriptpackages`;
    const res = await fetch(url, { method: 'POST', headers: { Authorization: ADMIN_AUTH, 'Content-Type': 'application/json' }, body: JSON.stringify({ Name: 'From the CLI', ProjectId: ONLINE_BANKING }) });
    const reply = await checkedReply(validator, 'POST', url, res);
    expect(reply.status).toBe(201);
    expect(reply.body.Self).toBe(`${base}/api/scriptpackage/${reply.body.Id}`);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output().out.trim().split('\n')).toHaveLength(1);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.ScriptPackage.some((p: { Id: string }) => p.Id === reply.body.Id)).toBe(true);
  });

  it('exits 1 with a clear message for a corrupt data file, leaving it untouched', async () => {
    const file = join(dir, 'corrupt.json');
    await writeFile(file, 'not json at all');
    const proc = serve(['--port', '0', '--data', file]);
    expect(await proc.exited).toBe(1);
    expect(proc.output().err).toMatch(/cannot start: .*corrupt\.json/);
    expect(proc.output().out).toBe('');
    expect(await readFile(file, 'utf8')).toBe('not json at all');
  });

  it('serves when given only options, prints the usage for --help, and exits 2 for an unknown command', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    expect(line).toMatch(/^et-fake listening on http:\/\/127\.0\.0\.1:\d+\/api\//);
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exited;
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: et-fake <command> \[options\]/);
    const unknown = spawnSync(process.execPath, [BIN, 'frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });

  it('exits 2 for a bad option', async () => {
    const proc = serve(['--port', 'eighty']);
    expect(await proc.exited).toBe(2);
    expect(proc.output().err).toContain('--port');
    const size = serve(['--port', '0', '--max-body-bytes', '0']);
    expect(await size.exited).toBe(2);
    expect(size.output().err).toContain('--max-body-bytes must be a whole number, 1 or more');
  });

  it('refuses bodies over --max-body-bytes with 413 and a Message', async () => {
    const proc = serve(['--port', '0', '--max-body-bytes', '200']);
    const base = /(http:\/\/[^/\s]+)/.exec(await proc.ready)![1]!;
    const post = (name: string) =>
      fetch(`${base}/api/projectcategories`, {
        method: 'POST',
        headers: { Authorization: ADMIN_AUTH, 'Content-Type': 'application/json' },
        body: JSON.stringify({ Name: name }),
      });
    const big = await post('x'.repeat(300));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { Message?: string }).Message).toMatch(/200 bytes/);
    expect((await post('Small enough')).status).toBe(201);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });

  it('--log prints one compact line per request (method, path, sandbox, status, ms), --log json one object; quiet without', async () => {
    const proc = serve(['--port', '0', '--log']);
    const base = /(http:\/\/[^/\s]+)/.exec(await proc.ready)![1]!;
    await fetch(`${base}/api/projects`, { headers: { Authorization: ADMIN_AUTH } });
    const made = await fetch(`${base}/__admin/sandboxes`, { method: 'POST', headers: { Authorization: ADMIN_AUTH } });
    const { Id } = (await made.json()) as { Id: string };
    await fetch(`${base}/sandboxes/${Id}/api/users`, { headers: { Authorization: ADMIN_AUTH } });
    await fetch(`${base}/api/nothing-here`, { headers: { Authorization: ADMIN_AUTH, 'X-Et-Sandbox': Id } });
    await new Promise((r) => setTimeout(r, 100));
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    const lines = proc.output().out.trim().split('\n').slice(1);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^GET \/api\/projects 200 \d+(\.\d)?ms$/);
    expect(lines[1]).toMatch(/^POST \/__admin\/sandboxes 201 [\d.]+ms$/);
    expect(lines[2]).toMatch(new RegExp(`^GET /api/users sandbox=${Id} 200 [\\d.]+ms$`));
    expect(lines[3]).toMatch(new RegExp(`^GET /api/nothing-here sandbox=${Id} 404 [\\d.]+ms$`));

    const json = serve(['--port', '0', '--log', 'json']);
    const jsonBase = /(http:\/\/[^/\s]+)/.exec(await json.ready)![1]!;
    await fetch(`${jsonBase}/api/projects`);
    await new Promise((r) => setTimeout(r, 100));
    json.child.kill('SIGTERM');
    expect(await json.exited).toBe(0);
    const [entry, ...more] = json.output().out.trim().split('\n').slice(1).map((l) => JSON.parse(l));
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ method: 'GET', path: '/api/projects', sandbox: null, status: 401 });
    expect(typeof entry.ms).toBe('number');
    expect(Date.parse(entry.at)).not.toBeNaN();
  });

  it('says when the data has no default user, and when no credentials are needed', async () => {
    const fixtures = join(dir, 'tiny.json');
    await writeFile(fixtures, JSON.stringify({ Project: [{ Id: '944aa658-8067-42cf-a6a6-ce71535a73bc', Name: 'Only one' }] }));
    const custom = serve(['--port', '0', '--fixtures', fixtures]);
    expect(await custom.ready).toMatch(/\(the data has no user Administrator with password password: use its own users or --no-auth\)$/);
    custom.child.kill('SIGTERM');
    expect(await custom.exited).toBe(0);
    const open = serve(['--port', '0', '--no-auth']);
    expect(await open.ready).toMatch(/\(no credentials needed\)$/);
    open.child.kill('SIGTERM');
    expect(await open.exited).toBe(0);
  });
});
