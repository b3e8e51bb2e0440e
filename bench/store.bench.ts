// Store benchmark at 100,000 records of 15 fields: `npx tsx --expose-gc bench/store.bench.ts`
// Each measurement is a median over several rounds, next to a baseline measured here on the same data
// (a plain Map / Array.filter / full copy), so the numbers can be compared across machines as ratios.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStore, type Data, type Rec, type Store } from '../src/store/index.ts';

const N = 100_000;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median wall time of `fn` in ms over `rounds` runs (after one warm-up run). */
function time(rounds: number, fn: (round: number) => void): number {
  fn(-1);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    fn(r);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(1)} ms`);
const rows: [string, string, string, string][] = [];
function report(what: string, store: number, baselineName: string, baseline: number, unit = fmt): void {
    const ratio = store / baseline;
  const shown = ratio >= 0.1 ? `${ratio.toFixed(2)}×` : `1/${Math.round(1 / ratio).toLocaleString('en')}`;
  rows.push([what, unit(store), `${baselineName}: ${unit(baseline)}`, shown]);
}

function makeData(): Data {
  const projects = Array.from({ length: 100 }, () => randomUUID());
  const statuses = ['Draft', 'Approved', 'In Progress', 'Passed', 'Failed'];
  const records: Rec[] = [];
  for (let i = 0; i < N; i++) {
    records.push({
      Id: randomUUID().toUpperCase(),
      Name: `Script ${i}`,
      Description: `Checks feature ${i % 997} of the product`,
      ProjectId: projects[i % projects.length]!,
      ParentId: i % 10 === 0 ? null : records[i - (i % 10)]!.Id,
      Status: statuses[i % statuses.length]!,
      Number: i + 1,
      Priority: i % 4,
      Estimate: (i % 50) * 0.5,
      Archived: i % 13 === 0,
      CreatedAt: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
      CreatedBy: `user${i % 40}`,
      UpdatedAt: null,
      Tags: ['smoke', `t${i % 7}`],
      OrderIndex: i,
    });
  }
  return { ScriptPackage: [], Script: records, Project: projects.map((Id) => ({ Id, Name: Id.slice(0, 8) })) };
}

const mem = () => {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
};
const memStart = mem();
const data = makeData();
const records = data.Script!;
const memData = mem();

// --- memory first, while the process is fresh (later timing runs leave garbage that RSS does not give back)
const memoryStore = await createStore({ start: data });
const memStore = mem();
memoryStore.collection('Script').where('ProjectId', 'x');
memoryStore.collection('Script').where('Status', 'x');
const memIndexes = mem();
let sandboxes: Store[] = [];
for (let f = 0; f < 1000; f++) {
  const s = memoryStore.fork();
  const c = s.collection('Script');
  c.insert({ ...records[f]!, Id: randomUUID() });
  c.update(records[(f * 31) % N]!.Id, { Status: 'Passed' });
  c.update(records[(f * 37) % N]!.Id, { Name: `sandbox ${f}` });
  c.remove(records[(f * 41) % N]!.Id);
  s.collection('Project').insert({ Id: randomUUID(), Name: `p${f}` });
  sandboxes.push(s);
}
const memForks = mem();
const sandboxCount = sandboxes.length;
sandboxes = [];

// --- creation: validating + indexing vs. a bare Map of the same records
const createSamples: number[] = [];
for (let r = 0; r < 6; r++) {
  const t = process.hrtime.bigint();
  await createStore({ start: data });
  if (r > 0) createSamples.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const tCreate = median(createSamples);
const store = memoryStore;
const tMap = time(5, () => {
  const m = new Map<string, Rec>();
  for (const r of records) m.set(r.Id.toLowerCase(), r);
});
report('createStore (validate + id index + freeze)', tCreate, 'Map of lower-cased ids', tMap);

// --- get by id (10,000 random lookups, ids in another case than stored)
const scripts = store.collection('Script');
const lookups = Array.from({ length: 10_000 }, (_, i) => records[(i * 7919) % N]!.Id.toLowerCase());
const plain = new Map(records.map((r) => [r.Id.toLowerCase(), r]));
let sink = 0;
const tGet = time(21, () => {
  for (const id of lookups) sink += scripts.get(id) ? 1 : 0;
});
const tGetMap = time(21, () => {
  for (const id of lookups) sink += plain.get(id.toLowerCase()) ? 1 : 0;
});
report('get by id ×10,000', tGet, 'Map.get ×10,000', tGetMap);

// --- where: first call builds the field index; then lookups (1,000 hits each) vs. a linear filter
const project = data.Project![3]!.Id;
const buildSamples: number[] = [];
for (let r = 0; r < 5; r++) {
  const unindexed = (await createStore({ start: data })).collection('Script'); // a new base has no field indexes
  const t = process.hrtime.bigint();
  sink += unindexed.where('ProjectId', project).length;
  buildSamples.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const tWhereBuild = median(buildSamples);
const tWhere = time(21, () => {
  sink += scripts.where('ProjectId', project.toLowerCase()).length;
});
const tFilter = time(21, () => {
  const p = project.toLowerCase();
  sink += records.filter((r) => typeof r.ProjectId === 'string' && r.ProjectId.toLowerCase() === p).length;
});
report('where(ProjectId) first call (builds index)', tWhereBuild, 'Array.filter', tFilter);
report('where(ProjectId), 1,000 hits', tWhere, 'Array.filter', tFilter);

// --- insert 10,000 records into a sandbox (fresh each round) vs. Map.set + push
const fresh = Array.from({ length: 10_000 }, (_, i) => ({ ...records[i]!, Id: randomUUID() }));
const tInsert = time(7, () => {
  const c = store.fork().collection('Script');
  for (const r of fresh) c.insert(r);
});
const tInsertMap = time(7, () => {
  const m = new Map<string, Rec>();
  const a: Rec[] = [];
  for (const r of fresh) {
    const copy = Object.freeze({ ...r });
    m.set(r.Id.toLowerCase(), copy);
    a.push(copy);
  }
});
report('insert ×10,000 (copy + freeze + index)', tInsert, 'frozen copy + Map.set + push', tInsertMap);

// --- where after writes in the same sandbox (overlay merged with the base index)
const busy = store.fork();
const busyScripts = busy.collection('Script');
for (let i = 0; i < 1000; i++) busyScripts.update(records[i * 97]!.Id, { ProjectId: project });
const tWhereOverlay = time(21, () => {
  sink += busyScripts.where('ProjectId', project).length;
});
report('where(ProjectId) in a sandbox with 1,000 updates', tWhereOverlay, 'Array.filter', tFilter);

// --- fork(): median of 1,001 forks vs. copying the start collection (what a naive sandbox would do)
const tFork = time(1001, () => {
  sink += store.fork().version;
});
const tCopy = time(5, () => {
  const m = new Map<string, Rec>();
  for (const r of records) m.set(r.Id.toLowerCase(), { ...r });
});
report('fork()', tFork, 'copy of the start collection', tCopy);

// --- reset() after 1,000 writes, vs. building a fresh store from the start data
const tReset = time(21, () => store.reset());
const dirtyResets: number[] = [];
for (let r = 0; r < 11; r++) {
  for (let i = 0; i < 1000; i++) scripts.update(records[i]!.Id, { Name: 'x' });
  const t = process.hrtime.bigint();
  store.reset();
  dirtyResets.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const tResetDirty = median(dirtyResets);
report('reset() (clean)', tReset, 'createStore', tCreate);
report('reset() after 1,000 writes', tResetDirty, 'createStore', tCreate);

// --- snapshot + compact stringify (what rewriting the whole file costs), and flush() (one change-log line, fsync'd)
const dir = await mkdtemp(path.join(tmpdir(), 'et-fake-bench-'));
const fileStore = await createStore({ start: data, file: path.join(dir, 'db.json') });
fileStore.collection('Script').update(records[0]!.Id, { Name: 'dirty' });
const tSnapshot = time(5, () => {
  sink += JSON.stringify(fileStore.snapshot()).length;
});
const tStringify = time(5, () => {
  sink += JSON.stringify(data).length;
});
const flushes: number[] = [];
for (let i = 0; i < 5; i++) {
  fileStore.collection('Script').update(records[i]!.Id, { Name: `dirty ${i}` });
  const t = process.hrtime.bigint();
  await fileStore.flush();
  flushes.push(Number(process.hrtime.bigint() - t) / 1e6);
}
report('snapshot() + JSON.stringify', tSnapshot, 'JSON.stringify(start data)', tStringify);
const manual: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = process.hrtime.bigint();
  await writeFile(path.join(dir, 'manual.tmp'), JSON.stringify(data));
  await rename(path.join(dir, 'manual.tmp'), path.join(dir, 'manual.json'));
  manual.push(Number(process.hrtime.bigint() - t) / 1e6);
}
report('flush() of one change (a change-log line, fsync)', median(flushes), 'whole file: stringify + writeFile + rename', median(manual));
await fileStore.close();
// Start-up from an existing file: read + parse + validate + index, vs. reading and parsing it by hand.
const opens: number[] = [];
const parses: number[] = [];
for (let i = 0; i < 5; i++) {
  let t = process.hrtime.bigint();
  await (await createStore({ start: {}, file: path.join(dir, 'db.json') })).close();
  opens.push(Number(process.hrtime.bigint() - t) / 1e6);
  t = process.hrtime.bigint();
  sink += Object.keys(JSON.parse(await readFile(path.join(dir, 'db.json'), 'utf8')) as object).length;
  parses.push(Number(process.hrtime.bigint() - t) / 1e6);
}
report('open a file-backed store from a 100k-record file', median(opens), 'readFile + JSON.parse', median(parses));
await rm(dir, { recursive: true, force: true });

console.log(`Node ${process.version}, ${N.toLocaleString('en')} records × 15 fields; gc ${(globalThis as { gc?: unknown }).gc ? 'exposed' : 'NOT exposed (run with --expose-gc)'}\n`);
console.log('| operation | store (median) | baseline (median) | ratio |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log('\n| memory (after gc) | RSS | heap used | heap growth |\n|---|---|---|---|');
const memRow = (what: string, m: { rss: number; heapUsed: number }, before?: { heapUsed: number }) =>
  console.log(`| ${what} | ${mb(m.rss)} MB | ${mb(m.heapUsed)} MB | ${before ? `+${mb(m.heapUsed - before.heapUsed)} MB` : ''} |`);
memRow('process before data', memStart);
memRow(`${N.toLocaleString('en')} records generated (the start data itself)`, memData, memStart);
memRow('+ store created (id index)', memStore, memData);
memRow('+ where() indexes on ProjectId and Status', memIndexes, memStore);
memRow(`+ ${sandboxCount.toLocaleString('en')} sandboxes × 5 writes, all alive`, memForks, memIndexes);
console.log(`\nper sandbox: ${((memForks.heapUsed - memIndexes.heapUsed) / sandboxCount / 1024).toFixed(1)} KB of heap`);
console.log(`\n(sink ${sink > 0 ? 'ok' : 'empty'})`);
