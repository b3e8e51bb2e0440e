// How long `npm run build` takes on the whole docs-spec/: in-process build (median of several runs) and the
// CLI end to end (process start to exit), which is what a developer waits for.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildFromDocs } from '../src/compile/index.ts';
import { stableJson } from '../src/compile/stable-json.ts';

const root = new URL('..', import.meta.url).pathname;
const runs = Number(process.env.RUNS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const inProcess: number[] = [];
let ops = 0;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const result = await buildFromDocs(join(root, 'docs-spec'));
  stableJson(result.openapi);
  stableJson(result.fixtures);
  inProcess.push(performance.now() - t);
  ops = Object.values(result.openapi.paths ?? {}).reduce((n, item) => n + Object.keys(item).length, 0);
}

const cli: number[] = [];
for (let i = 0; i < Math.min(runs, 3); i++) {
  const t = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), 'build', '--root', root], { stdio: 'ignore' });
  cli.push(performance.now() - t);
}

console.log(JSON.stringify({
  operations: ops,
  inProcessMedianMs: Math.round(median(inProcess)),
  inProcessRunsMs: inProcess.map(Math.round),
  cliMedianMs: Math.round(median(cli)),
  cliRunsMs: cli.map(Math.round),
}, null, 2));
