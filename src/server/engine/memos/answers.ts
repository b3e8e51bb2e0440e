// GET answers kept until the state they were computed from changes. Clients poll the same URLs (a page of
// runs, one assignment) far more often than they write, and a generic read is a pure function of the request
// and the store it reads: the same URL, the same headers and an unchanged store version give the same bytes.
// A kept answer skips routing, the plug-ins' checks, the lookup and the JSON serialisation.
//
// What keeps it correct:
// - only the generic item and collection reads are kept (ET-specific behaviours may read the clock or other
//   state), only 200s, and only when no write happened while the answer was computed;
// - the key is the whole URL (its host is in every link) and every request header except a few that cannot
//   change an answer, compared in place, so two callers share an answer only when they sent the same
//   credentials;
// - each store (the fake's own, each sandbox) has its own memo, emptied when the store's version moves on:
//   every write, reset and load does that, and the accounts and grants auth checks against are in the store.
import type { Context } from 'hono';
import { bodyTextOf } from '../../http/responses.ts';
import type { Store } from '../store-types.ts';

/** Request headers that cannot change what the fake answers. */
const IRRELEVANT = new Set(['connection', 'keep-alive', 'user-agent', 'accept-encoding', 'cache-control', 'pragma', 'priority', 'referer', 'dnt']);

/** Bounds per store: the memo holds the answers to the URLs in use, not a copy of the data. */
const MAX_ANSWERS = 1_000;
const MAX_ASKED = 4_096;
const MAX_BYTES = 8 * 1024 * 1024;
/** A page this large costs more to keep than to build again once in a while. */
const MAX_ANSWER_BYTES = 256 * 1024;

interface Kept {
  /** The headers that mattered, lower-case name and value in turn, in the order sent. */
  pairs: string[];
  text: string;
  status: number;
  headers: Record<string, string>;
}

interface StoreMemo {
  version: number;
  /** By URL: usually one answer, more where callers send different credentials. */
  answers: Map<string, Kept[]>;
  /**
   * URLs asked once since the store changed: an answer is kept the second time its URL is asked. A client
   * walking through thousands of records asks each once; keeping those answers would only feed the garbage
   * collector (about 5 µs a call measured).
   */
  asked: Set<string>;
  count: number;
  bytes: number;
}

/** A GET on its way through the engine: where its answer would be kept, and the store version it saw. */
export interface PendingAnswer {
  memo: StoreMemo;
  url: string;
  pairs: string[];
  version: number;
  store: Store;
  /** The URL was asked before: its answer is worth keeping. */
  again: boolean;
}

export class AnswerMemo {
  readonly #byStore = new WeakMap<Store, StoreMemo>();

  /** A kept answer for this GET, or what is needed to keep the one the engine is about to compute. */
  lookup(c: Context, store: Store): Response | PendingAnswer | undefined {
    if (c.req.method !== 'GET') return undefined;
    const raw = rawPairs(c);
    if (raw === undefined) return undefined;
    let memo = this.#byStore.get(store);
    const version = store.version;
    if (!memo) this.#byStore.set(store, (memo = { version, answers: new Map(), asked: new Set(), count: 0, bytes: 0 }));
    else if (memo.version !== version) {
      memo.version = version;
      memo.answers.clear();
      memo.asked.clear();
      memo.count = memo.bytes = 0;
    }
    const url = c.req.url;
    const candidates = memo.answers.get(url);
    if (candidates) {
      for (const kept of candidates) {
        if (sameHeaders(raw, kept.pairs)) return new Response(kept.text, { status: kept.status, headers: kept.headers });
      }
    }
    const again = memo.asked.has(url);
    if (!again) {
      if (memo.asked.size >= MAX_ASKED) memo.asked.clear();
      memo.asked.add(url);
    }
    return { memo, url, pairs: relevantPairs(raw), version, store, again };
  }

  /** Keeps a computed answer when it is a plain JSON 200 and the store did not change meanwhile. */
  keep(pending: PendingAnswer, res: Response): void {
    const { memo, store, version } = pending;
    if (!pending.again || res.status !== 200 || store.version !== version || memo.version !== version) return;
    const body = bodyTextOf(res);
    if (body === undefined || body.text.length > MAX_ANSWER_BYTES) return;
    if (memo.count >= MAX_ANSWERS || memo.bytes + body.text.length > MAX_BYTES) {
      memo.answers.clear();
      memo.count = memo.bytes = 0;
    }
    const kept: Kept = { pairs: pending.pairs, text: body.text, status: 200, headers: body.headers };
    const list = memo.answers.get(pending.url);
    if (list) list.push(kept);
    else memo.answers.set(pending.url, [kept]);
    memo.count++;
    memo.bytes += body.text.length;
  }
}

/** Header names as sent -> lower case: clients send the same few names on every call. */
const lowerNames = new Map<string, string>();
function lower(name: string): string {
  let l = lowerNames.get(name);
  if (l === undefined) {
    l = name.toLowerCase();
    if (lowerNames.size < 512) lowerNames.set(name, l);
  }
  return l;
}

/**
 * The request's header names and values in turn (Node's own list when served over HTTP; in-process, the
 * Request's); undefined for a GET with a body, which is never kept.
 */
function rawPairs(c: Context): readonly string[] | undefined {
  let raw: readonly string[] | undefined = (c.env as { incoming?: { rawHeaders?: string[] } } | undefined)?.incoming?.rawHeaders;
  if (!raw) {
    const pairs: string[] = [];
    for (const [name, value] of c.req.raw.headers) pairs.push(name, value);
    raw = pairs;
  }
  for (let i = 0; i < raw.length; i += 2) {
    const name = lower(raw[i]!);
    if (name === 'content-length' || name === 'transfer-encoding') return undefined;
  }
  return raw;
}

function relevantPairs(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = lower(raw[i]!);
    if (!IRRELEVANT.has(name)) out.push(name, raw[i + 1]!);
  }
  return out;
}

/** The request's relevant headers are exactly the kept answer's, in the same order. */
function sameHeaders(raw: readonly string[], pairs: readonly string[]): boolean {
  let j = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = lower(raw[i]!);
    if (IRRELEVANT.has(name)) continue;
    if (j >= pairs.length || pairs[j] !== name || pairs[j + 1] !== raw[i + 1]) return false;
    j += 2;
  }
  return j === pairs.length;
}
