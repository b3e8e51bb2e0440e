import { createHash } from 'node:crypto';
import { appendFile, cp, mkdtemp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore, StoreError, type Data, type Store } from '../../../src/store/index.ts';

const start = (): Data => ({ Project: [{ Id: 'P1', Name: 'Alpha' }], Requirement: [] });

let dir: string;
const open: Store[] = [];
async function openStore(file: string, data: Data = start(), compactBytes?: number): Promise<Store> {
  const store = await createStore({ start: data, file, ...(compactBytes === undefined ? {} : { compactBytes }) });
  open.push(store);
  return store;
}
const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** What a SIGKILL leaves behind: the files as they are this moment, opened by a new store. */
async function crashCopy(from: string): Promise<string> {
  const folder = path.dirname(from);
  // A kill freezes every file at once; a copy file by file does not, and a background compaction may rotate or
  // delete a log between two copies. So copy until the folder looks the same before and after the copy.
  for (;;) {
    const before = await folderState(folder);
    const copy = await mkdtemp(path.join(tmpdir(), 'et-fake-crash-'));
    copies.push(copy);
    for (const name of before.names) {
      await cp(path.join(folder, name), path.join(copy, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    if ((await folderState(folder)).key === before.key) return path.join(copy, path.basename(from));
  }
}
/** The folder's files (a compaction's temp files aside: start-up deletes them anyway) with their sizes. */
async function folderState(folder: string): Promise<{ names: string[]; key: string }> {
  const names = (await readdir(folder)).filter((n) => !n.endsWith('.tmp')).sort();
  const sizes = await Promise.all(names.map((n) => stat(path.join(folder, n)).then((s) => s.size, () => -1)));
  return { names, key: names.map((n, i) => `${n}:${sizes[i]}`).join('|') };
}
const copies: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'et-fake-store-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((s) => s.close().catch(() => undefined)));
  await rm(dir, { recursive: true, force: true });
  for (const copy of copies.splice(0)) await rm(copy, { recursive: true, force: true });
});

describe('file-backed store', () => {
  it('writes the start data once, as compact JSON, when the file does not exist (creating folders)', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'db.json');
    const store = await openStore(file);
    const text = await readFile(file, 'utf8');
    expect(text).toBe(JSON.stringify(store.snapshot()));
    expect(text).not.toContain('\n');
    expect((await readdir(path.dirname(file))).sort()).toEqual(['db.json', 'db.json.log']);
    expect(await readFile(`${file}.log`, 'utf8')).toBe('');
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
    // A clean stop leaves the whole state in the data file.
    expect(await readFile(file, 'utf8')).toBe(expected);

    const reopened = await openStore(file, { Other: [{ Id: 'ignored' }] });
    expect(JSON.stringify(reopened.snapshot())).toBe(expected);
    expect(reopened.collection('Project').get('P2')?.Name).toBe('Beta');
    // reset() and fork() go back to the start data given in the options, not to the file.
    expect(reopened.fork().entities()).toEqual(['Other']);
    // Nothing was left to replay, so the old log is gone and a fresh one is open.
    expect((await readdir(dir)).sort()).toEqual(['db.json', 'db.json.log']);
  });

  it('has every write in the change log, on disk, when flush() resolves: a crash right after loses none', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file);
    store.collection('Project').insert({ Id: 'P2', Name: 'Beta' });
    store.collection('Project').update('P1', { Name: 'Alpha 2' });
    store.collection('Project').remove('P2');
    store.collection('Run').insert({ Id: 'R1' });
    await store.flush();
    expect(await lines(`${file}.log`)).toEqual([
      { put: 'Project', rec: { Id: 'P2', Name: 'Beta' } },
      { put: 'Project', rec: { Id: 'P1', Name: 'Alpha 2' } },
      { remove: 'Project', id: 'P2' },
      { put: 'Run', rec: { Id: 'R1' } },
    ]);
    const expected = store.snapshot();

    const crashed = await openStore(await crashCopy(file), {});
    expect(crashed.snapshot()).toEqual(expected);
  });

  it('gathers the lines of many writes into few disk writes and keeps their order', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file);
    for (let i = 0; i < 1000; i++) store.collection('Project').update('P1', { Name: `n${i}` });
    await store.flush();
    const logged = await lines(`${file}.log`);
    expect(logged).toHaveLength(1000);
    expect(logged.map((l) => (l.rec as { Name: string }).Name)).toEqual(Array.from({ length: 1000 }, (_, i) => `n${i}`));
    // A flush with nothing new resolves without waiting for the disk.
    await store.flush();
  });

  it('replays reset() and load() too', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file);
    store.collection('Project').insert({ Id: 'P2' });
    store.reset();
    store.collection('Project').insert({ Id: 'P3' });
    store.load({ Loaded: [{ Id: 'L1' }], Project: [{ Id: 'P9' }] });
    store.collection('Loaded').insert({ Id: 'L2' });
    await store.flush();
    const expected = store.snapshot();
    const crashed = await openStore(await crashCopy(file));
    expect(crashed.snapshot()).toEqual(expected);
    expect(crashed.collection('Project').get('P3')).toBeUndefined();
  });

  it('ignores a torn last line with a warning, and writes after the restart read back', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file);
    store.collection('Project').insert({ Id: 'P2' });
    await store.flush();
    const copy = await crashCopy(file);
    await appendFile(`${copy}.log`, '{"put":"Project","rec":{"Id":"P3","Na');
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);

    const crashed = await openStore(copy);
    expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/ignoring the torn last line of .*db\.json\.log/), 'StoreRecoveryWarning');
    expect(crashed.collection('Project').get('P2')).toBeDefined();
    expect(crashed.collection('Project').get('P3')).toBeUndefined();
    crashed.collection('Project').insert({ Id: 'P4' });
    await crashed.flush();

    const again = await openStore(await crashCopy(copy));
    expect([...again.collection('Project').values()].map((r) => r.Id)).toEqual(['P1', 'P2', 'P4']);
  });

  it('refuses a log with an unreadable line before its end, naming file and line, and changes no file', async () => {
    const file = path.join(dir, 'db.json');
    await writeFile(file, JSON.stringify(start()));
    const log = '{"put":"Project","rec":{"Id":"P2"}}\n{"put":"Project"}\n{"remove":"Project","id":"P1"}\n';
    await writeFile(`${file}.log`, log);
    await expect(createStore({ start: start(), file })).rejects.toThrow(StoreError);
    await expect(createStore({ start: start(), file })).rejects.toThrow(/db\.json\.log line 2 is not usable/);
    expect(await readFile(`${file}.log`, 'utf8')).toBe(log);
    expect((await readdir(dir)).sort()).toEqual(['db.json', 'db.json.log']);
  });

  it('compacts a long log into the data file in the background and deletes the log it holds', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file, start(), 4096);
    for (let i = 0; i < 400; i++) {
      store.collection('Project').insert({ Id: `X${i}`, N: i });
      if (i % 20 === 0) await store.flush();
    }
    await store.flush();
    await vi.waitFor(async () => expect(JSON.parse(await readFile(file, 'utf8')).Project.length).toBeGreaterThan(100), { timeout: 5000 });
    // What the data file misses is in the log, so the two together are the state at every moment.
    const expected = store.snapshot();
    const crashed = await openStore(await crashCopy(file), {});
    expect(crashed.snapshot()).toEqual(expected);
    const log = await readFile(`${file}.log`, 'utf8');
    expect(log.length).toBeLessThan(400 * 30);
    expect(log).toMatch(/"compacted":"[0-9a-f]{64}"/);
  });

  describe('after a crash during a compaction', () => {
    // A compaction: the log so far becomes db.json.log.1, the snapshot goes to a temp file, a note with its hash
    // goes into the new log, the temp file replaces db.json, db.json.log.1 is deleted.
    const before = { Project: [{ Id: 'P1' }] };
    const older = '{"put":"Project","rec":{"Id":"P2"}}\n{"remove":"Project","id":"P1"}\n{"put":"Project","rec":{"Id":"P1"}}\n';
    const after = { Project: [{ Id: 'P2' }, { Id: 'P1' }] };
    const newer = '{"put":"Project","rec":{"Id":"P3"}}\n';

    /** The files a crash leaves just before (data file `before`) or just after (`after`) the rename. */
    const leftWith = async (data: Data): Promise<string> => {
      const file = path.join(dir, 'db.json');
      await writeFile(file, JSON.stringify(data));
      await writeFile(`${file}.log.1`, older);
      await writeFile(`${file}.log`, `${newer}{"compacted":"${sha256(JSON.stringify(after))}"}\n`);
      return file;
    };

    it('replays the older log when the data file is still the old one', async () => {
      const file = await leftWith(before);
      const store = await openStore(file, {});
      expect([...store.collection('Project').values()].map((r) => r.Id)).toEqual(['P2', 'P1', 'P3']);
    });

    it('skips the older log when the data file is the new one, so nothing is applied twice', async () => {
      const file = await leftWith(after);
      const store = await openStore(file, {});
      // Replaying the older log again would move P1 behind P3.
      expect([...store.collection('Project').values()].map((r) => r.Id)).toEqual(['P2', 'P1', 'P3']);
      await store.close();
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ Project: [{ Id: 'P2' }, { Id: 'P1' }, { Id: 'P3' }] });
      expect((await readdir(dir)).sort()).toEqual(['db.json', 'db.json.log']);
    });
  });

  it('warns when a compaction fails, keeps every write in the log, and compacts once it can', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file, start(), 1024);
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const blocker = `${file}.${process.pid}.tmp`; // where the snapshot would be staged
    await mkdir(blocker);
    for (let i = 0; i < 100; i++) store.collection('Project').insert({ Id: `X${i}` });
    await vi.waitFor(() => expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/could not compact into .*db\.json/), 'StoreWriteWarning'));
    await store.flush();
    const crashed = await openStore(await crashCopy(file), {});
    expect(crashed.collection('Project').size).toBe(101);

    await rm(blocker, { recursive: true });
    await store.close();
    expect(JSON.parse(await readFile(file, 'utf8')).Project).toHaveLength(101);
    expect((await readdir(dir)).sort()).toEqual(['db.json', 'db.json.log']);
  });

  it('keeps sandboxes in memory', async () => {
    const file = path.join(dir, 'db.json');
    const store = await openStore(file);
    const before = await readFile(file, 'utf8');
    const sandbox = store.fork();
    sandbox.collection('Project').insert({ Id: 'S1' });
    await sandbox.flush();
    await store.flush();
    expect(await readFile(`${file}.log`, 'utf8')).toBe('');
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
