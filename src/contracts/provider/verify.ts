// `et-fake pact verify`: Pact's Verifier runs pact files against a provider: the fake (started on a free port
// when no URL is given), a real ET, or anything else. Provider states go to the provider's
// /__admin/provider-states when it has one (the fake does; a real ET does not, and is verified as it is).
// The result is one line per interaction that fails, with what was expected and what came back.
import { Verifier } from '@pact-foundation/pact';
import type { RunningFake } from '../../server/start.ts';
import { basicAuthorization, DEFAULT_USER } from '../../server/accounts/index.ts';
import { startFake } from '../../server/start.ts';
import { causeOf, loadPacts, PactInputError, statesOf, type LoadedPact } from './pacts.ts';
import { describeFailures, parseResults, type Failure } from './report.ts';
import { isKnownState } from './states.ts';

export interface VerifyOptions {
  /** A pact file, a directory of them, or a URL. */
  pact: string;
  /** The provider; none starts the fake. */
  providerBaseUrl?: string;
  user?: string;
  password?: string;
  /** Where the report goes (default stdout). */
  write?: (text: string) => void;
}

export interface VerifyResult {
  ok: boolean;
  interactions: number;
  failures: Failure[];
  /** Why the provider ran without state set-up, when it did. */
  notice?: string;
}

export async function verifyPacts(o: VerifyOptions): Promise<VerifyResult> {
  const pacts = await loadPacts(o.pact);
  const interactions = pacts.reduce((n, p) => n + p.interactions.length, 0);
  if (!interactions) throw new PactInputError(`${o.pact}: the pact has no interactions to verify`);
  let fake: RunningFake | undefined;
  if (!o.providerBaseUrl) {
    checkStatesKnown(pacts);
    fake = await startFake({ auth: true });
  }
  try {
    const base = (o.providerBaseUrl ?? fake!.url).replace(/\/+$/, '');
    const authorization = basicAuthorization({ userName: o.user ?? DEFAULT_USER.userName, password: o.password ?? DEFAULT_USER.password });
    const statesUrl = await providerStatesUrl(base, authorization);
    const failures: Failure[] = [];
    for (const pact of pacts) failures.push(...(await verifyOne(pact, base, authorization, statesUrl)));
    return { ok: failures.length === 0, interactions, failures, notice: statesUrl ? undefined : `${base} has no /__admin/provider-states: interactions ran without provider state set-up` };
  } finally {
    await fake?.close();
  }
}

function checkStatesKnown(pacts: LoadedPact[]): void {
  for (const pact of pacts) {
    for (const i of pact.interactions) {
      const unknown = statesOf(i).find((s) => !isKnownState(s));
      if (unknown !== undefined) throw new PactInputError(`${pact.source}: interaction '${i.description ?? '?'}' is given the provider state '${unknown}', which the fake does not know (GET /__admin/provider-states lists the ones it does)`);
    }
  }
}

/** The provider's state endpoint, or undefined when it has none; throws when the provider cannot be reached. */
async function providerStatesUrl(base: string, authorization: string): Promise<string | undefined> {
  const url = `${base}/__admin/provider-states`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { Authorization: authorization, Accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
  } catch (err) {
    throw new PactInputError(`cannot reach the provider at ${base} (${causeOf(err)})`);
  }
  const text = await res.text();
  if (res.status === 401 || res.status === 403) throw new PactInputError(`the provider at ${base} refused the credentials for its provider states (${res.status}): give --user and --password of an Administrator`);
  return res.ok && /"States"/.test(text) ? url : undefined;
}

async function verifyOne(pact: LoadedPact, base: string, authorization: string, statesUrl: string | undefined): Promise<Failure[]> {
  const stateNames = new Set(pact.interactions.flatMap(statesOf));
  // Pact's proxy logs a failing state handler and goes on with the call; here it fails the interaction.
  const stateErrors = new Map<string, string>();
  const post = async (state: string, params: unknown, action: 'setup' | 'teardown') => {
    const res = await fetch(statesUrl!, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify({ state, params: params ?? {}, action }),
    });
    const text = await res.text();
    if (!res.ok) {
      const why = `provider state '${state}' could not be set up: ${messageOf(text) ?? `${res.status}`}`;
      if (action === 'setup') stateErrors.set(state, why);
      throw new Error(why);
    }
    return undefined;
  };
  const stateHandlers = statesUrl
    ? Object.fromEntries([...stateNames].map((name) => [name, { setup: (p?: unknown) => post(name, p, 'setup'), teardown: (p?: unknown) => post(name, p, 'teardown') }]))
    : undefined;
  const verifier = new Verifier({
    provider: pact.provider,
    providerBaseUrl: base,
    pactUrls: [pact.file],
    logLevel: 'error',
    stateHandlers: stateHandlers as never,
    // The pact's calls carry no credentials unless they are some other user's: the ones given here go in.
    requestFilter: ((req: ProxiedRequest, _res: unknown, next: () => void) => {
      if (!req.headers.authorization) req.headers.authorization = authorization;
      formBodyAsSent(req);
      next();
    }) as never,
  });
  let failures: Failure[] = [];
  try {
    await verifier.verifyProvider();
  } catch (err) {
    const results = parseResults((err as Error).message);
    if (!results) throw new PactInputError(`the Pact Verifier could not run ${pact.source}: ${(err as Error).message.split('\n')[0]}`);
    failures = describeFailures(results);
  }
  for (const i of pact.interactions) {
    const broken = statesOf(i).filter((s) => stateErrors.has(s));
    if (!broken.length) continue;
    const name = i.description ?? '(unnamed interaction)';
    const failure = failures.find((f) => f.interaction === name) ?? failures[failures.push({ interaction: name, lines: [] }) - 1]!;
    failure.lines.unshift(...broken.map((s) => stateErrors.get(s)!));
  }
  return failures;
}

/**
 * Pact's verification proxy parses form bodies into an object and forwards them as JSON under the form's
 * content type; this puts the form text back before the call goes on to the provider.
 */
/** What the proxy's request filter sees of a call (an express request). */
interface ProxiedRequest {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

function formBodyAsSent(req: ProxiedRequest): void {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded') || !req.body || typeof req.body !== 'object' || Buffer.isBuffer(req.body)) return;
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, String(one));
  const text = Buffer.from(form.toString());
  req.body = text;
  req.headers['content-length'] = String(text.length);
}

function messageOf(text: string): string | undefined {
  try {
    const m = (JSON.parse(text) as { Message?: unknown }).Message;
    return typeof m === 'string' ? m : undefined;
  } catch {
    return text.trim() || undefined;
  }
}
