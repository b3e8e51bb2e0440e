// Each test gets its own sandbox: a private copy of the fake's data, made in well under a millisecond.
import { afterEach, beforeEach, expect, inject, it } from 'vitest';
import { connectFake, type SandboxHandle } from 'et-fake';

const fake = connectFake(inject('etUrl'));
const auth = { Authorization: `Basic ${btoa('Administrator:password')}`, 'Content-Type': 'application/json' };
let et: SandboxHandle;

beforeEach(async () => {
  et = await fake.sandbox();
});
afterEach(() => et.close());

it('creates a script package', async () => {
  const res = await fetch(`${et.url}/api/scriptpackages`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ Name: 'Nightly checks', ProjectId: '944aa658-8067-42cf-a6a6-ce71535a73bc' }),
  });
  expect(res.status).toBe(201);
  // The journal shows what the code under test sent.
  const [sent] = await et.journal({ method: 'POST', path: '/api/scriptpackages' });
  expect(sent.Body).toEqual({ Name: 'Nightly checks', ProjectId: '944aa658-8067-42cf-a6a6-ce71535a73bc' });
});

it('sees none of the other test\'s writes, and copes with ET being down', async () => {
  const found = await fetch(`${et.url}/api/scriptpackages?tql=Name%20%3D%20%27Nightly%20checks%27`, { headers: auth });
  expect(((await found.json()) as { Total: number }).Total).toBe(0);
  await et.fault({ Path: '/api/scriptpackages', Status: 503, Count: 1 });
  expect((await fetch(`${et.url}/api/scriptpackages`, { headers: auth })).status).toBe(503);
  expect((await fetch(`${et.url}/api/scriptpackages`, { headers: auth })).status).toBe(200);
});
