// The committed parsers are exactly what the grammars compile to (CI rebuilds and
// diffs generated/), and parsed queries are cached in a bounded LRU.
import { mkdtemp, mkdir, readFile, copyFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGrammars, GRAMMARS } from '../../src/build/compile-grammars.ts';
import { Lru } from '../../src/query/lru.ts';
import { parseTql, parseTqlUncached } from '../../src/query/parse.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('compileGrammars', () => {
  it('reproduces generated/parsers byte for byte', async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), 'et-fake-grammars-'));
    try {
      await mkdir(path.join(scratch, 'src', 'query'), { recursive: true });
      for (const { name } of GRAMMARS) {
        await copyFile(path.join(root, 'src', 'query', `${name}.peggy`), path.join(scratch, 'src', 'query', `${name}.peggy`));
      }
      await compileGrammars(scratch);
      for (const { name } of GRAMMARS) {
        for (const file of [`${name}.js`, `${name}.d.ts`]) {
          const fresh = await readFile(path.join(scratch, 'generated', 'parsers', file), 'utf8');
          const committed = await readFile(path.join(root, 'generated', 'parsers', file), 'utf8');
          expect(fresh, file).toBe(committed);
        }
      }
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

describe('parse cache', () => {
  it('returns the cached AST for the same text', () => {
    const text = `Name = 'cache probe ${Math.random()}'`;
    expect(parseTql(text)).toBe(parseTql(text));
    expect(parseTqlUncached(text)).not.toBe(parseTql(text));
    expect(parseTqlUncached(text)).toEqual(parseTql(text));
  });

  it('evicts the least recently used entry when full', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
  });
});
