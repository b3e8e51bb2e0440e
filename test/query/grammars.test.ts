// The committed parsers are exactly what the grammars compile to (CI rebuilds and
// diffs generated/), and parsed queries are cached in a bounded LRU.
import { mkdtemp, mkdir, readFile, copyFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGrammars, GRAMMARS, grammarFile } from '../../src/compile/grammars.ts';
import { Lru } from '../../src/query/lru.ts';
import { parseTql, parseTqlUncached } from '../../src/query/parse.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

describe('compileGrammars', () => {
  it('reproduces generated/parsers byte for byte', async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), 'et-fake-grammars-'));
    try {
      for (const { name } of GRAMMARS) {
        await mkdir(path.dirname(path.join(scratch, grammarFile(name))), { recursive: true });
        await copyFile(path.join(root, grammarFile(name)), path.join(scratch, grammarFile(name)));
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

describe('TQL precedence and normalisation', () => {
  const t = (field: string) => ({ type: 'compare', field, op: '=', value: { type: 'number', value: 1 } });
  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(parseTql('a = 1 OR b = 1 AND NOT c = 1').where).toEqual({
      type: 'or',
      left: t('a'),
      right: { type: 'and', left: t('b'), right: { type: 'not', expr: t('c') } },
    });
  });
  it('folds chains to the left and lets parentheses override', () => {
    expect(parseTql('a = 1 or b = 1 or c = 1').where).toEqual({ type: 'or', left: { type: 'or', left: t('a'), right: t('b') }, right: t('c') });
    expect(parseTql('(a = 1 OR b = 1) AND c = 1').where).toEqual({ type: 'and', left: { type: 'or', left: t('a'), right: t('b') }, right: t('c') });
  });
  it('normalises CONTAINS / DOES NOT CONTAIN and keyword case', () => {
    expect(parseTql('Name contains x').where).toMatchObject({ op: '~' });
    expect(parseTql('Name Does Not Contain x').where).toMatchObject({ op: '!~' });
    expect(parseTql('Name is not null').where).toEqual({ type: 'is', field: 'Name', negated: true, what: 'NULL' });
  });
  it('reads GUIDs and dates as text and numbers as numbers', () => {
    expect(parseTql('Id = 6a2f1c3e-0b7d-4c1a-9e55-0d3f9a1b2c01').where).toMatchObject({ value: { type: 'string', value: '6a2f1c3e-0b7d-4c1a-9e55-0d3f9a1b2c01' } });
    expect(parseTql('CreatedAt > 2024-01-05T10:00:00Z').where).toMatchObject({ value: { type: 'string', value: '2024-01-05T10:00:00Z' } });
    expect(parseTql('Number = -12.5').where).toMatchObject({ value: { type: 'number', value: -12.5 } });
  });
  it('takes the alias of a GROUP BY before or after the braces', () => {
    const before = parseTql("GROUP BY Status AS 'S' { COUNT }");
    const after = parseTql("GROUP BY Status { COUNT } AS 'S'");
    expect(before).toEqual(after);
    expect(before).toMatchObject({ type: 'aggregate', items: [{ type: 'group', alias: 'S' }] });
  });
});
