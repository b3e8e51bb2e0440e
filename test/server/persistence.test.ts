// --data: writes reach the file and survive a restart; a corrupt file stops start-up and is left as it was.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFake } from '../../src/server/start.ts';
import { checkedReply } from '../helpers/fake.ts';
import { ADMIN_AUTH } from '../helpers/fake.ts';
import { ONLINE_BANKING, testData, testSpec } from '../helpers/test-fake.ts';
import { ResponseValidator } from '../helpers/validate-response.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'et-fake-data-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function call(validator: ResponseValidator, method: string, url: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { Authorization: ADMIN_AUTH, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return checkedReply(validator, method, url, res);
}

describe('persistence with a data file', () => {
  it('finds everything again after a restart', async () => {
    const file = join(dir, 'et.json');
    const spec = await testSpec();
    const validator = new ResponseValidator(spec);
    const first = await startFake({ spec, fixtures: await testData(), dataFile: file, auth: false });
    const created = await call(validator, 'POST', `${first.url}/api/scriptpackages`, { Name: 'Kept', ProjectId: ONLINE_BANKING });
    expect(created.status).toBe(201);
    const renamed = await call(validator, 'PUT', `${first.url}/api/scriptpackage/${created.body.Id}`, { Name: 'Kept and renamed' });
    expect(renamed.status).toBe(200);
    await first.close();
    expect(JSON.parse(await readFile(file, 'utf8')).ScriptPackage.some((p: { Id: string }) => p.Id === created.body.Id)).toBe(true);

    // Restarted with other start data: the file wins.
    const second = await startFake({ spec, fixtures: {}, dataFile: file, auth: false });
    try {
      const again = await call(validator, 'GET', `${second.url}/api/scriptpackage/${created.body.Id}`);
      expect(again.status).toBe(200);
      expect(again.body.Name).toBe('Kept and renamed');
    } finally {
      await second.close();
    }
  });

  it('reset() puts the start data back', async () => {
    const spec = await testSpec();
    const validator = new ResponseValidator(spec);
    const fake = await startFake({ spec, fixtures: await testData(), auth: false });
    try {
      const created = await call(validator, 'POST', `${fake.url}/api/scriptpackages`, { Name: 'Temporary', ProjectId: ONLINE_BANKING });
      expect((await call(validator, 'GET', `${fake.url}/api/scriptpackage/${created.body.Id}`)).status).toBe(200);
      fake.reset();
      expect((await call(validator, 'GET', `${fake.url}/api/scriptpackage/${created.body.Id}`)).status).toBe(404);
      const again = await call(validator, 'POST', `${fake.url}/api/scriptpackages`, { Name: 'Temporary', ProjectId: ONLINE_BANKING });
      expect(again.body.OrderNumber).toBe(created.body.OrderNumber);
    } finally {
      await fake.close();
    }
  });

  it('refuses to start from a corrupt file and leaves it untouched', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{"ScriptPackage": [ {"Id": ');
    await expect(startFake({ spec: await testSpec(), dataFile: file, auth: false })).rejects.toThrow(/broken\.json/);
    expect(await readFile(file, 'utf8')).toBe('{"ScriptPackage": [ {"Id": ');
  });
});
