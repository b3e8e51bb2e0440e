// Query benchmark: TQL and OData over 100,000 stored entities, next to hand-written
// baselines doing the same work on the same records in the same run.
// Run: npx tsx bench/query.bench.ts   (prints a Markdown table)
import { performance } from 'node:perf_hooks';
import { runOData, runTql, searchTql, type Rec } from '../src/query/index.ts';
import { clearParseCaches, parseTql, parseTqlUncached } from '../src/query/parse.ts';
import { buildData, contextOf, TOTAL } from './query-data.ts';

/** Median and 90th percentile (ms) of `runs` timed calls after `warmup` untimed ones. */
function measure(fn: () => unknown, runs = 51, warmup = 5): { p50: number; p90: number } {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs / 2)]!, p90: times[Math.floor(runs * 0.9)]! };
}

/** Time a tight loop of `n` calls; per-call median over rounds (for sub-millisecond work). */
function measureEach(fn: (i: number) => unknown, n = 2_000, rounds = 15): { p50: number; p90: number } {
  let i = 0;
  const round = measure(() => { for (let k = 0; k < n; k++) fn(i++); }, rounds, 2);
  return { p50: round.p50 / n, p90: round.p90 / n };
}

const data = buildData();
const ctx = contextOf(data);
const scripts = data.Script!;
const projectName = 'Project 3';
const projectId = data.Project!.find((p) => p.Name === projectName)!.Id;
const picklistText = new Map(data.Picklist!.map((p) => [p.Id, p.Text as string]));
const projectNames = new Map(data.Project!.map((p) => [p.Id, p.Name as string]));

// 1. TQL filter + ORDER BY over 60,000 scripts (within the 100,000 entities).
const filterTql = `Project = '${projectName}' AND Status IN [Approved, Draft] AND Priority != Low AND Name ~ login ORDER BY Name DESC, Number`;
const loginRe = /(?<![\p{L}\p{N}])login(?![\p{L}\p{N}])/iu;
const filterBaseline = () =>
  scripts
    .filter((r) => r.ProjectId === projectId && ['Approved', 'Draft'].includes(picklistText.get(r.StatusId as string)!) && picklistText.get(r.PriorityId as string) !== 'Low' && loginRe.test(r.Name as string))
    .sort((a, b) => ((a.Name as string).toLowerCase() < (b.Name as string).toLowerCase() ? 1 : (a.Name as string).toLowerCase() > (b.Name as string).toLowerCase() ? -1 : (a.Number as number) - (b.Number as number)));
const ours = runTql('Script', scripts, filterTql, ctx);
const matched = ours.kind === 'items' ? ours.items.length : -1;
if (matched !== filterBaseline().length) throw new Error(`filter mismatch: ${matched} vs ${filterBaseline().length}`);

// 1b. The same filter, sorting every script (the worst case for ORDER BY).
const sortAllTql = 'ORDER BY Priority, CreatedAt DESC';

// 2. Nested GROUP BY across all 100,000 entities (search), and over scripts alone.
const groupTql = 'GROUP BY Project { GROUP BY EntityType { COUNT } }';
const groupBaseline = () => {
  const out: Record<string, Record<string, number>> = {};
  for (const [entity, key] of [['Script', 'testscript'], ['Requirement', 'requirement'], ['Incident', 'incident']] as const) {
    for (const r of data[entity]!) {
      const name = projectNames.get(r.ProjectId as string)!;
      const g = (out[name] ??= {});
      g[key] = (g[key] ?? 0) + 1;
    }
  }
  return out;
};
const groupScriptsTql = 'GROUP BY Project { GROUP BY Status { COUNT, AVG(Risk) } }';

// 3. OData $filter + $orderby over 100,000 records (scripts, requirements, incidents as one list).
const everything = [...data.Script!, ...data.Requirement!, ...data.Incident!];
// The server passes the collection entity's properties, so names are resolved once per query; here the
// properties of all three types (incidents have neither Name nor Number: they read as missing).
const byLower = new Map<string, string>();
for (const rec of [data.Script![0]!, data.Requirement![0]!, data.Incident![0]!]) for (const k of Object.keys(rec)) byLower.set(k.toLowerCase(), k);
const fields = { entity: 'Item', byLower };
const odataText = { filter: "substringof('login', Name) eq true and Number gt 1000", orderby: 'Name desc, Number' };
const odata = { ...odataText, fields };
const odataYear = { filter: `${odata.filter} and year(CreatedAt) eq 2024`, orderby: odata.orderby, fields };
const byNameDescThenNumber = (a: Rec, b: Rec) => {
  const x = (a.Name as string).toLowerCase();
  const y = (b.Name as string).toLowerCase();
  return x < y ? 1 : x > y ? -1 : (a.Number as number) - (b.Number as number);
};
const odataBaseline = () =>
  everything.filter((r) => typeof r.Name === 'string' && r.Name.toLowerCase().includes('login') && (r.Number as number) > 1000).sort(byNameDescThenNumber);
