// A request body held to its limit as it arrives, so one that declares no length (chunked) and never ends
// costs no more memory than the limit. The Node server installs the guard; validation lowers the limit once
// the operation is known. In-process requests (app.request) have no guard: their bodies are checked when read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { HttpError } from './errors.ts';
import { edgeBodyLimit, tooLargeMessage, type Limits } from './limits.ts';

const BODY_GUARD = Symbol('et-fake body guard');

interface BodyGuard {
  limit: number;
  upload: boolean;
  seen: number;
  refused: boolean;
}

type Guarded = IncomingMessage & { [BODY_GUARD]?: BodyGuard };

/**
 * Lowers the body limit of a request whose operation is known (ordinary requests take less than uploads).
 * `env` is the Hono context's env: the Node adapter's `{ incoming }`; in-process requests have none.
 */
export function narrowBodyLimit(env: unknown, limit: number, upload: boolean): void {
  const guard = (env as { incoming?: Guarded } | undefined)?.incoming?.[BODY_GUARD];
  if (guard && limit < guard.limit) Object.assign(guard, { limit, upload });
}

/**
 * How long a refused body's connection still reads (and drops) what comes, so the client can read the answer:
 * while bytes keep arriving, until a quiet second, and never more than ten seconds (a body that never ends).
 */
const LINGER_QUIET_MS = 1_000;
const LINGER_MAX_MS = 10_000;

/**
 * Makes a connection close gently whenever an answer closes it (Connection: close, from the edge or from a
 * handler's refusal): our side ends, then reads (and drops) what still comes, because closing with unread bytes
 * resets the connection and a client still sending (a big body on a busy machine) would lose the answer. Node
 * closes such a socket with destroySoon(), at once: this socket's does the gentle close instead. The Node
 * server installs it on every connection it accepts.
 */
export function lingerOnClose(socket: Socket & { destroySoon?: () => void }): void {
  socket.destroySoon = lingeringDestroySoon; // one shared function: no closure per connection
}

function lingeringDestroySoon(this: Socket): void {
  const socket = this;
  socket.end();
  const until = Date.now() + LINGER_MAX_MS;
  let read = socket.bytesRead;
  // bytesRead, not 'data' events: Node's HTTP parser may read the socket's handle directly.
  const check = () => {
    if (socket.destroyed) return;
    if (socket.bytesRead === read || Date.now() >= until) return void socket.destroy();
    read = socket.bytesRead;
    setTimeout(check, LINGER_QUIET_MS).unref();
  };
  setTimeout(check, LINGER_QUIET_MS).unref();
}

/** Closes the connection once the answer is out (gently: lingerOnClose), and says so, so no client reuses it. */
export function closeAfterAnswer(outgoing: ServerResponse): void {
  if (!outgoing.headersSent) outgoing.setHeader('connection', 'close');
}

/** Counts the body as it arrives; past the limit the reader gets a 413 error and later bytes are dropped. */
export function guardBody(incoming: Guarded, outgoing: ServerResponse, limits: Limits): void {
  const guard: BodyGuard = { limit: edgeBodyLimit(limits), upload: true, seen: 0, refused: false };
  incoming[BODY_GUARD] = guard;
  const push = incoming.push;
  incoming.push = function guardedPush(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null || chunk === undefined) return push.call(this, chunk, encoding);
    if (guard.refused) return true;
    guard.seen += (chunk as Buffer).length;
    if (guard.seen <= guard.limit) return push.call(this, chunk, encoding);
    guard.refused = true;
    closeAfterAnswer(outgoing);
    const err = new HttpError(413, tooLargeMessage(guard.limit, guard.upload));
    // A reader is waiting (the bytes flow only when one reads): its read fails with the 413, which the
    // engine answers. Without one there is nobody to answer, so the connection goes.
    if (incoming.listenerCount('error') > 0) incoming.emit('error', err);
    else incoming.destroy(err);
    return true;
  };
}
