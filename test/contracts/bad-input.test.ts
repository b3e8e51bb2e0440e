// Bad input to `et-fake pact ...`: one line saying what is wrong, a non-zero exit, never a stack trace.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { etFake, type Run } from './cli.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'et-fake-bad-pact-'));
const write = (name: string, body: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
};
const pactWith = (state: string) => ({
  consumer: { name: 'c' },
  provider: { name: 'EnterpriseTester' },
  interactions: [{ type: 'Synchronous/HTTP', description: 'read the root', providerStates: [{ name: state }], request: { method: 'GET', path: '/api/' }, response: { status: 200 } }],
  metadata: { pactSpecification: { version: '4.0' } },
});

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function oneLineError(run: Run, pattern: RegExp): void {
  expect(run.code).not.toBe(0);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at |node:internal/);
}

describe('et-fake pact with bad input', () => {
  it('refuses a file that is not a pact', async () => {
    oneLineError(await etFake(['pact', 'verify', '--pact', write('not-json.json', 'hello')]), /^et-fake pact verify: .*not-json\.json is not a pact file: it is not JSON$/);
    oneLineError(await etFake(['pact', 'verify', '--pact', write('no-pact.json', { hello: 1 })]), /is not a pact file: it has no consumer\.name, provider\.name, interactions$/);
    oneLineError(await etFake(['pact', 'verify', '--pact', path.join(dir, 'missing.json')]), /missing\.json: no such file or directory$/);
  });

  it('refuses an unknown provider state', async () => {
    oneLineError(await etFake(['pact', 'verify', '--pact', write('unknown-state.json', pactWith('the moon is full'))]), /interaction 'read the root' is given the provider state 'the moon is full', which the fake does not know/);
  });

  it('reports an unreachable provider', async () => {
    const port = await closedPort();
    const run = await etFake(['pact', 'verify', '--pact', write('ok.json', pactWith('ET holds its documented example data')), '--provider-base-url', `http://127.0.0.1:${port}`]);
    oneLineError(run, new RegExp(`^et-fake pact verify: cannot reach the provider at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)$`));
  });

  it('reports a pact URL that does not answer', async () => {
    oneLineError(await etFake(['pact', 'verify', '--pact', `http://127.0.0.1:${await closedPort()}/pact.json`]), /cannot fetch the pact \(ECONNREFUSED\)$/);
  });

  it('needs the flags it names', async () => {
    const run = await etFake(['pact', 'verify']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--pact FILE\|DIR\|URL is needed/);
    expect((await etFake(['pact', 'frobnicate'])).code).toBe(2);
  });
});
