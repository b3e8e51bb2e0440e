// Turns one finished call into a journal entry: the request as sent (credentials left out, bodies up to a
// size worth keeping) and how it was answered.
import type { Context } from 'hono';
import { kindOf } from '../validation/body-text.ts';
import { SECRET_HEADERS, type JournalEntry } from './journal.ts';

/** Bodies larger than this are recorded by size only (the journal must not hold uploads). */
export const MAX_RECORDED_BODY = 64 * 1024;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let nextId = 1;

export interface CallOutcome {
  path: string;
  sandbox: string | null;
  status: number;
  /** Wall-clock start (ms since the epoch) and how long the answer took. */
  at: number;
  durationMs: number;
}

export async function journalEntry(c: Context, call: CallOutcome): Promise<JournalEntry> {
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => {
    if (!SECRET_HEADERS.has(name)) headers[name] = value;
  });
  const { body, size } = await bodyOf(c, headers);
  return {
    Id: nextId++,
    At: new Date(call.at).toISOString(),
    Method: c.req.method,
    Path: call.path,
    Query: queryOf(c.req.url),
    Headers: headers,
    Body: body,
    BodySize: size,
    Status: call.status,
    DurationMs: Math.round(call.durationMs * 100) / 100,
    Sandbox: call.sandbox,
  };
}

function queryOf(url: string): Record<string, string | string[]> {
  const q = url.indexOf('?');
  const out: Record<string, string | string[]> = {};
  if (q < 0) return out;
  for (const [k, v] of new URLSearchParams(url.slice(q + 1))) {
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

async function bodyOf(c: Context, headers: Record<string, string>): Promise<{ body: unknown; size: number }> {
  if (!BODY_METHODS.has(c.req.method)) return { body: null, size: 0 };
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_RECORDED_BODY) return { body: null, size: declared };
  const kind = kindOf(headers['content-type']);
  try {
    if (kind === 'binary') return { body: null, size: (await c.req.arrayBuffer()).byteLength };
    // Hono keeps the body the handler read, so this is the same text.
    const text = await c.req.text();
    const size = Buffer.byteLength(text);
    if (size > MAX_RECORDED_BODY) return { body: null, size };
    if (kind === 'json' && text.trim()) {
      try {
        return { body: JSON.parse(text), size };
      } catch {
        // Malformed JSON is recorded as the text that was sent.
      }
    }
    return { body: text, size };
  } catch {
    return { body: null, size: Number.isFinite(declared) ? declared : 0 };
  }
}
