// The check can fail: a provider that changes one field's type, or answers one call with the wrong status,
// makes `et-fake pact verify --provider-base-url` exit 1 with a report naming the interaction.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFake, type RunningFake } from '../../src/index.ts';
import { etFake, failedInteractions } from './cli.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'et-fake-broken-'));
const pactFile = path.join(dir, 'small.json');
const PACKAGE = '/api/scriptpackage/7c8ffe51-c584-41d6-8739-8dbd56d5770f';

/** A proxy in front of the fake that rewrites the answers of one path. */
async function brokenProvider(fake: RunningFake, path: string, change: (status: number, body: string) => { status: number; body: string }) {
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)) as [string, string][]);
    const answer = await fetch(`${fake.url}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    let status = answer.status;
    let body = await answer.text();
    if (req.url?.split('?')[0]?.toLowerCase() === path.toLowerCase()) ({ status, body } = change(status, body));
    res.writeHead(status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('verifying a provider that breaks the contract', () => {
  let fake: RunningFake;
  beforeAll(async () => {
    const out = path.join(dir, 'all');
    const exported = await etFake(['pact', 'export', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    // A few interactions keep the run short: the reads of one package, the projects and the users.
    const pact = JSON.parse(readFileSync(path.join(out, 'et-docs-EnterpriseTester.json'), 'utf8'));
    const wanted = (i: { description: string; request: { path: string; method: string } }) =>
      i.request.method === 'GET' && [PACKAGE, '/api/projects', '/api/users'].includes(i.request.path);
    pact.interactions = pact.interactions.filter(wanted);
    writeFileSync(pactFile, JSON.stringify(pact));
    fake = await startFake();
  }, 120_000);
  afterAll(() => fake?.close());

  it('passes when nothing is broken (the proxy itself is faithful)', async () => {
    const proxy = await brokenProvider(fake, '/none', (status, body) => ({ status, body }));
    const run = await etFake(['pact', 'verify', '--pact', pactFile, '--provider-base-url', proxy.url]);
    await proxy.close();
    expect(run.code, run.stdout.slice(-2000)).toBe(0);
    expect(run.stdout).toMatch(/interactions verified: all passed/);
  }, 120_000);

  it('fails when one field changes its type', async () => {
    const proxy = await brokenProvider(fake, PACKAGE, (status, body) => ({ status, body: JSON.stringify({ ...JSON.parse(body), Name: 42 }) }));
    const run = await etFake(['pact', 'verify', '--pact', pactFile, '--provider-base-url', proxy.url]);
    await proxy.close();
    expect(run.code).toBe(1);
    const failed = failedInteractions(run.stdout);
    expect(failed.length, run.stdout.slice(-2000)).toBeGreaterThan(0);
    for (const f of failed) expect(f).toContain('GET /api/scriptpackage/{id}');
    expect(run.stdout).toMatch(/body \$\.Name: .*42/);
    expect(run.stdout).toMatch(/[1-9]\d* passed, \d+ failed/);
  }, 120_000);

  it('fails when one call answers the wrong status', async () => {
    const proxy = await brokenProvider(fake, PACKAGE, (_status, body) => ({ status: 202, body }));
    const run = await etFake(['pact', 'verify', '--pact', pactFile, '--provider-base-url', proxy.url]);
    await proxy.close();
    expect(run.code).toBe(1);
    const failed = failedInteractions(run.stdout);
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) expect(f).toContain('GET /api/scriptpackage/{id}');
    expect(run.stdout).toMatch(/status: expected 200 but was 202/);
  }, 120_000);
});
