// Sustained writes against a file-backed store: `npx tsx bench/store-writes.bench.ts`
// A client updates one record every millisecond for 4 s. Reported: how many times the file was rewritten, how
// busy the event loop was (ELU) and how late timers ran (event-loop delay), for the store's adaptive debounce and,
// as the baseline, a fixed 50 ms rewrite loop doing the same snapshot + stringify + atomic write.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DataFile } from 'lowdb/node';
import { createStore, type Data, type Rec, type Store } from '../src/store/index.ts';

const SECONDS = 4;

function makeData(n: number): Data {
  const records: Rec[] = [];
  for (let i = 0; i < n; i++) {
    records.push({
      Id: randomUUID(), Name: `Script ${i}`, Description: `Checks feature ${i % 997}`, ProjectId: `p${i % 100}`,
      ParentId: null, Status: 'Draft', Number: i, Priority: i % 4, Estimate: 1.5, Archived: false,
      CreatedAt: new Date(1_700_000_000_000 + i).toISOString(), CreatedBy: 'kim', UpdatedAt: null, Tags: ['a'], OrderIndex: i,
    });
  }
  return { Script: records };
}

interface Result { writes: number; updates: number; elu: number; p50: number; p99: number; max: number }

/** Updates one record per ms for SECONDS while `writer` persists; measures the event loop meanwhile. */
async function drive(store: Store, ids: string[], countWrites: () => number): Promise<Result> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const writesBefore = countWrites();
  histogram.enable();
  const elu0 = performance.eventLoopUtilization();
  let updates = 0;
  const until = performance.now() + SECONDS * 1000;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      store.collection('Script').update(ids[updates % ids.length]!, { Status: `s${updates}` });
      updates++;
      if (performance.now() >= until) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const elu = performance.eventLoopUtilization(elu0).utilization;
  histogram.disable();
  return {
    writes: countWrites() - writesBefore, updates, elu,
    p50: histogram.percentile(50) / 1e6, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6,
  };
}

/** Baseline: a fixed 50 ms loop that rewrites the whole file whenever something changed. */
function fixedLoop(store: Store, file: string): { stop: () => Promise<void>; writes: () => number } {
  let writes = 0;
  let lastVersion = store.version;
  let busy: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (busy || store.version === lastVersion) return;
    lastVersion = store.version;
    const text = JSON.stringify(store.snapshot());
    writes++;
    busy = writeFile(`${file}.tmp`, text).then(() => rename(`${file}.tmp`, file)).finally(() => (busy = undefined));
  }, 50);
  return { stop: async () => { clearInterval(timer); await busy; }, writes: () => writes };
}

let adapterWrites = 0;
const original = DataFile.prototype.write;
DataFile.prototype.write = function (this: DataFile<unknown>, data: unknown) {
  adapterWrites++;
  return original.call(this, data);
};

const fmt = (r: Result) =>
  `${r.writes} | ${r.updates.toLocaleString('en')} | ${(r.elu * 100).toFixed(0)}% | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.max.toFixed(0)} ms`;

console.log(`Node ${process.version}; one update per ms for ${SECONDS} s\n`);
console.log('| records | persistence | file writes | updates done | event loop busy | delay p50 | delay p99 | delay max |\n|---|---|---|---|---|---|---|---|');
for (const n of [1_000, 100_000]) {
  const data = makeData(n);
  const ids = data.Script!.map((r) => r.Id);
  const dir = await mkdtemp(path.join(tmpdir(), 'et-fake-writes-'));

  const store = await createStore({ start: data, file: path.join(dir, 'db.json') });
  const adaptive = await drive(store, ids, () => adapterWrites);
  await store.close();
  console.log(`| ${n.toLocaleString('en')} | store (debounce 50 ms, adaptive) | ${fmt(adaptive)} |`);

  const memory = await createStore({ start: data });
  const loop = fixedLoop(memory, path.join(dir, 'fixed.json'));
  const fixed = await drive(memory, ids, loop.writes);
  await loop.stop();
  console.log(`| ${n.toLocaleString('en')} | baseline: fixed 50 ms rewrite loop | ${fmt(fixed)} |`);
  await rm(dir, { recursive: true, force: true });
}
