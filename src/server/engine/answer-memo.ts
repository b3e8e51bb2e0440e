// GET answers kept until the state they were computed from changes. Clients poll the same URLs (a page of
// runs, one assignment) far more often than they write, and a generic read is a pure function of the request
// and the store it reads: the same URL, the same headers and an unchanged store version give the same bytes.
// A kept answer skips routing, the plug-ins' checks, the lookup and the JSON serialisation.
//
// What keeps it correct:
// - only the generic item and collection reads are kept (ET-specific behaviours may read the clock or other
//   state), only 200s, and only when no write happened while the answer was computed;
// - the key is the method, the whole URL (its host is in every link) and every request header except a few
//   that cannot change an answer, so two callers share an answer only when they sent the same credentials;
// - each store (the fake's own, each sandbox) has its own memo, emptied when the store's version moves on:
//   every write, reset and load does that, and the accounts and grants auth checks against are in the store.
import type { Context } from 'hono';
import { bodyTextOf } from '../http/responses.ts';
import type { Store } from './store-types.ts';

/** Request headers that cannot change what the fake answers. */
const IRRELEVANT = new Set(['connection', 'keep-alive', 'user-agent', 'accept-encoding', 'cache-control', 'pragma', 'priority', 'referer', 'dnt']);

/** Bounds per store: the memo holds the answers to the URLs in use, not a copy of the data. */
const MAX_ANSWERS = 1_000;
const MAX_BYTES = 8 * 1024 * 1024;
/** A page this large costs more to keep than to build again once in a while. */
const MAX_ANSWER_BYTES = 256 * 1024;

interface Kept {
  text: string;
  status: number;
  headers: Record<string, string>;
}

interface StoreMemo {
  version: number;
  answers: Map<string, Kept>;
  bytes: number;
}

/** A GET on its way through the engine: where its answer would be kept, and the store version it saw. */
export interface PendingAnswer {
  memo: StoreMemo;
  key: string;
  version: number;
  store: Store;
}

export class AnswerMemo {
  readonly #byStore = new WeakMap<Store, StoreMemo>();

  /** A kept answer for this GET, or what is needed to keep the one the engine is about to compute. */
  lookup(c: Context, store: Store): Response | PendingAnswer | undefined {
    const key = keyOf(c);
    if (key === undefined) return undefined;
    let memo = this.#byStore.get(store);
    const version = store.version;
    if (!memo) this.#byStore.set(store, (memo = { version, answers: new Map(), bytes: 0 }));
    else if (memo.version !== version) {
      memo.version = version;
      memo.answers.clear();
      memo.bytes = 0;
    }
    const kept = memo.answers.get(key);
    if (kept) return new Response(kept.text, { status: kept.status, headers: kept.headers });
    return { memo, key, version, store };
  }

  /** Keeps a computed answer when it is a plain JSON 200 and the store did not change meanwhile. */
  keep(pending: PendingAnswer, res: Response): void {
    const { memo, store, version } = pending;
    if (res.status !== 200 || store.version !== version || memo.version !== version) return;
    const body = bodyTextOf(res);
    if (body === undefined || body.text.length > MAX_ANSWER_BYTES) return;
    if (memo.answers.size >= MAX_ANSWERS || memo.bytes + body.text.length > MAX_BYTES) {
      memo.answers.clear();
      memo.bytes = 0;
    }
    memo.answers.set(pending.key, { text: body.text, status: 200, headers: body.headers });
    memo.bytes += body.text.length;
  }
}

/** Method, URL and the headers that matter, in the order sent; undefined for a request never kept. */
function keyOf(c: Context): string | undefined {
  if (c.req.method !== 'GET') return undefined;
  let key = c.req.url;
  // Node's own name/value list where there is one (no Headers object built); in-process, the Request's.
  const raw = (c.env as { incoming?: { rawHeaders?: string[] } } | undefined)?.incoming?.rawHeaders;
  if (raw) {
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      if (name === 'content-length' || name === 'transfer-encoding') return undefined; // a GET with a body
      if (!IRRELEVANT.has(name)) key += `\n${name}:${raw[i + 1]}`;
    }
  } else {
    for (const [name, value] of c.req.raw.headers) {
      if (name === 'content-length' || name === 'transfer-encoding') return undefined;
      if (!IRRELEVANT.has(name)) key += `\n${name}:${value}`;
    }
  }
  return key;
}
