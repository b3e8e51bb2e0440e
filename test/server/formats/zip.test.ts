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
  it('returns every file (folders left out) with its bytes, with or without an archive comment', () => {
    for (const comment of ['', 'a comment']) {
      const entries = readZip(zipOf(FILES, comment), 1_000_000);
      expect(entries.map((e) => [e.name, e.data.toString('utf8')])).toEqual(FILES.slice(1).map((f) => [f.name, f.text]));
    }
    expect(looksLikeZip(zipOf(FILES))).toBe(true);
    expect(looksLikeZip(Buffer.from('<xml/>'))).toBe(false);
  });

  it('refuses archives that unpack beyond the limit', () => {
    const bomb = zipOf([{ name: 'big.xml', text: 'a'.repeat(200_000) }]);
    expect(bomb.length).toBeLessThan(2_000);
    expect(() => readZip(bomb, 10_000)).toThrow(ZipError);
  });

  it('never throws anything but a ZipError on damaged or cut archives', () => {
    const archive = zipOf(FILES, 'c');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: archive.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        fc.option(fc.nat({ max: archive.length }), { nil: undefined }),
        (changes, cut) => {
          const damaged = Buffer.from(archive);
          for (const [at, byte] of changes) damaged[at] = byte;
          try {
            readZip(cut === undefined ? damaged : damaged.subarray(0, cut), 100_000);
          } catch (err) {
            expect(err).toBeInstanceOf(ZipError);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
