// How faithful is the fake? Every example in docs-spec/ (pages and catalogue) is replayed against a fresh
// copy of the default data (one sandbox per example, so examples do not disturb each other), and the answer
// is compared with the documented one: the status always, and for reads (GET) the whole JSON body, key order
// aside. `npm run conformance` prints the summary and the examples that differ.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { buildFromDocs } from '../compile/index.ts';
import { documentedExamples, requestInit, urlOf } from '../contracts/examples.ts';
import { createApp } from '../server/app.ts';

export interface ReplayOutcome {
  method: string;
  url: string;
  title: string;
  source: string;
  expectedStatus: number;
  status: number;
  /** For GETs answered with the documented status: whether the body is the documented one. */
  bodyMatches?: boolean;
}

export interface ReplayReport {
  outcomes: ReplayOutcome[];
  /** Examples that could not be sent (a path parameter the example does not give). */
  skipped: number;
}

export async function replayExamples(root: string): Promise<ReplayReport> {
  const docs = await buildFromDocs(path.join(root, 'docs-spec'));
  const fake = await createApp({ auth: true });
  const outcomes: ReplayOutcome[] = [];
  const { examples, skipped } = documentedExamples(docs);
  for (const e of examples) {
    const { op, ex } = e;
    const url = `http://localhost${urlOf(e)}`;
    const sandbox = fake.store.fork();
    const res = await fake.engine.withStore(sandbox, () => Promise.resolve(fake.app.request(url, requestInit(e))));
    const text = await res.text();
    const outcome: ReplayOutcome = {
      method: op.method,
      url: url.replace('http://localhost', ''),
      title: ex.title,
      source: `${ex.source.file}:${ex.source.line}`,
      expectedStatus: ex.status,
      status: res.status,
    };
    // Bodies of successful reads; error Messages are ET's sentences on its pages and the fake's own elsewhere.
    if (op.method === 'GET' && res.status === ex.status && res.status < 300 && ex.responseBody !== undefined) outcome.bodyMatches = sameJson(text, ex.responseBody);
    outcomes.push(outcome);
  }
  await fake.close();
  return { outcomes, skipped };
}

function sameJson(text: string, expected: unknown): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(text), expected);
  } catch {
    return text === expected;
  }
}

export function summarise(report: ReplayReport): string {
  const { outcomes } = report;
  const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '-');
  const statusOk = outcomes.filter((o) => o.status === o.expectedStatus);
  const bodies = outcomes.filter((o) => o.bodyMatches !== undefined);
  const bodyOk = bodies.filter((o) => o.bodyMatches);
  const lines = [
    `${outcomes.length} documented examples replayed (${report.skipped} without every path parameter skipped)`,
    `status as documented: ${statusOk.length} of ${outcomes.length} (${pct(statusOk.length, outcomes.length)})`,
    `successful GET bodies exactly as documented (key order aside): ${bodyOk.length} of ${bodies.length} (${pct(bodyOk.length, bodies.length)})`,
  ];
  for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
    const of = outcomes.filter((o) => o.method === method);
    if (of.length) lines.push(`  ${method}: status ${pct(of.filter((o) => o.status === o.expectedStatus).length, of.length)} of ${of.length}`);
  }
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const report = await replayExamples(root);
  process.stdout.write(`${summarise(report)}\n`);
  const differing = report.outcomes.filter((o) => o.status !== o.expectedStatus || o.bodyMatches === false);
  if (differing.length) process.stdout.write(`\nexamples that differ:\n`);
  for (const o of differing) {
    const what = o.status !== o.expectedStatus ? `status ${o.status}, documented ${o.expectedStatus}` : 'body differs';
    process.stdout.write(`  ${o.method} ${o.url}  (${what}; ${o.title}; ${o.source})\n`);
  }
}
