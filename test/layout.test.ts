// The layout keeps its promises: no import circles, imports go down the flow (docs -> compile -> generated ->
// store/query -> server -> contracts), every folder says its job in its index, and no folder sprawls.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { circles, importGraph } from './helpers/import-graph.ts';

const src = path.resolve(import.meta.dirname, '..', 'src');
const graph = importGraph(src);
const rel = (f: string) => path.relative(src, f);

/** The folder a file belongs to, as a stage name: `store`, `query`, `server/engine`, `server` (its root)... */
function stageOf(file: string): string {
  const parts = rel(file).split(path.sep);
  if (parts.length === 1) return '.';
  return parts[0] === 'server' && parts.length > 2 ? `server/${parts[1]}` : parts[0]!;
}

function importsBetween(from: (stage: string) => boolean, to: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    if (!from(stageOf(file))) continue;
    for (const t of targets) if (to(t)) out.push(`${rel(file)} -> ${rel(t)}`);
  }
  return out;
}

const inStage = (...stages: string[]) => (file: string) => stages.includes(stageOf(file));

function folders(dir: string): string[] {
  return [dir, ...readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => folders(path.join(dir, e.name)))];
}

describe('the layout of src/', () => {
  it('has the whole tree in its import graph', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect([...graph.values()].flat().length).toBeGreaterThan(300);
  });

  it('has no import circles, type-only and lazy imports included', () => {
    expect(circles(graph).map((c) => c.map(rel).join(' <-> '))).toEqual([]);
  });

  it('sees a circle when there is one', () => {
    const a = '/x/a.ts';
    const b = '/x/b.ts';
    expect(circles(new Map([[a, [b]], [b, [a]]]))).toEqual([[a, b]]);
    expect(circles(new Map([[a, [b]], [b, []]]))).toEqual([]);
  });

  it('keeps the stages below the server free of it', () => {
    const lower = (s: string) => ['store', 'query', 'compile'].includes(s);
    expect(importsBetween(lower, (t) => rel(t).startsWith(`server${path.sep}`) || rel(t).startsWith(`contracts${path.sep}`))).toEqual([]);
  });

  it('keeps http, spec and formats free of the other server stages', () => {
    const leaf = (s: string) => ['server/http', 'server/spec', 'server/formats'].includes(s);
    expect(importsBetween(leaf, (t) => rel(t).startsWith(`server${path.sep}`) && !leaf(stageOf(t)))).toEqual([]);
  });

  it('keeps the engine free of what is plugged into it', () => {
    const engine = (s: string) => s === 'server/engine';
    expect(importsBetween(engine, inStage('server/behaviours', 'server/plugins', 'server/pages', 'server/accounts', 'server/formats'))).toEqual([]);
  });

  it('lets no stage of the server import what composes it (tools above the server may use the app)', () => {
    const composers = new Set(['server/app.ts', 'server/start.ts', 'server/command.ts', 'server/index.ts', 'cli.ts', 'index.ts'].map((f) => path.join(src, f)));
    const staged = (s: string) => s.startsWith('server/') || ['store', 'query', 'compile'].includes(s);
    expect(importsBetween(staged, (t) => composers.has(t))).toEqual([]);
  });

  it('gives every folder an index that names its job in its first line', () => {
    for (const dir of folders(src)) {
      const index = ['index.ts', 'index.js'].map((f) => path.join(dir, f)).find((f) => statSync(f, { throwIfNoEntry: false }));
      expect(index, `${rel(dir) || 'src'} has no index`).toBeDefined();
      expect(readFileSync(index!, 'utf8').split('\n')[0], rel(index!)).toMatch(/^\/\/ \S.{10,}/);
    }
  });

  it('keeps each folder to about a dozen files (one file per ET behaviour may hold more)', () => {
    for (const dir of folders(src)) {
      if (rel(dir) === path.join('server', 'behaviours')) continue;
      const files = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && /\.(ts|js|peggy)$/.test(e.name));
      expect(files.length, rel(dir) || 'src').toBeLessThanOrEqual(12);
    }
  });
});
