// `et-fake serve --record-pact`: a client's session against the fake becomes its pact, which verifies
// against a fresh fake. `et-fake pact publish`: that pact goes to a broker through the broker's own client.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBrokerStandIn } from './broker-stand-in.ts';
import { etFake, ROOT } from './cli.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'et-fake-record-'));
const recorded = path.join(dir, 'pacts', 'my-client-EnterpriseTester.json');
const AUTH = { Authorization: `Basic ${Buffer.from('Administrator:password').toString('base64')}`, 'Content-Type': 'application/json' };

/** Starts `et-fake serve --record-pact` on a free port; resolves with its URL once it says it listens. */
function serveRecording(): Promise<{ url: string; stop(): Promise<{ code: number | null; stderr: string }> }> {
  const child = spawn(process.execPath, [`${ROOT}src/bin.js`, 'serve', '--port', '0', '--record-pact', recorded, '--consumer', 'my-client'], { cwd: ROOT, env: { ...process.env, PACT_DO_NOT_TRACK: 'true' } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = /listening on (http:\/\/\S+)\/api\//.exec(stdout);
      if (m) resolve({ url: m[1]!, stop: async () => (child.kill('SIGINT'), { code: await exited, stderr }) });
    });
    exited.then(() => reject(new Error(`serve ended early: ${stderr}`)));
  });
}

describe('recording a session as a pact', () => {
  it('writes every API call on exit, and the pact verifies against a fresh fake', async () => {
    const fake = await serveRecording();
    // A client's session: a sandbox of its own, a package created in it, read back, listed with TQL, a run started.
    const sandbox = (await (await fetch(`${fake.url}/__admin/sandboxes`, { method: 'POST', headers: AUTH, body: '{}' })).json()) as { Id: string };
    const base = `${fake.url}/sandboxes/${sandbox.Id}`;
    const created = await fetch(`${base}/api/scriptpackages`, { method: 'POST', headers: AUTH, body: JSON.stringify({ Name: 'Smoke tests', ProjectId: '944aa658-8067-42cf-a6a6-ce71535a73bc' }) });
    expect(created.status).toBe(201);
    const pkg = (await created.json()) as { Id: string };
    expect((await fetch(`${base}/api/scriptpackage/${pkg.Id}`, { headers: AUTH })).status).toBe(200);
    expect((await fetch(`${base}/api/scriptassignments?tql=${encodeURIComponent("Status = 'Failed'")}`, { headers: AUTH })).status).toBe(200);
    expect((await fetch(`${base}/api/scriptassignment/2264a622-2869-4ef8-8183-a0040106ca9d/runs`, { method: 'POST', headers: AUTH })).status).toBe(200);
    const { code, stderr } = await fake.stop();
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(`wrote 4 interactions to ${recorded}`);

    const pact = JSON.parse(readFileSync(recorded, 'utf8'));
    expect(pact.consumer.name).toBe('my-client');
    const descriptions = pact.interactions.map((i: { description: string }) => i.description);
    expect(descriptions[0]).toBe('1. POST /api/scriptpackages');
    expect(descriptions[1]).toBe(`2. GET /api/scriptpackage/${pkg.Id}`);
    expect(descriptions[2]).toMatch(/^3\. GET \/api\/scriptassignments\?tql=/);
    expect(pact.interactions[2].request.query).toEqual({ tql: ["Status = 'Failed'"] });
    expect(descriptions[3]).toBe('4. POST /api/scriptassignment/2264a622-2869-4ef8-8183-a0040106ca9d/runs');
    // The read of the package is given the records the session had made by then.
    expect(pact.interactions[1].providerStates[0].name).toBe('the data as the recorded session left it');
    expect(JSON.stringify(pact.interactions[1].providerStates[0].params)).toContain(pkg.Id);

    const verified = await etFake(['pact', 'verify', '--pact', recorded]);
    expect(verified.code, verified.stdout.slice(-2000)).toBe(0);
    expect(verified.stdout).toMatch(/4 interactions verified: all passed/);
  }, 180_000);

  it('publishes through the broker client with the broker\'s publish API', async () => {
    if (!existsSync(recorded)) return expect.fail('the recording test writes the pact this one publishes');
    const broker = await startBrokerStandIn();
    const run = await etFake(['pact', 'publish', path.dirname(recorded), '--broker-base-url', broker.url, '--broker-token', 's3cret', '--consumer-app-version', '1.4.0', '--branch', 'main']);
    await broker.close();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const [index, publish] = broker.received;
    expect(index!.method).toBe('GET');
    expect(index!.url).toBe('/');
    expect(publish!.method).toBe('POST');
    expect(publish!.url).toBe('/contracts/publish');
    expect(publish!.headers.authorization).toBe('Bearer s3cret');
    const body = JSON.parse(publish!.body);
    expect(body).toMatchObject({ pacticipantName: 'my-client', pacticipantVersionNumber: '1.4.0', branch: 'main' });
    expect(body.contracts).toHaveLength(1);
    expect(body.contracts[0]).toMatchObject({ consumerName: 'my-client', providerName: 'EnterpriseTester', specification: 'pact', contentType: 'application/json' });
    expect(JSON.parse(Buffer.from(body.contracts[0].content, 'base64').toString('utf8')).interactions).toHaveLength(4);
  }, 120_000);

  it('says so, and publishes nothing, when the broker client cannot run', async () => {
    const broker = await startBrokerStandIn();
    const run = await etFake(['pact', 'publish', path.dirname(recorded), '--broker-base-url', broker.url, '--consumer-app-version', '1'], { ET_FAKE_PACT_BROKER_CLIENT: path.join(dir, 'no-such-client.js') });
    await broker.close();
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^et-fake pact publish: the Pact broker client named by ET_FAKE_PACT_BROKER_CLIENT .* does not exist; nothing was published$/);
    expect(broker.received).toEqual([]);
  });
});
