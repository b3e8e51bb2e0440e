// Server benchmark: `npx tsx bench/server.bench.ts` (about 3 minutes; BENCH_SECONDS and BENCH_ROUNDS shorten it).
// Throughput and latency with autocannon against in-process servers on 127.0.0.1, next to a baseline measured
// in the same run: a bare Hono app answering a fixed JSON body of the same size. Then, in child processes, the
// cold start of `et-fake serve` (spawn -> first 200) next to a bare `node -e` spawn, and the RSS of a server
// holding 100,000 extra records.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { bundleServe } from '../src/compile/bundle.ts';
import { defaultData } from '../src/server/data.ts';
import { startFake } from '../src/server/start.ts';
import type { Data, Rec } from '../src/store/index.ts';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<any>;

const DURATION = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;
const PROJECT = '944aa658-8067-42cf-a6a6-ce71535a73bc';
const AUTH = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;
const BIN = fileURLToPath(new URL('../src/bin.js', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `n` script packages at the root of one project, on top of the default data. */
async function dataWith(n: number): Promise<{ data: Data; firstId: string }> {
  const data = await defaultData();
  const extra: Rec[] = [];
  for (let i = 0; i < n; i++) {
    const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    extra.push({ Id: id, Name: `Bench package ${i}`, ProjectId: PROJECT, OrderNumber: i + 10 });
  }
  return { data: { ...data, ScriptPackage: [...(data.ScriptPackage ?? []), ...extra] }, firstId: extra[Math.floor(n / 2)]!.Id };
}

async function cannon(url: string, opts: Record<string, unknown> = {}, warmUp = false) {
  const run = (duration: number) =>
    autocannon({ url, connections: CONNECTIONS, duration, ...opts, headers: { Authorization: AUTH, ...(opts.headers as object) } });
  if (warmUp) await run(1); // JIT and connection set-up stay out of the numbers
  const r = await run(DURATION);
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average as number, p50: r.latency.p50 as number, p99: r.latency.p99 as number };
}

async function bareHono(body: string) {
  const app = new Hono();
  app.all('*', () => new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
}

const rows: string[] = [];
let PLUGINS = '';
const row = (...cells: (string | number)[]) => rows.push(`| ${cells.join(' | ')} |`);
const f0 = (n: number) => Math.round(n).toLocaleString('en');

/**
 * Runs the target and the bare baseline alternately ROUNDS times and reports the medians, so load from other
 * processes on the machine hits both sides alike (the ratio is the median of the per-round ratios).
 */
async function versusBaseline(bareUrl: string, url: string, opts: Record<string, unknown> = {}) {
  const rounds: { rps: number; p50: number; p99: number; ratio: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const base = await cannon(bareUrl, {}, r === 0);
    const target = await cannon(url, opts, r === 0);
    rounds.push({ ...target, ratio: target.rps / base.rps });
  }
  return { rps: median(rounds.map((x) => x.rps)), p50: median(rounds.map((x) => x.p50)), p99: median(rounds.map((x) => x.p99)), ratio: median(rounds.map((x) => x.ratio)) };
}

async function throughput(n: number) {
  const { data, firstId } = await dataWith(n);
  const fake = await startFake({ fixtures: data });
  PLUGINS = fake.plugins.join(', ') || 'none';
  // The same data without the plug-ins (auth, validation, CORS, JSONP): the engine's own cost.
  const engineOnly = await startFake({ fixtures: data, plugins: false });
  const itemUrl = `${fake.url}/api/scriptpackage/${firstId}`;
  const sample = await (await fetch(itemUrl, { headers: { Authorization: AUTH } })).text();
  const bare = await bareHono(sample);
  try {
    const base = await cannon(bare.url, {}, true);
    row(f0(n), 'bare Hono, fixed body of the item\'s size (baseline)', f0(base.rps), base.p50, base.p99, '1.00');
    const show = (what: string, r: { rps: number; p50: number; p99: number; ratio: number }) => row(f0(n), what, f0(r.rps), r.p50, r.p99, r.ratio.toFixed(2));
    show('GET /api/scriptpackage/{id}', await versusBaseline(bare.url, itemUrl));
    show('GET /api/scriptpackage/{id}, engine without plug-ins', await versusBaseline(bare.url, `${engineOnly.url}/api/scriptpackage/${firstId}`));
    show('GET /api/scriptpackages?$top=25', await versusBaseline(bare.url, `${fake.url}/api/scriptpackages?$top=25`));
    let i = 0;
    show(
      'POST /api/scriptpackages',
      await versusBaseline(bare.url, `${fake.url}/api/scriptpackages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // A different name per request, all at the root of the same big project.
        setupClient: (client: any) => client.setBody(JSON.stringify({ Name: `Posted ${i++}`, ProjectId: PROJECT })),
      }),
    );
    row(f0(n), 'POST /api/scriptpackages, one at a time (2,000): median ms', '', (await sequentialPostLatency(fake.url, 2000)).toFixed(2), '', '');
    row(f0(n), 'the same, engine without plug-ins', '', (await sequentialPostLatency(engineOnly.url, 2000)).toFixed(2), '', '');
  } finally {
    await bare.close();
    await fake.close();
    await engineOnly.close();
  }
}

/** Median wall time of single POSTs sent one after another (autocannon's latency has whole-ms resolution). */
async function sequentialPostLatency(base: string, count: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/scriptpackages`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ Name: `Sequential ${i}`, ProjectId: PROJECT }),
    });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`POST answered ${res.status}`);
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** Spawns a process and resolves when its first stdout line arrives; returns the line and the child. */
function spawnUntilLine(args: string[], env: Record<string, string> = {}) {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  return new Promise<{ line: string; ms: number; child: typeof child }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ line: out.split('\n')[0]!, ms: performance.now() - t0, child });
    });
    child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
  });
}

