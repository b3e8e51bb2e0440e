// The plug-in loader: present modules are installed in order, missing ones skipped, broken ones stop start-up.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedReply } from '../../helpers/fake.ts';
import { makeTestFake, REPORTS_PKG } from '../../helpers/test-fake.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'et-fake-plugins-'));
  // Adds a response header to every call, and records the order plug-ins were installed in.
  await writeFile(
    join(dir, 'stamp.mjs'),
    `export function install(ctx) { ctx.app.use('*', async (c, next) => { await next(); c.res.headers.set('X-Stamp', 'yes'); }); }`,
  );
  await writeFile(join(dir, 'broken.mjs'), `throw new Error('this plug-in does not load');`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('plug-ins', () => {
  it('installs the modules that exist, in order, and skips the missing ones', async () => {
    const stamp = pathToFileURL(join(dir, 'stamp.mjs')).href;
    const fake = await makeTestFake({ auth: false, plugins: [pathToFileURL(join(dir, 'missing.mjs')).href, stamp] });
    expect(fake.plugins).toEqual([stamp]);
    const url = `http://localhost/api/scriptpackage/${REPORTS_PKG}`;
    const res = await checkedReply(fake.validator, 'GET', url, await fake.app.request(url));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-stamp')).toBe('yes');
  });

  it('stops start-up when a present module fails to load', async () => {
    await expect(makeTestFake({ plugins: [pathToFileURL(join(dir, 'broken.mjs')).href] })).rejects.toThrow('this plug-in does not load');
  });

  it('runs the bare engine with plugins: false', async () => {
    const fake = await makeTestFake({ plugins: false });
    expect(fake.plugins).toEqual([]);
    // Without the auth plug-in nothing asks for credentials.
    const url = `http://localhost/api/scriptpackage/${REPORTS_PKG}`;
    expect((await checkedReply(fake.validator, 'GET', url, await fake.app.request(url))).status).toBe(200);
  });
});
