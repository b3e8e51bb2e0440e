// Validation benchmark: `npx tsx bench/validation.bench.ts` (about 1 minute; BENCH_SECONDS, BENCH_ROUNDS and
// BENCH_SEQUENTIAL shorten it). The same POST /api/scriptpackages (a JSON body checked against its schema,
// its container rule and its parameters) against two fakes built from the same spec and data in the same run:
// one with the validation plug-in, one without it (the baseline; both have CORS, JSONP and auth). Strict
// response validation stays off, as it is outside the test suite.
//   1. throughput and latency with autocannon over HTTP on 127.0.0.1, rounds alternating between the two;
//   2. sequential in-process latency (app.request), medians of N requests each, alternating in blocks;
//   3. the cost of the first request of an operation (its schemas compiled lazily) next to the second;
//   4. createApp() with and without the plug-in (Ajv is loaded on first use, so start-up should not change).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/server/app.ts';
import { startFake } from '../src/server/start.ts';

delete process.env.ET_FAKE_STRICT;
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<any>;

const DURATION = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 2000);
const CONNECTIONS = 10;
const PROJECT = '944aa658-8067-42cf-a6a6-ce71535a73bc';
const AUTH = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;
const BODY = JSON.stringify({ Name: 'Bench package', ProjectId: PROJECT, OrderNumber: 7 });
const WITHOUT = ['cors', 'jsonp', 'auth'];
const WITH = [...WITHOUT, 'validation'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const f = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function cannon(url: string) {
  const r = await autocannon({
    url: `${url}/api/scriptpackages`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
    body: BODY,
  });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average as number, p50: r.latency.p50 as number, p99: r.latency.p99 as number };
}

async function overHttp() {
  const [validated, bare] = [await startFake({ plugins: WITH }), await startFake({ plugins: WITHOUT })];
  const rounds: { v: Awaited<ReturnType<typeof cannon>>; b: Awaited<ReturnType<typeof cannon>> }[] = [];
  // Warm-up of both (JIT, connections, the lazily compiled schema).
  await autocannon({ url: `${validated.url}/api/scriptpackages`, method: 'POST', connections: 2, duration: 1, headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: BODY });
  await autocannon({ url: `${bare.url}/api/scriptpackages`, method: 'POST', connections: 2, duration: 1, headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: BODY });
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate which side goes first so drift in machine load and store size hits both alike.
    const first = i % 2 === 0;
    const a = await cannon(first ? validated.url : bare.url);
    const b = await cannon(first ? bare.url : validated.url);
    rounds.push(first ? { v: a, b } : { v: b, b: a });
  }
  await validated.close();
  await bare.close();
  return {
    validated: { rps: median(rounds.map((r) => r.v.rps)), p50: median(rounds.map((r) => r.v.p50)), p99: median(rounds.map((r) => r.v.p99)) },
    bare: { rps: median(rounds.map((r) => r.b.rps)), p50: median(rounds.map((r) => r.b.p50)), p99: median(rounds.map((r) => r.b.p99)) },
    ratio: median(rounds.map((r) => r.v.rps / r.b.rps)),
  };
}

async function inProcess() {
  const validated = await createApp({ plugins: WITH });
  const bare = await createApp({ plugins: WITHOUT });
  const post = async (app: typeof bare.app) => {
    const t = performance.now();
    const res = await app.request('http://localhost/api/scriptpackages', { method: 'POST', headers: { Authorization: AUTH, 'Content-Type': 'application/json' }, body: BODY });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`POST answered ${res.status}`);
    return performance.now() - t;
  };
  // First request of the operation: schema compilation included, once per process.
  // The baseline goes first, so the validated side's first request is not also the engine's first POST.
  const firstBare = await post(bare.app);
  const firstValidated = await post(validated.app);
  const secondValidated = await post(validated.app);
  for (let i = 0; i < 200; i++) {
    await post(validated.app);
    await post(bare.app);
  }
  const times = { validated: [] as number[], bare: [] as number[] };
  const BLOCK = 100;
  for (let done = 0; done < SEQUENTIAL; done += BLOCK) {
    for (let i = 0; i < BLOCK; i++) times.validated.push(await post(validated.app));
    for (let i = 0; i < BLOCK; i++) times.bare.push(await post(bare.app));
  }
  await validated.close();
  await bare.close();
  return { times, firstValidated, secondValidated, firstBare };
}

async function startUp() {
  const times = { validated: [] as number[], bare: [] as number[] };
  for (let i = 0; i < 5; i++) {
    for (const [side, plugins] of [['bare', WITHOUT], ['validated', WITH]] as const) {
      const t = performance.now();
      const app = await createApp({ plugins });
      times[side].push(performance.now() - t);
      await app.close();
    }
  }
  return { validated: median(times.validated), bare: median(times.bare) };
}

const start = await startUp();
const http = await overHttp();
const seq = await inProcess();
const out = [
  `POST /api/scriptpackages, ${CONNECTIONS} connections, ${DURATION} s x ${ROUNDS} rounds (medians of rounds); ${SEQUENTIAL} sequential in-process requests per side`,
  '',
  '| measure | with validation | without (baseline) | ratio |',
  '|---|---|---|---|',
  `| HTTP throughput (req/s) | ${f(http.validated.rps)} | ${f(http.bare.rps)} | ${f(http.ratio, 2)} |`,
  `| HTTP latency p50 / p99 (ms) | ${http.validated.p50} / ${http.validated.p99} | ${http.bare.p50} / ${http.bare.p99} | |`,
  `| in-process latency median (µs) | ${f(median(seq.times.validated) * 1000)} | ${f(median(seq.times.bare) * 1000)} | ${f(median(seq.times.validated) / median(seq.times.bare), 2)} |`,
  `| in-process latency p90 (µs) | ${f(pct(seq.times.validated, 0.9) * 1000)} | ${f(pct(seq.times.bare, 0.9) * 1000)} | |`,
  `| createApp() (ms, median of 5) | ${f(start.validated, 1)} | ${f(start.bare, 1)} | ${f(start.validated / start.bare, 2)} |`,
  `| first request of the operation (ms) | ${f(seq.firstValidated, 1)} (second: ${f(seq.secondValidated, 2)}) | ${f(seq.firstBare, 1)} | |`,
];
console.log(out.join('\n'));
