// Cold start alone: `npx tsx bench/cold-start.bench.ts` (about 10 s; RUNS=n, default 7). Spawns `node src/bin.js
// serve` (the serve bundle, rebuilt first) pinned to core 0, polls GET by id every 2 ms from core 1, and prints
// the median time from spawn to the first 200, at the default data and holding 100,000 extra packages (the
// side-by-side bench's data set, from a fixtures file), next to the bare Hono ceiling of the same run.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServe } from '../src/compile/bundle.ts';
import { defaultData } from '../src/server/data.ts';
import { median, startPinned, stopChild } from './harness.ts';
import { benchPackages } from './peers/packages.ts';

const RUNS = Number(process.env.RUNS ?? 7);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const AUTH = `Basic ${Buffer.from('Administrator:password').toString('base64')}`;

async function coldStart(argv: string[], probe: string, port: number): Promise<number> {
  const args = [...argv, ...(argv[0]!.endsWith('ceiling.mjs') ? [String(port)] : ['--port', String(port)])];
  const { child, ms } = await startPinned({ argv: args, core: '0', cwd: ROOT, origin: `http://127.0.0.1:${port}`, probe, headers: { Authorization: AUTH }, timeoutMs: 60_000 });
  await stopChild(child);
  return ms;
}

execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
await bundleServe(ROOT);
const dir = await mkdtemp(path.join(tmpdir(), 'et-fake-cold-'));
try {
  const data = await defaultData();
  const regression = data.ScriptPackage!.find((p) => p.Name === 'Regression')!.Id;
  const extra = benchPackages(100_000);
  const fixtures = path.join(dir, 'fixtures-100000.json');
  await writeFile(fixtures, JSON.stringify({ ...data, ScriptPackage: [...data.ScriptPackage!, ...extra] }));
  const cases = [
    { label: 'ceiling', argv: ['bench/peers/ceiling.mjs'], probe: '/' },
    { label: 'et-fake, default data', argv: ['src/bin.js', 'serve'], probe: `/api/scriptpackage/${regression}` },
    { label: 'et-fake, +100,000 packages', argv: ['src/bin.js', 'serve', '--fixtures', fixtures], probe: `/api/scriptpackage/${extra[50_000]!.Id}` },
  ];
  const times = new Map<string, number[]>(cases.map((c) => [c.label, []]));
  let port = 19_400;
  // The cases take turns, so load from elsewhere on the machine hits them alike.
  for (let i = 0; i < RUNS; i++) for (const c of cases) times.get(c.label)!.push(await coldStart(c.argv, c.probe, port++));
  const base = median(times.get('ceiling')!);
  console.log(`cold start, spawn -> first 200, median of ${RUNS} (Node ${process.version})`);
  for (const c of cases) {
    const m = median(times.get(c.label)!);
    console.log(`${c.label.padEnd(28)} ${m.toFixed(0).padStart(5)} ms  (${(m / base).toFixed(2)} x ceiling; runs ${times.get(c.label)!.map((t) => t.toFixed(0)).join(' ')})`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
