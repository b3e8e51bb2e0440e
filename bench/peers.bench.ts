// Side by side, out of process: `npm run bench:peers` (about 12 minutes; `-- --quick` for about 3). Every server
// runs in its own process pinned to core 0 (taskset), the load generator (autocannon, bench/peers/load.mjs) in
// its own process pinned to core 1, and this script, idle while a run goes on, on core 1 too. The targets take
// turns on every operation, round after round, so load from elsewhere on the machine hits them alike:
//   ceiling     a bare Hono handler answering a fixed body: the fake's own answer for the same URL
//   et-fake     `node src/bin.js serve` as `npm start` runs it, every default plug-in on
//   prism       Stoplight Prism mocking generated/openapi.json (stateless: it answers the documented examples)
//   json-server json-server 0.17 over the same entities, kept in memory
// Each figure comes with its ratio to the ceiling's in the same round (medians over the rounds).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServe } from '../src/compile/bundle.ts';
import { defaultData } from '../src/server/data.ts';
import { BENCH_PROJECT as PROJECT, benchPackages } from './peers/packages.ts';
import { median, startPinned, stopChild } from './harness.ts';
import type { Data } from '../src/store/index.ts';

const QUICK = process.argv.includes('--quick');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 3));
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 1 : 3));
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2); // seconds, first round only: the fake has far more code to compile than the ceiling
const CONNECTIONS = 50;
const COLD_STARTS = QUICK ? 1 : 3;
const SIZES = (process.env.BENCH_SIZES ?? 'default,100000').split(',');
const ONLY = process.env.BENCH_TARGETS?.split(',');
const SERVER_CORE = '0';
const LOAD_CORE = '1';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const AUTH = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;
const TQL = "Name ~ 'package' ORDER BY Name DESC";

interface Op {
  name: string;
  method: 'GET' | 'POST';
  /** Path and query on the ET-shaped targets (ceiling, et-fake, prism) and on json-server. */
  et: string;
  js: string;
  body?: string;
  /** The paths hold `{i}` or `{hex12}`: each request fills in the next of this many values (no kept answer). */
  vary?: number;
}

/** A concrete path of a varying operation (its first value), for probes. */
const firstPath = (p: string) => p.replace('{i}', '0').replace('{hex12}', '0'.padStart(12, '0'));

function operations(id: string, extra: number): Op[] {
  // Repeated GETs of an unchanged store are kept answers (src/server/engine/memos/answers.ts); these rows ask for
  // something new each time, which the fake has to compute: a package of the 100,000 (ids as dataset() makes
  // them), and TQL pages at 4,000 different offsets.
  const varying: Op[] = extra
    ? [
        {
          name: 'GET by id, another package each time',
          method: 'GET',
          et: '/api/scriptpackage/00000000-0000-4000-8000-{hex12}',
          js: '/scriptpackages/00000000-0000-4000-8000-{hex12}',
          vary: Math.min(extra, 50_000),
        },
      ]
    : [];
  return [
    { name: 'GET by id', method: 'GET', et: `/api/scriptpackage/${id}`, js: `/scriptpackages/${id}` },
    ...varying,
    { name: 'collection page ($top=25)', method: 'GET', et: '/api/scriptpackages?$top=25', js: '/scriptpackages?_page=1&_limit=25' },
    {
      name: `TQL filter + sort, page of 25`,
      method: 'GET',
      et: `/api/scriptpackages?tql=${encodeURIComponent(TQL)}&$top=25`,
      js: '/scriptpackages?Name_like=package&_sort=Name&_order=desc&_page=1&_limit=25',
    },
    {
      name: 'POST (create a package)',
      method: 'POST',
      et: '/api/scriptpackages',
      js: '/scriptpackages',
      body: JSON.stringify({ Name: 'Posted {n}', ProjectId: PROJECT }),
    },
    {
      name: 'TQL filter + sort, another page each time',
      method: 'GET',
      et: `/api/scriptpackages?tql=${encodeURIComponent(TQL)}&$top=25&$skip={i}`,
      js: '/scriptpackages?Name_like=package&_sort=Name&_order=desc&_start={i}&_limit=25',
      vary: 4_000,
    },
  ];
}

/** The default data, or it plus `n` script packages at the root of one project; and a package id to GET. */
async function dataset(size: string): Promise<{ data: Data; id: string; label: string }> {
  const data = await defaultData();
  if (size === 'default') {
    const id = data.ScriptPackage!.find((p) => p.Name === 'Regression')?.Id ?? data.ScriptPackage![0]!.Id;
    return { data, id, label: `default (${Object.values(data).reduce((s, l) => s + l.length, 0)} records)` };
  }
  const n = Number(size);
  const extra = benchPackages(n);
  return { data: { ...data, ScriptPackage: [...data.ScriptPackage!, ...extra] }, id: extra[n >> 1]!.Id, label: `+${n.toLocaleString('en')} packages` };
}

