// Writes Pact V4 files through Pact's own consumer DSL: each interaction is declared with PactV4, its request
// is sent to Pact's mock server, and the library writes the file (so what we publish is what Pact produces).
import { mkdtempSync, renameSync, rmSync, readFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PactV4, SpecificationVersion } from '@pact-foundation/pact';
import type { ProviderState } from './derive.ts';

export interface InteractionSpec {
  description: string;
  states: ProviderState[];
  request: { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body?: string };
  /** `body` is a matcher tree for JSON, or text with its content type. */
  response: { status: number; headers: Record<string, unknown>; json?: unknown; text?: { contentType: string; body: string } };
}

export interface PactParties {
  consumer: string;
  provider: string;
}

export const DEFAULT_CONSUMER = 'et-docs';
export const DEFAULT_PROVIDER = 'EnterpriseTester';

/** Pact's file name for a pair of parties. */
export const pactFileName = (p: PactParties) => `${p.consumer}-${p.provider}.json`;

const contentTypeOf = (headers: Record<string, string>) => Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];

/** Writes the interactions to `file` (replacing it: Pact merges into an existing file). Returns the file. */
export async function writePactFile(parties: PactParties, interactions: InteractionSpec[], file: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'et-fake-pact-'));
  try {
    const pact = new PactV4({ ...parties, dir, spec: SpecificationVersion.SPECIFICATION_VERSION_V4, logLevel: 'error' });
    for (const batch of batches(interactions)) await declareBatch(pact, batch);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const written = path.join(dir, pactFileName(parties));
    if (!interactions.length) throw new Error('there are no interactions to write');
    readFileSync(written); // fails loudly if Pact wrote nothing
    rmSync(file, { force: true });
    renameSync(written, file);
    return file;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Interactions go to Pact's mock server in batches (one server and one file write per batch, not per
 * interaction); a batch never holds two identical requests, which the mock server could not tell apart.
 */
function batches(interactions: InteractionSpec[], size = 10): InteractionSpec[][] {
  const out: { keys: Set<string>; items: InteractionSpec[] }[] = [];
  for (const spec of interactions) {
    const r = spec.request;
    const key = JSON.stringify([r.method, r.path, r.query, r.headers, r.body]);
    let batch = out.find((b) => b.items.length < size && !b.keys.has(key));
    if (!batch) out.push((batch = { keys: new Set(), items: [] }));
    batch.keys.add(key);
    batch.items.push(spec);
  }
  return out.map((b) => b.items);
}

/** Declares the batch's interactions, then sends every request of it to one mock server. */
async function declareBatch(pact: PactV4, batch: InteractionSpec[]): Promise<void> {
  let last: ReturnType<typeof declare> | undefined;
  for (const spec of batch) last = declare(pact, spec);
  await last!.executeTest(async (mock) => {
    for (const { request: req } of batch) {
      const query = new URLSearchParams(req.query).toString();
      const answer = await fetch(`${mock.url}${req.path}${query ? `?${query}` : ''}`, { method: req.method, headers: req.headers, body: req.body });
      await answer.arrayBuffer();
    }
  });
}

function declare(pact: PactV4, spec: InteractionSpec) {
  let interaction = pact.addInteraction();
  for (const s of spec.states) interaction = interaction.given(s.name, s.params as never);
  const { request: req, response: res } = spec;
  const requestType = contentTypeOf(req.headers);
  return interaction
    .uponReceiving(spec.description)
    .withRequest(req.method, req.path, (b) => {
      if (Object.keys(req.query).length) b.query(req.query);
      b.headers(req.headers);
      if (req.body === undefined) return;
      if (requestType?.startsWith('application/json')) b.jsonBody(JSON.parse(req.body));
      else textBody(b, req.body, requestType ?? 'text/plain');
    })
    .willRespondWith(res.status, (b) => {
      if (Object.keys(res.headers).length) b.headers(res.headers as never);
      if (res.json !== undefined) b.jsonBody(res.json);
      else if (res.text) textBody(b, res.text.body, res.text.contentType);
    });
}

/**
 * A text body (form fields, multipart, XML, CSV) as text with its content type. The builders offer text only
 * for JSON and XML, and Pact compares a binary body's sniffed type with the declared one (form text sniffs as
 * text/plain), so this uses the builder's interaction: pact-core's ConsumerInteraction.withRequestBody.
 */
function textBody(builder: object, text: string, contentType: string): void {
  const interaction = (builder as { interaction?: Record<string, unknown> }).interaction;
  const isRequest = 'query' in builder;
  const set = interaction?.[isRequest ? 'withRequestBody' : 'withResponseBody'];
  if (typeof set !== 'function') throw new Error('this version of @pact-foundation/pact has no text bodies for its builders');
  set.call(interaction, text, contentType);
}
