// Reading pact files for verification: a file, every *.json of a directory, or a URL (fetched once, so its
// provider states can be read and a bad answer reported in one line).
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PactInteraction {
  description?: string;
  type?: string;
  providerStates?: { name?: string; params?: unknown }[];
  providerState?: string;
}

export interface LoadedPact {
  /** A local file the Verifier reads. */
  file: string;
  /** Where it came from, for messages. */
  source: string;
  consumer: string;
  provider: string;
  interactions: PactInteraction[];
}

export class PactInputError extends Error {
  override name = 'PactInputError';
}

export async function loadPacts(source: string): Promise<LoadedPact[]> {
  if (/^https?:\/\//i.test(source)) return [await fetchPact(source)];
  let stat;
  try {
    stat = statSync(source);
  } catch {
    throw new PactInputError(`${source}: no such file or directory`);
  }
  if (!stat.isDirectory()) return [parsePact(readFileSync(source, 'utf8'), source, source)];
  const files = readdirSync(source).filter((f) => f.endsWith('.json')).sort();
  if (!files.length) throw new PactInputError(`${source}: the directory holds no pact files (*.json)`);
  return files.map((f) => path.join(source, f)).map((f) => parsePact(readFileSync(f, 'utf8'), f, f));
}

async function fetchPact(url: string): Promise<LoadedPact> {
  let text: string;
  try {
    const res = await fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new PactInputError(`${url}: answered ${res.status} ${res.statusText}`);
    text = await res.text();
  } catch (err) {
    if (err instanceof PactInputError) throw err;
    throw new PactInputError(`${url}: cannot fetch the pact (${causeOf(err)})`);
  }
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'et-fake-pact-')), 'pact.json');
  writeFileSync(file, text);
  return parsePact(text, url, file);
}

export function parsePact(text: string, source: string, file: string): LoadedPact {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new PactInputError(`${source} is not a pact file: it is not JSON`);
  }
  const d = doc as { consumer?: { name?: unknown }; provider?: { name?: unknown }; interactions?: unknown; metadata?: unknown } | null;
  if (!d || typeof d !== 'object' || Array.isArray(d)) throw new PactInputError(`${source} is not a pact file: it is not a JSON object`);
  const missing = [typeof d.consumer?.name !== 'string' && 'consumer.name', typeof d.provider?.name !== 'string' && 'provider.name', !Array.isArray(d.interactions) && 'interactions'].filter(Boolean);
  if (missing.length) throw new PactInputError(`${source} is not a pact file: it has no ${missing.join(', ')}`);
  return { file, source, consumer: d.consumer!.name as string, provider: d.provider!.name as string, interactions: d.interactions as PactInteraction[] };
}

/** The provider state names an interaction is given (V3/V4 list, or V2's single one). */
export function statesOf(i: PactInteraction): string[] {
  if (Array.isArray(i.providerStates)) return i.providerStates.map((s) => s?.name).filter((n): n is string => typeof n === 'string');
  return typeof i.providerState === 'string' ? [i.providerState] : [];
}

export function causeOf(err: unknown): string {
  const e = err as { cause?: { code?: string; message?: string }; message?: string; name?: string };
  if (e?.name === 'TimeoutError') return 'no answer within the time limit';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
}