async function coldStart(rounds: number, env: Record<string, string> = {}) {
  const toReady: number[] = [];
  const toFirst200: number[] = [];
  const baseline: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const node = await spawnUntilLine(['-e', 'console.log("ready")']);
    baseline.push(node.ms);
    node.child.kill();
    const t0 = performance.now();
    const { line, ms, child } = await spawnUntilLine([BIN, 'serve', '--port', '0'], env);
    toReady.push(ms);
    const url = /(http:\/\/\S+?)\/api\//.exec(line)![1]!;
    const res = await fetch(`${url}/api/scriptpackages`, { headers: { Authorization: AUTH } });
    if (res.status !== 200) throw new Error(`first request answered ${res.status}`);
    await res.arrayBuffer();
    toFirst200.push(performance.now() - t0);
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
  }
  return { ready: median(toReady), first200: median(toFirst200), node: median(baseline) };
}

async function rssAt100k() {
  const dir = await mkdtemp(path.join(tmpdir(), 'et-fake-bench-'));
  try {
    const file = path.join(dir, 'fixtures.json');
    const { data, firstId } = await dataWith(100_000);
    await writeFile(file, JSON.stringify(data));
    const { line, child } = await spawnUntilLine([BIN, 'serve', '--port', '0', '--fixtures', file]);
    const url = /(http:\/\/\S+?)\/api\//.exec(line)![1]!;
    for (let i = 0; i < 200; i++) await (await fetch(`${url}/api/scriptpackage/${firstId}`, { headers: { Authorization: AUTH } })).arrayBuffer();
    await (await fetch(`${url}/api/scriptpackages?$top=100&$skip=50000`, { headers: { Authorization: AUTH } })).arrayBuffer();
    const status = await (await import('node:fs/promises')).readFile(`/proc/${child.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    return rssKb / 1024;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

rows.push('| entities | request | req/s | p50 ms | p99 ms | ratio to bare Hono |', '|---|---|---|---|---|---|');
// Child processes first, before the throughput runs heat the machine up. `et-fake serve` runs the bundle
// when it is fresh (what a user gets after npm install or npm run build), so it is rebuilt first; the
// sources through tsx (a developer between builds) are timed too.
await bundleServe(ROOT);
const cold = await coldStart(7);
const coldFromSources = await coldStart(7, { ET_FAKE_NO_BUNDLE: '1' });
const rss = await rssAt100k();
// BENCH_ONLY=start: the child-process measures alone.
if (process.env.BENCH_ONLY !== 'start') {
  await throughput(1_000);
  await throughput(100_000);
}
console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s runs, target and baseline alternated ${ROUNDS} times (medians), after 1 s of warm-up; in-process servers on 127.0.0.1; Basic auth header on every request; plug-ins: ${PLUGINS}\n`);
console.log(rows.join('\n'));
console.log(`\ncold start (median of 7): spawn -> ready line ${cold.ready.toFixed(0)} ms, spawn -> first 200 ${cold.first200.toFixed(0)} ms; bare \`node -e\` spawn -> first line ${cold.node.toFixed(0)} ms`);
console.log(`cold start from the TypeScript sources (ET_FAKE_NO_BUNDLE=1): ready line ${coldFromSources.ready.toFixed(0)} ms, first 200 ${coldFromSources.first200.toFixed(0)} ms`);
console.log(`RSS of et-fake serve holding 100,000 extra script packages (after requests): ${rss.toFixed(0)} MB`);
