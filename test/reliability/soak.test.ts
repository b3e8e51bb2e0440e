// A long mixed load against `et-fake serve --data FILE` as a real process: reads by id, pages, TQL, search,
// creates, renames and deletes (as many deletes as creates, so the data stays the same size), sandboxes made
// now and then and used for a while, journal reads. The server's RSS after the whole run must be within 20% of
// its RSS after the first tenth (journal, sandboxes, caches and the change log bounded), no answer is a 5xx, and
// the sandboxes, once idle, are dropped without anyone asking. ET_FAKE_LONG_TESTS=1: 100,000 requests, else 20,000.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminFetch } from '../helpers/fake.ts';
import { startServer, type ServerProcess } from '../helpers/server-process.ts';
import { ONLINE_BANKING, REGRESSION_PKG } from '../helpers/test-fake.ts';

const LONG = process.env.ET_FAKE_LONG_TESTS === '1';
const TOTAL = LONG ? 100_000 : 20_000;
const WORKERS = 16;
const IDLE_MS = 1_500;

let dir: string;
let server: ServerProcess;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'et-fake-soak-'));
  server = await startServer(['--data', path.join(dir, 'et.json'), '--sandbox-idle-ms', String(IDLE_MS), '--journal-limit', '500'], { measured: true });
});
afterAll(async () => {
  await server?.stop('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

interface Request {
  method: string;
  path: string;
  body?: unknown;
  sandbox?: string;
}

describe('soak', () => {
  it(`keeps its memory flat over ${TOTAL.toLocaleString('en')} mixed requests and drops idle sandboxes`, { timeout: LONG ? 600_000 : 180_000 }, async () => {
    const live: string[] = []; // script packages this test created and has not deleted yet
    const sandboxes: string[] = [];
    const failures: string[] = [];
    let made = 0;

    const send = async ({ method, path: p, body, sandbox }: Request): Promise<any> => {
      const res = await adminFetch(method, `${server.url}${p}`, body, sandbox);
      const text = await res.text();
      if (res.status >= 500) failures.push(`${method} ${p} -> ${res.status} ${text.slice(0, 200)}`);
      return text ? JSON.parse(text) : undefined;
    };

    /** The i-th request of the mix; what it does depends on i only (and on what earlier ones created). */
    const step = async (i: number): Promise<void> => {
      const kind = i % 20;
      const sandbox = sandboxes.at(-1);
      if (kind <= 5) return void (await send({ method: 'GET', path: `/api/scriptpackage/${live[i % Math.max(1, live.length)] ?? REGRESSION_PKG}` }));
      if (kind <= 7) return void (await send({ method: 'GET', path: `/api/scriptpackages?$top=20&$skip=${i % 40}` }));
      if (kind === 8) return void (await send({ method: 'GET', path: `/api/scriptpackages?tql=${encodeURIComponent('Name ~ "soak"')}&$top=5` }));
      if (kind === 9) return void (await send({ method: 'GET', path: `/api/search?tql=${encodeURIComponent('EntityType = Script')}` }));
      if (kind <= 11) {
        const created = await send({ method: 'POST', path: '/api/scriptpackages', body: { Name: `soak ${i}`, Description: 'x'.repeat(200), ProjectId: ONLINE_BANKING } });
        if (created?.Id) live.push(created.Id as string);
        return;
      }
      if (kind === 12) {
        const id = live[0];
        return void (id && (await send({ method: 'PUT', path: `/api/scriptpackage/${id}`, body: { Name: `soak ${i} renamed` } })));
      }
      if (kind <= 14) {
        const id = live.shift();
        return void (id && (await send({ method: 'DELETE', path: `/api/scriptpackage/${id}` })));
      }
      if (kind === 15) {
        if (i % 400 === 15 || !sandbox) {
          const made_ = await send({ method: 'POST', path: '/__admin/sandboxes' });
          if (made_?.Id) {
            sandboxes.push(made_.Id as string);
            made++;
          }
          return;
        }
        return void (await send({ method: 'GET', path: '/api/projects', sandbox }));
      }
      if (kind === 16) return void (await send({ method: 'POST', path: '/api/scriptpackages', body: { Name: `in sandbox ${i}`, ProjectId: ONLINE_BANKING }, sandbox }));
      if (kind === 17) return void (await send({ method: 'GET', path: '/__admin/requests' }));
      await send({ method: 'GET', path: '/api/projects' });
    };

    let next = 0;
    const run = async (until: number) => {
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          while (next < until) await step(next++);
        }),
      );
    };

    await run(TOTAL / 10);
    // Measured after a full garbage collection in the server, so the numbers compare what is kept, not where
    // V8's heap happened to be between two collections.
    const early = await server.rssAfterGc();
    await run(TOTAL);
    const late = await server.rssAfterGc();

    expect(failures).toEqual([]);
    expect(made).toBeGreaterThan(TOTAL / 400 - 1);
    const growth = (late - early) / early;
    expect(growth, `RSS ${Math.round(early / 2 ** 20)} MiB after ${TOTAL / 10} requests, ${Math.round(late / 2 ** 20)} MiB after ${TOTAL}`).toBeLessThan(0.2);

    // Nobody calls the admin API from here on: the sandboxes must go by themselves once idle.
    const overview = async () => (await (await adminFetch('GET', `${server.url}/__admin`)).json()) as { Sandboxes: number };
    expect((await overview()).Sandboxes).toBeGreaterThan(0);
    await vi.waitFor(async () => expect((await overview()).Sandboxes).toBe(0), { timeout: 20 * IDLE_MS, interval: IDLE_MS / 2 });
  });
});
