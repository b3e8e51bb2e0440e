// Sustained writes against a file-backed store: `npx tsx bench/store-writes.bench.ts` (ROUNDS=n, default 3)
// A client updates one record every millisecond for 4 s. Reported per persistence, median of the rounds: how busy
// the event loop was (ELU), how late timers ran (event-loop delay: a stall shows as its max), and the write
// latency, from the update to the moment it is on disk (flush() resolving; for the baseline, the file rewrite
// holding it being done). The baseline, in the same run, is the persistence the store had before the change log:
// rewrite the whole file (snapshot + stringify + temp + rename) on an adaptive debounce of max(50 ms, 4x the time
// the last rewrite held the event loop). A third row, memory only, is the floor: what the machine's own noise
// (other processes, GC) does to the same loop.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createStore, type Data, type Rec, type Store } from '../src/store/index.ts';

const SECONDS = 4;
const ROUNDS = Number(process.env.ROUNDS ?? 3);
/** Small enough that the change log is compacted into the data file several times in a round at 100,000 records. */
const COMPACT_BYTES = 256 * 1024;

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

interface Result { updates: number; elu: number; p99: number; max: number; writeP50: number; writeP99: number; writeMax: number }

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/** Updates one record per ms for SECONDS; `durable()` resolves when that update is on disk. */
async function drive(store: Store, ids: string[], durable: () => Promise<void>): Promise<Result> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const elu0 = performance.eventLoopUtilization();
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  let updates = 0;
  const until = performance.now() + SECONDS * 1000;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const began = performance.now();
      store.collection('Script').update(ids[updates % ids.length]!, { Status: `s${updates}` });
      updates++;
      inFlight.push(durable().then(() => void latencies.push(performance.now() - began)));
      if (performance.now() >= until) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const elu = performance.eventLoopUtilization(elu0).utilization;
  histogram.disable();
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  return {
    updates, elu, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6,
    writeP50: percentile(latencies, 50), writeP99: percentile(latencies, 99), writeMax: latencies.at(-1)!,
  };
}

/** The old persistence: one debounced whole-file rewrite for a burst of writes, waiting longer when it was slow. */
function wholeFileRewrites(store: Store, file: string): { written: () => Promise<void>; stop: () => Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let blockedMs = 0;
  let waiting: (() => void)[] = [];
  let chain = Promise.resolve(); // one rewrite at a time
  const write = () =>
    (chain = chain.then(async () => {
      timer = undefined;
      if (waiting.length === 0) return;
      const done = waiting;
      waiting = [];
      const began = performance.now();
      const text = JSON.stringify(store.snapshot());
      blockedMs = performance.now() - began;
      await writeFile(`${file}.tmp`, text);
      await rename(`${file}.tmp`, file);
      for (const resolve of done) resolve();
      if (waiting.length > 0) schedule();
    }));
  const schedule = () => {
    timer ??= setTimeout(() => void write(), Math.max(50, 4 * blockedMs));
  };
  return {
    written: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        schedule();
      }),
    stop: async () => {
      clearTimeout(timer);
      await write();
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const row = (rs: Result[]) => {
  const m = (f: (r: Result) => number) => median(rs.map(f));
  return `${m((r) => r.updates).toLocaleString('en')} | ${(m((r) => r.elu) * 100).toFixed(0)}% | ${m((r) => r.p99).toFixed(1)} ms | ${m((r) => r.max).toFixed(0)} ms | ${m((r) => r.writeP50).toFixed(1)} ms | ${m((r) => r.writeP99).toFixed(1)} ms | ${m((r) => r.writeMax).toFixed(0)} ms`;
};

console.log(`Node ${process.version}; one update per ms for ${SECONDS} s; medians of ${ROUNDS} rounds; load average ${loadavg()[0]!.toFixed(1)} at the start\n`);
console.log('| records | persistence | updates done | event loop busy | delay p99 | delay max (longest stall) | write p50 | write p99 | write max |\n|---|---|---|---|---|---|---|---|---|');
for (const n of [1_000, 100_000]) {
  const data = makeData(n);
  const ids = data.Script!.map((r) => r.Id);
  const logged: Result[] = [];
  const rewritten: Result[] = [];
  const memoryOnly: Result[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const dir = await mkdtemp(path.join(tmpdir(), 'et-fake-writes-'));
    const store = await createStore({ start: data, file: path.join(dir, 'db.json'), compactBytes: COMPACT_BYTES });
    logged.push(await drive(store, ids, () => store.flush()));
    await store.close();

    const memory = await createStore({ start: data });
    const baseline = wholeFileRewrites(memory, path.join(dir, 'whole.json'));
    rewritten.push(await drive(memory, ids, baseline.written));
    await baseline.stop();
    // The floor: the same load with nothing persisted, showing the stalls the machine itself causes.
    memoryOnly.push(await drive(await createStore({ start: data }), ids, () => Promise.resolve()));
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`| ${n.toLocaleString('en')} | store: change log, fsync'd batches, compaction every ${COMPACT_BYTES / 1024} KiB | ${row(logged)} |`);
  console.log(`| ${n.toLocaleString('en')} | baseline: whole-file rewrite, adaptive debounce (before) | ${row(rewritten)} |`);
  console.log(`| ${n.toLocaleString('en')} | floor: memory only, nothing written | ${row(memoryOnly)} |`);
}
