// What each plug-in costs a request, in process: `npx tsx bench/peers/plugin-costs.ts [--quick]`.
// The same requests through app.fetch() against fakes built with every default plug-in, with each one left
// out in turn, and with none; blocks of requests alternate between the fakes so load from elsewhere hits them
// alike, and each block is timed in CPU time (process.cpuUsage), which time the process spends waiting for the
// core does not inflate. Prints the median µs per request of each and the difference to "every plug-in". A tool for finding
// per-request cost; the numbers that count are the out-of-process ones of bench/peers.bench.ts.
import { createApp, type FakeApp } from '../../src/server/app.ts';
import { DEFAULT_PLUGINS } from '../../src/server/options.ts';
import { defaultData } from '../../src/server/data.ts';
import { BENCH_PROJECT as PROJECT, benchPackages } from './packages.ts';
import { median } from '../harness.ts';
import type { Data } from '../../src/store/index.ts';

const QUICK = process.argv.includes('--quick');
const SIZE = Number(process.env.BENCH_SIZE ?? 0);
const BLOCK = 200;
const BLOCKS = QUICK ? 10 : 30;
const AUTH = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;

const data: Data = await defaultData();
let id = data.ScriptPackage!.find((p) => p.Name === 'Regression')!.Id;
if (SIZE) {
  const extra = benchPackages(SIZE);
  data.ScriptPackage = [...data.ScriptPackage!, ...extra];
  id = extra[SIZE >> 1]!.Id;
}

const configs: [string, string[] | false][] = [
  ['every plug-in', DEFAULT_PLUGINS],
  ...DEFAULT_PLUGINS.map((p): [string, string[]] => [`without ${p}`, DEFAULT_PLUGINS.filter((q) => q !== p)]),
  ['none', false],
  ['every plug-in (again)', DEFAULT_PLUGINS], // the same as the first: shows what position in the rotation does
];
const apps: [string, FakeApp][] = [];
// BENCH_ALL_ONLY=1: only the fake with every plug-in (for before/after runs of two checkouts).
for (const [name, plugins] of process.env.BENCH_ALL_ONLY ? configs.slice(0, 1) : configs) apps.push([name, await createApp({ fixtures: data, plugins })]);

const ops: [string, (i: number) => Request][] = [
  ['GET by id', () => new Request(`http://localhost/api/scriptpackage/${id}`, { headers: { Authorization: AUTH } })],
  ['page', () => new Request('http://localhost/api/scriptpackages?$top=25', { headers: { Authorization: AUTH } })],
  ['TQL page', () => new Request(`http://localhost/api/scriptpackages?tql=${encodeURIComponent("Name ~ 'package' ORDER BY Name DESC")}&$top=25`, { headers: { Authorization: AUTH } })],
  [
    'POST',
    (i) =>
      new Request('http://localhost/api/scriptpackages', {
        method: 'POST',
        headers: { Authorization: AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ Name: `Posted ${i}`, ProjectId: PROJECT }),
      }),
  ],
];

for (const [opName, make] of ops) {
  if (process.env.BENCH_OPS && !process.env.BENCH_OPS.split(',').includes(opName)) continue;
  const per = new Map<string, number[]>(apps.map(([n]) => [n, []]));
  let n = 0;
  for (let b = -2; b < BLOCKS; b++) {
    for (const [name, fake] of apps) {
      const t0 = process.cpuUsage();
      for (let i = 0; i < BLOCK; i++) {
        const res = await fake.app.fetch(make(n++));
        await res.arrayBuffer();
        if (res.status >= 300) throw new Error(`${name} ${opName}: ${res.status}`);
      }
      const used = process.cpuUsage(t0);
      if (b >= 0) per.get(name)!.push((used.user + used.system) / BLOCK);
    }
  }
  const all = median(per.get('every plug-in')!);
  console.log(`\n${opName}${SIZE ? ` (+${SIZE} packages)` : ''}: CPU µs per request (median of ${BLOCKS} blocks of ${BLOCK})`);
  for (const [name] of apps) {
    const m = median(per.get(name)!);
    console.log(`${name.padEnd(26)} ${m.toFixed(1).padStart(7)}  ${name === 'every plug-in' ? '' : `${(all - m).toFixed(1).padStart(6)} saved`}`);
  }
}
for (const [, fake] of apps) await fake.close();
