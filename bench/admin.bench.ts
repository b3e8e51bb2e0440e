// Sandboxes and the admin plug-in: `node --expose-gc --import tsx bench/admin.bench.ts` (about 1 minute).
// 1. Creating a sandbox with 100,000 extra entities in the start data: POST /__admin/sandboxes in-process
//    (median of 200), next to store.fork() alone and to a deep copy of the data (what a naive fake does).
// 2. Memory: RSS and heap after 1,000 sandboxes with 5 writes each, against the same process before.
// 3. What the plug-in costs per call: GET by id over HTTP with every plug-in vs every plug-in but the admin
//    one, autocannon rounds alternated against a bare Hono baseline in the same run.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../src/server/app.ts';
import { defaultData } from '../src/server/data.ts';
import { DEFAULT_PLUGINS } from '../src/server/options.ts';
import { startFake } from '../src/server/start.ts';
import type { Data, Rec } from '../src/store/index.ts';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<any>;
const AUTH = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;
const PROJECT = '944aa658-8067-42cf-a6a6-ce71535a73bc';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function dataWith(n: number): Promise<Data> {
  const data = await defaultData();
  const extra: Rec[] = [];
  for (let i = 0; i < n; i++) extra.push({ Id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, Name: `Bench package ${i}`, ProjectId: PROJECT, OrderNumber: i + 10 });
  return { ...data, ScriptPackage: [...(data.ScriptPackage ?? []), ...extra] };
}

// 1. Creation at 100,000 entities.
const data = await dataWith(100_000);
const fake = await createApp({ fixtures: data, journalLimit: 1000 });
const post = () => fake.app.request('http://localhost/__admin/sandboxes', { method: 'POST', headers: { Authorization: AUTH } });
for (let i = 0; i < 20; i++) await (await post()).arrayBuffer();
const viaHttp: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  const res = await post();
  viaHttp.push(performance.now() - t);
  if (res.status !== 201) throw new Error(`sandbox not created: ${res.status}`);
}
const forks: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  fake.store.fork();
  forks.push(performance.now() - t);
}
const copies: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  structuredClone(data);
  copies.push(performance.now() - t);
}
await fake.close();

// 2. Memory after 1,000 sandboxes with a few writes each.
gc();
const mem = await createApp({ fixtures: data });
gc();
const before = process.memoryUsage();
for (let i = 0; i < 1000; i++) {
  const made = (await (await mem.app.request('http://localhost/__admin/sandboxes', { method: 'POST', headers: { Authorization: AUTH } })).json()) as { Id: string };
  for (let w = 0; w < 5; w++) {
    const res = await mem.app.request(`http://localhost/sandboxes/${made.Id}/api/scriptpackages`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify({ Name: `Sandbox ${i} package ${w}`, ProjectId: PROJECT }),
    });
    if (res.status !== 201) throw new Error(`write refused: ${res.status}`);
  }
}
gc();
const after = process.memoryUsage();
await mem.close();

// 3. Per-call cost of the plug-in over HTTP.
const withAdmin = await startFake({ fixtures: data });
const withoutAdmin = await startFake({ fixtures: data, plugins: DEFAULT_PLUGINS.filter((p) => p !== 'admin') });
const id = '00000000-0000-4000-8000-00000000c350';
const body = await (await fetch(`${withAdmin.url}/api/scriptpackage/${id}`, { headers: { Authorization: AUTH } })).text();
const bare = new Hono();
bare.all('*', () => new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } }));
const bareServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve({ fetch: bare.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
});
const targets = {
  bare: `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/x`,
  'every plug-in': `${withAdmin.url}/api/scriptpackage/${id}`,
  'every plug-in but admin': `${withoutAdmin.url}/api/scriptpackage/${id}`,
};
const run = async (url: string, duration: number) => {
  const r = await autocannon({ url, connections: 10, duration, headers: { Authorization: AUTH } });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r.requests.average as number;
};
for (const url of Object.values(targets)) await run(url, 1);
const rps: Record<string, number[]> = { bare: [], 'every plug-in': [], 'every plug-in but admin': [] };
for (let r = 0; r < ROUNDS; r++) for (const [name, url] of Object.entries(targets)) rps[name]!.push(await run(url, 2));
await withAdmin.close();
await withoutAdmin.close();
bareServer.close();

console.log(`sandbox creation with ${data.ScriptPackage!.length.toLocaleString('en')} script packages (${Object.values(data).reduce((n, r) => n + r.length, 0).toLocaleString('en')} records) in the start data:`);
console.log(`  POST /__admin/sandboxes in-process: median ${median(viaHttp).toFixed(3)} ms (p90 ${[...viaHttp].sort((a, b) => a - b)[180]!.toFixed(3)} ms)`);
console.log(`  store.fork() alone: median ${(median(forks) * 1000).toFixed(1)} µs; a deep copy of the data (structuredClone): median ${median(copies).toFixed(0)} ms`);
console.log(`memory for 1,000 sandboxes with 5 writes each${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for steadier numbers)'}:`);
console.log(`  RSS ${mb(before.rss)} MB -> ${mb(after.rss)} MB (+${mb(after.rss - before.rss)} MB); heap used ${mb(before.heapUsed)} MB -> ${mb(after.heapUsed)} MB (+${mb(after.heapUsed - before.heapUsed)} MB); external ${mb(before.external)} MB -> ${mb(after.external)} MB`);
console.log(`GET /api/scriptpackage/{id} over HTTP, ${ROUNDS} rounds of 2 s, medians (req/s, ratio to bare Hono):`);
for (const [name, xs] of Object.entries(rps)) console.log(`  ${name}: ${median(xs).toFixed(0)} (${(median(xs.map((x, i) => x / rps.bare[i]!))).toFixed(2)})`);
process.exit(0);
