// The zip reader of result uploads: what zip tools write comes back as written; damaged or hostile archives
// are a ZipError (a 403 with a reason upstream), never another exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeZip, readZip, ZipError } from '../../../src/server/formats/zip.ts';
import { zipOf } from '../../helpers/zip.ts';

const FILES = [
  { name: 'folder/', text: '' },
  { name: 'folder/a.xml', text: `<a>${'x'.repeat(300)}</a>` },
  { name: 'b.trx', text: 'stored as it is', deflate: false },
  { name: 'ünïcode.xml', text: '<b/>' },
];

describe('readZip', () => {
  it('returns every file (folders left out) with its bytes, with or without an archive comment', async () => {
    for (const comment of ['', 'a comment']) {
      const entries = await readZip(zipOf(FILES, comment), 1_000_000);
      expect(entries.map((e) => [e.name, e.data.toString('utf8')])).toEqual(FILES.slice(1).map((f) => [f.name, f.text]));
    }
    expect(looksLikeZip(zipOf(FILES))).toBe(true);
    expect(looksLikeZip(Buffer.from('<xml/>'))).toBe(false);
  });

  it('refuses archives that unpack beyond the limit', async () => {
    const bomb = zipOf([{ name: 'big.xml', text: 'a'.repeat(200_000) }]);
    expect(bomb.length).toBeLessThan(2_000);
    await expect(readZip(bomb, 10_000)).rejects.toThrow(ZipError);
  });

  it('refuses a file that unpacks to more than the ratio allows, even when the directory understates its size', async () => {
    const bomb = zipOf([{ name: 'bomb.xml', text: '<a>' + ' '.repeat(1_000_000) + '</a>' }]);
    await expect(readZip(bomb, { maxBytes: 10_000_000, maxRatio: 100 })).rejects.toThrow(/more than 100 times its packed size/);
    const lying = Buffer.from(bomb);
    const directory = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(10, directory + 24); // the directory claims 10 bytes unpacked
    await expect(readZip(lying, { maxBytes: 10_000_000, maxRatio: 100 })).rejects.toThrow(/more than 100 times its packed size/);
    // An ordinary result file packs far less than that and comes back whole.
    const xml = zipOf([{ name: 'r.xml', text: '<testsuite name="a">' + '<testcase name="t"/>'.repeat(200) + '</testsuite>' }]);
    expect((await readZip(xml, { maxBytes: 10_000_000, maxRatio: 100 }))[0]!.data.length).toBeGreaterThan(4_000);
  });

  it('refuses entry names that leave the archive', async () => {
    for (const name of ['../evil.xml', 'a/../../evil.xml', '/etc/evil.xml', 'C:\\evil.xml', '..\\evil.xml', 'a\u0000.xml']) {
      await expect(readZip(zipOf([{ name, text: '<a/>' }]), 1_000_000), name).rejects.toThrow(ZipError);
    }
    expect((await readZip(zipOf([{ name: 'results/a..b.xml', text: '<a/>' }]), 1_000_000))[0]!.name).toBe('results/a..b.xml');
  });

  it('never throws anything but a ZipError on damaged or cut archives', async () => {
    const archive = zipOf(FILES, 'c');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: archive.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        fc.option(fc.nat({ max: archive.length }), { nil: undefined }),
        async (changes, cut) => {
          const damaged = Buffer.from(archive);
          for (const [at, byte] of changes) damaged[at] = byte;
          try {
            await readZip(cut === undefined ? damaged : damaged.subarray(0, cut), 100_000);
          } catch (err) {
            expect(err).toBeInstanceOf(ZipError);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
