import { mkdtemp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataFile } from 'lowdb/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore, StoreError, type Data, type Store } from '../../src/store/index.ts';

const start = (): Data => ({ Project: [{ Id: 'P1', Name: 'Alpha' }], Requirement: [] });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dir: string;
const open: Store[] = [];
async function openStore(file: string, data: Data = start(), debounceMs?: number): Promise<Store> {
  const store = await createStore({ start: data, file, ...(debounceMs === undefined ? {} : { debounceMs }) });
  open.push(store);
  return store;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'et-fake-store-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('file-backed store', () => {
  it('writes the start data once, as compact JSON, when the file does not exist (creating folders)', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'db.json');
    const store = await openStore(file);
    const text = await readFile(file, 'utf8');
    expect(text).toBe(JSON.stringify(store.snapshot()));
    expect(text).not.toContain('\n');
  });

  it('keeps everything across close and reopen, and the file wins over the start data', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file);
    const projects = store.collection('Project');
    projects.insert({ Id: 'P2', Name: 'Beta' });
    projects.update('p1', { Name: 'Alpha 2' });
    store.collection('Run').insert({ Id: 'R1', Status: 'Passed' });
    store.collection('Requirement').insert({ Id: 'Q1' });
    store.collection('Requirement').remove('q1');
    const expected = JSON.stringify(store.snapshot());
    await store.close();

    const reopened = await openStore(file, { Other: [{ Id: 'ignored' }] });
    expect(JSON.stringify(reopened.snapshot())).toBe(expected);
    expect(reopened.collection('Project').get('P2')?.Name).toBe('Beta');
    // reset() and fork() go back to the start data given in the options, not to the file.
    expect(reopened.fork().entities()).toEqual(['Other']);
  });

  it('coalesces 1,000 synchronous updates into a single write', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file);
    const writes = vi.spyOn(DataFile.prototype, 'write');
    for (let i = 0; i < 1000; i++) store.collection('Project').update('P1', { Name: `n${i}` });
    expect(writes).toHaveBeenCalledTimes(0); // nothing written synchronously
    await vi.waitFor(() => expect(writes).toHaveBeenCalled(), { timeout: 2000 });
    await store.flush(); // waits for the write in flight; nothing is left to write
    expect(writes).toHaveBeenCalledTimes(1);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ Project: [{ Id: 'P1', Name: 'n999' }] });
  });

  it('writes a handful of times for 1,000 updates spread over ~200 ms', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file, start(), 50);
    const writes = vi.spyOn(DataFile.prototype, 'write');
    const began = Date.now();
    for (let i = 0; i < 1000; i++) {
      store.collection('Project').insert({ Id: `X${i}`, N: i });
      if (i % 25 === 0) await sleep(5);
    }
    const elapsed = Date.now() - began;
    await store.flush();
    // One write per debounce window at most, plus the flush.
    expect(writes.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(writes.mock.calls.length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 2);
    expect(writes.mock.calls.length).toBeLessThan(20);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as Data;
    expect(onDisk.Project).toHaveLength(1001);
    // steno's temp file has been renamed away.
    expect((await readdir(dir)).sort()).toEqual(['db.json']);
  });

  it('waits longer before the next write when serialising is slow', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file, start(), 10);
    // A value whose serialisation holds the event loop for 30 ms, like a very large data set would.
    const slow = {
      toJSON() {
        const end = performance.now() + 30;
        while (performance.now() < end);
        return 'slow';
      },
    };
    store.collection('Project').insert({ Id: 'S', Payload: slow });
    await store.flush();
    const writes = vi.spyOn(DataFile.prototype, 'write');
    const began = performance.now();
    store.collection('Project').update('P1', { Name: 'later' });
    await vi.waitFor(() => expect(writes).toHaveBeenCalled(), { timeout: 3000, interval: 5 });
    // 4 x 30 ms instead of the 10 ms debounce.
    expect(performance.now() - began).toBeGreaterThanOrEqual(110);
    await store.flush();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ Project: [{ Name: 'later' }, { Payload: 'slow' }] });
  });

  it('flush() writes now when dirty and not at all when clean', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file, start(), 10_000);
    const writes = vi.spyOn(DataFile.prototype, 'write');
    await store.flush();
    expect(writes).toHaveBeenCalledTimes(0);
    store.collection('Project').insert({ Id: 'P2' });
    await store.flush();
    expect(writes).toHaveBeenCalledTimes(1);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ Project: [{ Id: 'P1' }, { Id: 'P2' }] });
  });

  it('close() writes pending changes and stops the timer', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file, start(), 10_000);
    store.reset();
    store.collection('Project').remove('P1');
    await store.close();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ Project: [], Requirement: [] });
  });

  it('reports a failed write from flush() and keeps the changes for the next try', async () => {
    const sub = path.join(dir, 'sub');
    const file = path.join(sub, 'db.json');
    const store = await openStore(file, start(), 10_000);
    await rm(sub, { recursive: true });
    store.collection('Project').insert({ Id: 'P2' });
    await expect(store.flush()).rejects.toThrow(StoreError);
    await expect(store.flush()).rejects.toThrow(`cannot write store file ${file}`);
    await mkdir(sub);
    await store.flush();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ Project: [{ Id: 'P1' }, { Id: 'P2' }] });
  });

  it('keeps sandboxes in memory', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file);
    const before = await readFile(file, 'utf8');
    const writes = vi.spyOn(DataFile.prototype, 'write');
    const sandbox = store.fork();
    sandbox.collection('Project').insert({ Id: 'S1' });
    await sandbox.flush();
    await sleep(80);
    expect(writes).toHaveBeenCalledTimes(0);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it.each([
    ['invalid JSON', '{"Project": [', /is not valid JSON/],
    ['an empty file', '', /is not valid JSON/],
    ['the wrong shape', '{"Project": {"Id": "x"}}', /is not usable: entity "Project" must be an array/],
    ['a record without Id', '{"Project": [{"Name": "x"}]}', /record 0 has no string Id/],
  ])('refuses %s with a StoreError naming the file, leaving the file untouched', async (_name, content, message) => {
    const file = path.join(dir, 'db.json');
    await writeFile(file, content);
    const mtime = (await stat(file)).mtimeMs;
    const attempt = createStore({ start: start(), file });
    await expect(attempt).rejects.toThrow(StoreError);
    await expect(createStore({ start: start(), file })).rejects.toThrow(message);
    await expect(createStore({ start: start(), file })).rejects.toThrow(file);
    expect(await readFile(file, 'utf8')).toBe(content);
    expect((await stat(file)).mtimeMs).toBe(mtime);
    expect(await readdir(dir)).toEqual(['db.json']);
  });

  it('refuses an unreadable file', async () => {
    const file = path.join(dir, 'a-directory.json');
    await mkdir(file);
    await expect(createStore({ start: start(), file })).rejects.toThrow(/a-directory\.json cannot be read: EISDIR/);
  });
});