/** json-server's routes are its collection names: ScriptPackage -> scriptpackages. */
const jsonServerDb = (data: Data) => Object.fromEntries(Object.entries(data).map(([entity, records]) => [`${entity.toLowerCase()}s`, records]));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Target {
  name: string;
  /** Command line (after `node`) for a port and the run's files. */
  argv(port: number, files: { fixtures: string; db: string }): string[];
  path(op: Op): string;
  /** Only these operations (a reference for some rows only); every operation when absent. */
  only?: Op['method'];
}

const TARGETS: Target[] = [
  { name: 'ceiling', argv: (port) => ['bench/peers/ceiling.mjs', String(port)], path: (op) => op.et },
  // What the HTTP stack itself costs a create: the ceiling reading and parsing each body, keeping it and
  // answering with a new id and a Location (bench/peers/ceiling.mjs --create). POST rows only.
  { name: 'bare create', argv: (port) => ['bench/peers/ceiling.mjs', String(port), '--create'], path: (op) => op.et, only: 'POST' },
  {
    name: 'et-fake',
    argv: (port, f) => ['src/bin.js', 'serve', '--port', String(port), ...(f.fixtures ? ['--fixtures', f.fixtures] : [])],
    path: (op) => op.et,
  },
  { name: 'prism', argv: (port) => ['node_modules/@stoplight/prism-cli/dist/index.js', 'mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'warn', 'generated/openapi.json'], path: (op) => op.et },
  {
    name: 'json-server',
    argv: (port) => ['node_modules/json-server/lib/cli/bin.js', 'bench/peers/json-server-db.cjs', '--host', '127.0.0.1', '--port', String(port), '--id', 'Id', '--quiet'],
    path: (op) => op.js,
  },
];
// BENCH_BASELINE=DIR: another checkout of the fake (an earlier commit, with node_modules) as one more target,
// for before/after numbers from the same run.
const BASELINE = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : undefined;
const FAKE = TARGETS.findIndex((t) => t.name === 'et-fake');
if (BASELINE) TARGETS.splice(FAKE + 1, 0, { ...TARGETS[FAKE]!, name: 'et-fake before', argv: (port, f) => [path.join(BASELINE, 'src/bin.js'), ...TARGETS[FAKE]!.argv(port, f).slice(1)] });
const ACTIVE = TARGETS.filter((t) => !ONLY || t.name === 'ceiling' || ONLY.includes(t.name));
const OPS = process.env.BENCH_OPS?.split(',');

interface Running {
  target: Target;
  origin: string;
  child: ChildProcess;
  stderr: string[];
}

/** Starts a server pinned to the server core and resolves at its first 200 for `probe` (spawn -> 200 in ms). */
async function launch(target: Target, files: { fixtures: string; db: string }, probe: string): Promise<{ run: Running; ms: number }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const { child, ms, stderr } = await startPinned({ argv: target.argv(port, files), core: SERVER_CORE, cwd: ROOT, origin, probe, headers: { Authorization: AUTH }, env: { PEERS_DB: files.db }, timeoutMs: 120_000 });
  return { run: { target, origin, child, stderr }, ms };
}

const stop = (run: Running): Promise<void> => stopChild(run.child);

/** CPU time (ms) a process has used so far. */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
}

/**
 * Waits until no server uses CPU (two readings 100 ms apart agree): a target must not start while another
 * still works off requests from its run (abandoned at the end of a timed run) or collects garbage.
 */
async function quiesce(runs: Iterable<Running>): Promise<void> {
  const pids = [...runs].map((r) => r.child.pid!);
  let before = await Promise.all(pids.map(cpuMs));
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await Promise.all(pids.map(cpuMs));
    if (now.every((t, j) => t - before[j]! <= 10)) return;
    before = now;
  }
}

