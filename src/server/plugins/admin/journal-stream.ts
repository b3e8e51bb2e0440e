// The request journal as server-sent events (GET /__admin/requests with `Accept: text/event-stream`): the
// calls already kept (after `Last-Event-ID` or `?after=`), then each new one as it finishes, so a page can
// watch a test suite's calls live. Each event is one JournalEntry as JSON, its `id` the entry's Id.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { JournalEntry, JournalFilter } from './journal.ts';
import { pathMatcher } from './pattern.ts';
import type { Scope } from './scopes.ts';

/** A comment line this often keeps proxies from closing a quiet stream and finds readers that went away. */
const KEEP_ALIVE_MS = 15_000;

export function wantsStream(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('text/event-stream');
}

export function streamJournal(c: Context, scopes: Scope[], filter: JournalFilter): Response {
  if (filter.path) pathMatcher(filter.path); // a bad pattern is a 400 now, not a broken stream later
  const after = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? 0) || 0;
  return streamSSE(c, async (stream) => {
    // Subscribed before the catch-up is read, so no call falls between the two; the catch-up's ids decide.
    let sentUpTo = after;
    const pending: JournalEntry[] = [];
    let caughtUp = false;
    const send = (e: JournalEntry) => {
      if (e.Id <= sentUpTo) return;
      sentUpTo = e.Id;
      void stream.writeSSE({ id: String(e.Id), data: JSON.stringify(e) });
    };
    const unsubscribe = scopes.map((s) => s.journal.subscribe(filter, (e) => (caughtUp ? send(e) : pending.push(e))));
    const backlog = scopes.flatMap((s) => s.journal.list(filter)).sort((x, y) => x.Id - y.Id);
    for (const e of [...backlog, ...pending.sort((x, y) => x.Id - y.Id)]) send(e);
    caughtUp = true;
    const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    keepAlive.unref();
    await new Promise<void>((resolve) => stream.onAbort(resolve));
    clearInterval(keepAlive);
    for (const stop of unsubscribe) stop();
  });
}
