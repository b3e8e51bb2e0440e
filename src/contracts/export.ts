// `et-fake pact export`: ET's documented contract as a Pact V4 file, one interaction per documented example
// of docs-spec/, each given the provider state it needs.
import path from 'node:path';
import { buildFromDocs } from '../compile/index.ts';
import { startData } from '../server/data.ts';
import { createStore } from '../store/index.ts';
import { statesFor, withActingUser } from './derive.ts';
import { DEFAULT_AUTHORIZATION, documentedExamples, type DocumentedExample } from './examples.ts';
import { bodyMatchers, headerMatcher } from './matchers.ts';
import { DEFAULT_CONSUMER, DEFAULT_PROVIDER, pactFileName, writePactFile, type InteractionSpec, type PactParties } from './pact-file.ts';

export interface ExportOptions {
  /** The project root holding docs-spec/. */
  root: string;
  /** Directory the pact file goes to. Default `pacts/`. */
  out?: string;
  consumer?: string;
  provider?: string;
}

export interface ExportResult {
  file: string;
  interactions: number;
  skipped: number;
}

export async function exportDocumentedPact(o: ExportOptions): Promise<ExportResult> {
  const docs = await buildFromDocs(path.join(o.root, 'docs-spec'));
  const { examples, skipped } = documentedExamples(docs);
  const start = await createStore({ start: await startData(undefined) });
  const parties: PactParties = { consumer: o.consumer ?? DEFAULT_CONSUMER, provider: o.provider ?? DEFAULT_PROVIDER };
  const seen = new Map<string, number>();
  const shown = (e: DocumentedExample) => docs.exampleRecords(e.resource, e.op, e.ex);
  const interactions = examples.map((documented) => {
    const e = withActingUser(documented, start);
    return interactionOf(e, statesFor(e, start, examples, shown), seen);
  });
  const file = path.join(path.resolve(o.out ?? 'pacts'), pactFileName(parties));
  await writePactFile(parties, interactions, file);
  await start.close();
  return { file, interactions: interactions.length, skipped };
}

/** Interaction descriptions are unique in a pact: the example's title, its call and where it is documented. */
function describe(e: DocumentedExample, seen: Map<string, number>): string {
  const base = `${e.ex.title} (${e.op.method} ${e.resource.path}; ${e.ex.source.file}:${e.ex.source.line})`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base} #${n}`;
}

function interactionOf(e: DocumentedExample, states: InteractionSpec['states'], seen: Map<string, number>): InteractionSpec {
  const headers = { ...e.headers };
  if (headers.Authorization === DEFAULT_AUTHORIZATION) delete headers.Authorization;
  const responseHeaders: Record<string, unknown> = {};
  let contentType: string | undefined;
  for (const [k, v] of Object.entries(e.ex.responseHeaders)) {
    const lower = k.toLowerCase();
    if (lower === 'content-type') contentType = v;
    if (lower === 'content-type' || lower === 'location') responseHeaders[k] = headerMatcher(k, v);
  }
  const body = e.ex.responseBody;
  const isJson = body !== undefined && (contentType === undefined || /json/i.test(contentType)) && typeof body !== 'string';
  return {
    description: describe(e, seen),
    states,
    request: { method: e.op.method, path: e.path, query: e.query, headers, body: e.body },
    response: {
      status: e.ex.status,
      headers: responseHeaders,
      json: isJson ? bodyMatchers(body, { exactMessages: e.ex.source.file.startsWith('pages/') }) : undefined,
      text: !isJson && body !== undefined ? { contentType: contentType ?? 'text/plain', body: typeof body === 'string' ? body : JSON.stringify(body) } : undefined,
    },
  };
}
