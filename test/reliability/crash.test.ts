// `et-fake serve --data FILE` as a real process under 200 concurrent creators (up to 50,000 new script packages),
// killed at a random moment under a second into the load, then started again on the same file: it must start
// every time, and every create it acknowledged (answered 201) must be there. With SIGTERM it must stop cleanly
// (exit 0) and keep every acknowledged create too. ET_FAKE_LONG_TESTS=1 runs 20 kills instead of 3.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectFake } from '../../src/server/plugins/admin/client.ts';
import { ADMIN_AUTH } from '../helpers/fake.ts';
import { startServer, type ServerProcess } from '../helpers/server-process.ts';
import { ONLINE_BANKING } from '../helpers/test-fake.ts';

const LONG = process.env.ET_FAKE_LONG_TESTS === '1';
const KILLS = LONG ? 20 : 3;
const TERMS = LONG ? 5 : 1;
const CREATORS = 200;
const LOAD = 50_000;

let dir: string;
const running: ServerProcess[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'et-fake-crash-'));
});
afterAll(async () => {
  for (const server of running) await server.stop('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Starts the server and sends one create, so the load meets a warm server (validators compiled). */
async function start(file: string, acknowledged: string[]): Promise<ServerProcess> {
  const server = await startServer(['--data', file]);
  running.push(server);
  const res = await fetch(`${server.url}/api/scriptpackages`, {
    method: 'POST',
    headers: { Authorization: ADMIN_AUTH, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ Name: 'warm-up', ProjectId: ONLINE_BANKING }),
  });
  expect(res.status).toBe(201);
  acknowledged.push(((await res.json()) as { Id: string }).Id.toLowerCase());
  return server;
}

/** 200 creators in parallel until LOAD creates were sent or the server is gone; `acknowledged` gets each 201's Id. */
function createLoad(url: string, tag: string, acknowledged: string[]): Promise<void> {
  let sent = 0;
  const creator = async (c: number) => {
    while (sent < LOAD) {
      sent++;
      let res: Response;
      try {
        res = await fetch(`${url}/api/scriptpackages`, {
          method: 'POST',
          headers: { Authorization: ADMIN_AUTH, 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ Name: `${tag}-c${c}-${sent}`, ProjectId: ONLINE_BANKING }),
        });
      } catch {
        return; // the server is gone: this create was never acknowledged
      }
      let body: { Id?: string };
      try {
        body = (await res.json()) as { Id?: string };
      } catch {
        return; // cut off mid-answer: not acknowledged either
      }
      expect(res.status).toBe(201);
      acknowledged.push(body.Id!.toLowerCase());
    }
  };
  return Promise.all(Array.from({ length: CREATORS }, (_, c) => creator(c))).then(() => undefined);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything the restarted server has: every acknowledged id must be among its script packages, once. */
async function expectAllThere(url: string, acknowledged: string[], what: string): Promise<void> {
  const packages = (await connectFake(url).snapshot()).ScriptPackage ?? [];
  const ids = packages.map((p) => p.Id.toLowerCase());
  const have = new Set(ids);
  expect(have.size, `${what}: an Id appears twice`).toBe(ids.length);
  expect(acknowledged.filter((id) => !have.has(id)), `${what}: acknowledged creates missing`).toEqual([]);
}

describe('crash safety of --data', () => {
  it(`starts again after SIGKILL at a random moment of a write load (${KILLS} times), with every acknowledged write`, { timeout: KILLS * 30_000 }, async () => {
    const file = path.join(dir, 'killed.json');
    const acknowledged: string[] = [];
    let server = await start(file, acknowledged);
    for (let round = 0; round < KILLS; round++) {
      const before = acknowledged.length;
      const load = createLoad(server.url, `k${round}`, acknowledged);
      const killAfter = Math.round(50 + Math.random() * 900);
      await sleep(killAfter);
      expect(await server.stop('SIGKILL')).toBeNull();
      await load;
      const what = `round ${round + 1}, SIGKILL ${killAfter} ms into the load after ${acknowledged.length - before} acknowledged creates`;
      server = await start(file, acknowledged).catch((error: Error) => {
        throw new Error(`${what}: the server did not start again: ${error.message}`);
      });
      await expectAllThere(server.url, acknowledged, what);
    }
    expect(await server.stop('SIGTERM')).toBe(0);
  });

  it(`loses nothing acknowledged when stopped with SIGTERM during a write load (${TERMS} times)`, { timeout: TERMS * 30_000 }, async () => {
    const file = path.join(dir, 'terminated.json');
    const acknowledged: string[] = [];
    let server = await start(file, acknowledged);
    for (let round = 0; round < TERMS; round++) {
      const load = createLoad(server.url, `t${round}`, acknowledged);
      const stopAfter = Math.round(50 + Math.random() * 900);
      await sleep(stopAfter);
      expect(await server.stop('SIGTERM'), server.stderr()).toBe(0);
      await load;
      server = await start(file, acknowledged);
      await expectAllThere(server.url, acknowledged, `round ${round + 1}, SIGTERM ${stopAfter} ms into the load`);
    }
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});