const odataYearBaseline = () =>
  everything
    .filter((r) => typeof r.Name === 'string' && r.Name.toLowerCase().includes('login') && (r.Number as number) > 1000 && new Date(r.CreatedAt as string).getUTCFullYear() === 2024)
    .sort(byNameDescThenNumber);
if (runOData(everything, odata, ctx).length !== odataBaseline().length) throw new Error('odata mismatch');
const firstIds = (list: Rec[]) => list.slice(0, 25).map((r) => r.Id).join();
if (firstIds(runOData(everything, { ...odata, inOrder: 25 }, ctx)) !== firstIds(odataBaseline())) throw new Error('odata page mismatch');
if (runOData(everything, odataYear, ctx).length !== odataYearBaseline().length) throw new Error('odata (year) mismatch');

// 4. Parsing a typical query.
const typical = "Project = 'Online Banking' AND Status IN [Approved, 'Re Opened'] AND AssignedTo = CurrentUser() ORDER BY LastUpdatedAt DESC";
const typicalJson = JSON.stringify(parseTql(typical));
let salt = 0;

const rows: [string, { p50: number; p90: number }, string, { p50: number; p90: number }, string][] = [];
const row = (name: string, ourFn: () => unknown, baselineName: string, baselineFn: () => unknown, target: string) =>
  rows.push([name, measure(ourFn), baselineName, measure(baselineFn), target]);

row(`TQL filter + ORDER BY, 60,000 scripts (${matched} hits)`, () => runTql('Script', scripts, filterTql, ctx), 'hand-written filter + sort', filterBaseline, '< 30 ms');
row('TQL ORDER BY 2 keys, all 60,000 scripts', () => runTql('Script', scripts, sortAllTql, ctx), 'hand-written sort (copy)', () => [...scripts].sort((a, b) => (a.CreatedAt! < b.CreatedAt! ? 1 : -1)), '');
row('TQL ORDER BY 2 keys, first page of 25 in order', () => runTql('Script', scripts, sortAllTql, ctx, { inOrder: 25 }), 'hand-written sort (copy)', () => [...scripts].sort((a, b) => (a.CreatedAt! < b.CreatedAt! ? 1 : -1)), '');
row('nested GROUP BY, search over 100,000 entities', () => searchTql(groupTql, ctx, ['Script', 'Requirement', 'Incident']), 'hand-written Map grouping', groupBaseline, '< 50 ms');
row('nested GROUP BY + AVG, 60,000 scripts', () => runTql('Script', scripts, groupScriptsTql, ctx), 'hand-written Map grouping (100k)', groupBaseline, '');
row('OData $filter + $orderby, 100,000 records', () => runOData(everything, odata, ctx), 'hand-written filter + sort', odataBaseline, '< 30 ms');
row('OData, same, first page in order (inOrder 25: what the server asks for $top=25)', () => runOData(everything, { ...odata, inOrder: 25 }, ctx), 'hand-written filter + sort', odataBaseline, '< 30 ms');
row('OData, same without the properties (names looked up per record)', () => runOData(everything, odataText, ctx), 'hand-written filter + sort', odataBaseline, '');
row('OData, same with year(CreatedAt) eq 2024 added', () => runOData(everything, odataYear, ctx), 'hand-written filter + sort', odataYearBaseline, '');
rows.push(['parse typical TQL, cached', measureEach(() => parseTql(typical)), 'JSON.parse of its AST', measureEach(() => JSON.parse(typicalJson)), '< 0.05 ms']);
rows.push(['parse typical TQL, uncached', measureEach(() => parseTqlUncached(`${typical} , Name`.slice(0, typical.length) + ' '.repeat(salt++ % 3))), 'JSON.parse of its AST', measureEach(() => JSON.parse(typicalJson)), '< 0.5 ms']);
clearParseCaches();

const fmt = (ms: number) => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);
console.log(`Node ${process.version}, ${TOTAL.toLocaleString('en')} entities, p50 (p90) of 51 runs after 5 warm-ups\n`);
console.log('| query | ours p50 (p90) | baseline | baseline p50 | ratio | target |');
console.log('|---|---|---|---|---|---|');
for (const [name, our, baselineName, base, target] of rows) {
  console.log(`| ${name} | ${fmt(our.p50)} (${fmt(our.p90)}) | ${baselineName} | ${fmt(base.p50)} | ${(our.p50 / base.p50).toFixed(1)}× | ${target} |`);
}