async function rssMb(run: Running): Promise<number> {
  const status = await readFile(`/proc/${run.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

interface Load {
  rps: number;
  /** The server's CPU time per request in µs (from /proc), which waiting for a busy core does not inflate. */
  cpu: number;
  p50: number;
  p99: number;
  loadCpu: number;
}

function load(run: Running, op: Op, connections: number, duration: number, warmup: number, amount?: number): Promise<Load> {
  const config = {
    origin: run.origin,
    path: run.target.path(op),
    vary: op.vary,
    method: op.method,
    headers: { Authorization: AUTH, ...(op.body ? { 'content-type': 'application/json' } : {}) },
    body: op.body,
    connections,
    duration,
    warmup,
    amount,
  };
  const cpuBefore = cpuMs(run.child.pid!);
  return new Promise((resolve, reject) => {
    const child = spawn('taskset', ['-c', LOAD_CORE, process.execPath, 'bench/peers/load.mjs', JSON.stringify(config)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.once('exit', async (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      const r = JSON.parse(out);
      r.cpu = ((await cpuMs(run.child.pid!)) - (await cpuBefore)) * 1000 / r.requests;
      if (process.env.BENCH_VERBOSE) process.stderr.write(`${run.target.name} ${op.name} c=${connections}: ${out}`);
      if (r.non2xx || r.errors) return reject(new Error(`${run.target.name} ${op.method} ${config.path}: ${r.non2xx} non-2xx, ${r.errors} errors`));
      resolve(r);
    });
  });
}

/** The fake's own answer for an operation: what the ceiling serves for it. */
async function fakeAnswer(fake: Running, op: Op): Promise<{ status: number; body: string }> {
  const res = await fetch(fake.origin + firstPath(fake.target.path(op)), {
    method: op.method,
    headers: { Authorization: AUTH, ...(op.body ? { 'content-type': 'application/json' } : {}) },
    body: op.body?.replace('{n}', 'probe'),
  });
  return { status: res.status, body: await res.text() };
}

const f0 = (n: number) => Math.round(n).toLocaleString('en');
const f2 = (n: number) => (!Number.isFinite(n) ? '—' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (n: number) => (!Number.isFinite(n) ? '—' : n >= 100 ? n.toFixed(0) : n.toFixed(2));

async function main() {
  // This script stays off the server core; the bundle `npm start` would run is rebuilt first.
  const cpus = execFileSync('nproc').toString().trim();
  execFileSync('taskset', ['-a', '-p', '-c', LOAD_CORE, String(process.pid)], { stdio: 'ignore' });
  await bundleServe(ROOT);
  // The baseline's bundle is made by its own bundler: this checkout's would build it the way this one does.
  if (BASELINE) execFileSync(process.execPath, ['--import', 'tsx', 'src/compile/bundle.ts'], { cwd: BASELINE, stdio: 'ignore' });
  const dir = await mkdtemp(path.join(tmpdir(), 'et-fake-peers-'));
  const throughputRows: string[] = [];
  const latencyRows: string[] = [];
  const processRows: string[] = [];
  let loadCpuMax = 0;
  try {
    for (const size of SIZES) {
      const { data, id, label } = await dataset(size);
      const files = { fixtures: size === 'default' ? '' : path.join(dir, `fixtures-${size}.json`), db: path.join(dir, `db-${size}.json`) };
      if (files.fixtures) await writeFile(files.fixtures, JSON.stringify(data));
      await writeFile(files.db, JSON.stringify(jsonServerDb(data)));
      const ops = operations(id, size === 'default' ? 0 : Number(size)).filter((op, i) => !OPS || OPS.some((o) => op.name.startsWith(o)) || i === 0);
      // Cold start: spawn -> first 200 of GET by id, COLD_STARTS times each; the last process stays for the loads.
      const runs = new Map<string, Running>();
      const cold = new Map<string, number[]>();
      for (let i = 0; i < COLD_STARTS; i++) {
        for (const target of ACTIVE) {
          const { run, ms } = await launch(target, files, firstPath(target.path(ops[0]!)));
          (cold.get(target.name) ?? cold.set(target.name, []).get(target.name)!).push(ms);
          if (i < COLD_STARTS - 1) await stop(run);
          else runs.set(target.name, run);
        }
      }
      const ceiling = runs.get('ceiling')!;
      const fake = runs.get('et-fake');
      try {
        for (const op of ops) {
          if (fake) {
            const answer = await fakeAnswer(fake, op);
            for (const t of ['ceiling', 'bare create']) {
              const r = runs.get(t);
              if (r) await fetch(`${r.origin}/__ceiling`, { method: 'PUT', body: JSON.stringify(answer) });
            }
          }
          const targets = ACTIVE.filter((t) => !t.only || t.only === op.method);
          const slowTargets = new Set<string>();
          for (const target of targets) {
            const times: number[] = [];
            for (let i = 0; i < 3; i++) {
              const t0 = performance.now();
              await fakeAnswer(runs.get(target.name)!, op);
              times.push(performance.now() - t0);
            }
            if (Math.min(...times) > 50) slowTargets.add(target.name);
          }
          const loaded = new Map<string, { rps: number[]; p50: number[]; p99: number[]; r: number[]; r50: number[]; r99: number[]; cpu: number[]; rc: number[] }>();
          const alone = new Map<string, { p50: number[]; p99: number[]; r50: number[]; r99: number[] }>();
          for (let round = 0; round < ROUNDS; round++) {
            let base: Load | undefined;
            let baseAlone: Load | undefined;
            for (const target of targets) {
              const run = runs.get(target.name)!;
              const warm = round === 0 ? WARMUP : 0;
              // A target slower than 50 ms a request (Prism, here) gets a fixed number of requests (3 alone, then
              // one per connection), in the first round only: a timed run would end before its first answers.
              const slow = slowTargets.has(target.name);
              if (slow && round > 0) continue;
              await quiesce(runs.values());
              const a = await load(run, op, 1, QUICK ? 0.5 : 1, slow ? 0 : warm, slow ? 3 : undefined);
              await quiesce(runs.values());
              const l = await load(run, op, CONNECTIONS, SECONDS, slow ? 0 : warm, slow ? CONNECTIONS : undefined);
              if (target.name === 'ceiling') {
                base = l;
                baseAlone = a;
                loadCpuMax = Math.max(loadCpuMax, l.loadCpu);
              }
              const m = loaded.get(target.name) ?? loaded.set(target.name, { rps: [], p50: [], p99: [], r: [], r50: [], r99: [], cpu: [], rc: [] }).get(target.name)!;
              m.rps.push(l.rps), m.p50.push(l.p50), m.p99.push(l.p99);
              m.r.push(l.rps / base!.rps), m.r50.push(l.p50 / base!.p50), m.r99.push(l.p99 / base!.p99);
              m.cpu.push(l.cpu), m.rc.push(base!.cpu / l.cpu);
              const s = alone.get(target.name) ?? alone.set(target.name, { p50: [], p99: [], r50: [], r99: [] }).get(target.name)!;
              s.p50.push(a.p50), s.p99.push(a.p99), s.r50.push(a.p50 / baseAlone!.p50), s.r99.push(a.p99 / baseAlone!.p99);
            }
          }
          for (const target of targets) {
            const m = loaded.get(target.name)!;
            const s = alone.get(target.name)!;
            throughputRows.push(
              `| ${label} | ${op.name} | ${target.name} | ${f0(median(m.rps))} | **${ratio(median(m.r))}** | ${f2(median(m.p50))} (${ratio(median(m.r50))}) | ${f2(median(m.p99))} (${ratio(median(m.r99))}) | ${f2(median(m.cpu))} (${ratio(median(m.rc))}) |`,
            );
            latencyRows.push(
              `| ${label} | ${op.name} | ${target.name} | ${f2(median(s.p50))} (${ratio(median(s.r50))}) | ${f2(median(s.p99))} (${ratio(median(s.r99))}) |`,
            );
          }
          process.stderr.write(`${label}: ${op.name} done\n`);
        }
        const baseRss = await rssMb(ceiling);
        const baseCold = median(cold.get('ceiling')!);
        for (const target of ACTIVE.filter((t) => !t.only)) {
          const rss = await rssMb(runs.get(target.name)!);
          const c = median(cold.get(target.name)!);
          processRows.push(`| ${label} | ${target.name} | ${f0(rss)} (${ratio(rss / baseRss)}) | ${f0(c)} (${ratio(c / baseCold)}) |`);
        }
      } finally {
        for (const run of runs.values()) await stop(run);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(
    `\n${QUICK ? 'QUICK run' : 'Full run'}: ${ROUNDS} round(s) of ${SECONDS} s per target and operation (targets alternated), ${CONNECTIONS} connections, ` +
      `no pipelining, keep-alive, Basic auth header on every request; servers on core ${SERVER_CORE}, autocannon on core ${LOAD_CORE} (of ${cpus}); ` +
      `Node ${process.version}. Ratios in parentheses or bold: target / ceiling of the same round, median over rounds. ` +
      `The load generator was at most ${(loadCpuMax * 100).toFixed(0)}% busy against the ceiling.\n`,
  );
  console.log(`Throughput, ${CONNECTIONS} connections (req/s: higher is better; latency: lower is better)\n`);
  console.log('| data | operation | target | req/s | ×ceiling | p50 ms (×) | p99 ms (×) | server CPU µs/request (ceiling ÷ target) |\n|---|---|---|---|---|---|---|---|');
  console.log(throughputRows.join('\n'));
  console.log('\nLatency of one request at a time (1 connection)\n');
  console.log('| data | operation | target | p50 ms (×) | p99 ms (×) |\n|---|---|---|---|---|');
  console.log(latencyRows.join('\n'));
  console.log(`\nProcess: RSS after the runs, cold start (spawn -> first 200 of GET by id, median of ${COLD_STARTS})\n`);
  console.log('| data | target | RSS MB (×) | cold start ms (×) |\n|---|---|---|---|');
  console.log(processRows.join('\n'));
}

await main();
