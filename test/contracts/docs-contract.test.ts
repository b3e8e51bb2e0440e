// ET's documented contract: `et-fake pact export` writes every documented example as a Pact V4 interaction
// with its provider state, and Pact's Verifier checks the fake against it, each interaction in its own sandbox.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { etFake, failedInteractions, type Run } from './cli.ts';

describe('the documented contract', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'et-fake-docs-pact-'));
  const file = path.join(out, 'et-docs-EnterpriseTester.json');
  let exported: Run;
  let verified: Run;
  beforeAll(async () => {
    exported = await etFake(['pact', 'export', '--out', out]);
    verified = await etFake(['pact', 'verify', '--pact', file]);
  }, 300_000);

  it('is a Pact V4 file with one interaction per documented example, each given its provider state', () => {
    expect(exported.code, exported.stderr).toBe(0);
    const pact = JSON.parse(readFileSync(file, 'utf8'));
    expect(pact.metadata.pactSpecification.version).toBe('4.0');
    expect(pact.consumer.name).toBe('et-docs');
    expect(pact.provider.name).toBe('EnterpriseTester');
    expect(pact.interactions.length).toBe(514);
    for (const i of pact.interactions) expect(i.providerStates?.length, i.description).toBeGreaterThan(0);
    const names = pact.interactions.flatMap((i: { providerStates: { name: string }[] }) => i.providerStates.map((s) => s.name));
    expect(names).toContain('script assignment 2264a622-2869-4ef8-8183-a0040106ca9d exists with a completed run');
    expect(names.some((n: string) => n.startsWith("no project named '"))).toBe(true);
  });

  it('pins what ET fixes and lets volatile values vary', () => {
    const pact = JSON.parse(readFileSync(file, 'utf8'));
    const byTitle = (t: string) => pact.interactions.find((i: { description: string }) => i.description.startsWith(t));
    const run = byTitle('In this example the state of the current run is complete, so when posting with no body');
    expect(run.response.status).toBe(201);
    const rules = JSON.stringify(run.response.matchingRules);
    expect(rules).toContain('[0-9a-fA-F]{8}'); // GUIDs by pattern
    expect(rules).toContain('\\\\d{4}-\\\\d{2}-\\\\d{2}'); // timestamps by pattern
    const list = byTitle('GET (no TQL query)');
    expect(JSON.stringify(list.response.matchingRules.body)).toMatch(/"\$\.Items":\{"combine":"AND","matchers":\[\{"match":"type","min":1\}\]/);
    // Links match on their API path after any origin and install path, one ending in /api too (the help page's
    // own ET answered `http://localhost/api/api/scriptpackages`).
    const self = new RegExp(list.response.matchingRules.body['$.Self'].matchers[0].regex);
    expect(list.response.body.content.Self).toBe('http://localhost/api/api/scriptpackages');
    for (const url of ['http://localhost/api/scriptpackages', 'https://et.example:8443/EnterpriseTester/api/scriptpackages']) expect(url).toMatch(self);
    for (const url of ['http://localhost/api/scriptpackage', 'http://localhost/api/scriptpackages/x']) expect(url).not.toMatch(self);
    const refused = pact.interactions.find((i: { response: { status: number; body?: { content?: { Message?: string } } }; description: string }) => i.response.status === 404 && i.description.includes('pages/'));
    if (refused?.response.body?.content?.Message) expect(JSON.stringify(refused.response.matchingRules?.body ?? {})).not.toContain('$.Message');
  });

  it('passes on the fake: every interaction', () => {
    expect(verified.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(failedInteractions(verified.stdout), verified.stdout.slice(-3000)).toEqual([]);
    expect(verified.stdout).toMatch(/514 interactions verified: all passed/);
    expect(verified.code).toBe(0);
  });
});
