// The fake behind a real Node HTTP server, with the limits a hostile client meets before any handler runs:
// headers too slow (408) or too large (431), a whole request too slow (408), a body over the limit (413, even
// chunked and never ending), unreadable HTTP or URLs (400). Each in ET's {"Message"} shape, the connection
// closed after it. Hono's Node adapter does the rest.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { closeAfterAnswer, guardBody, lingerOnClose } from './body-guard.ts';
import { edgeBodyLimit, sizeText, tooLargeMessage, type Limits } from './limits.ts';
import { JSON_TYPE, message } from './responses.ts';

/** The raw HTTP answer for a connection whose request never got as far as a handler. */
function rawAnswer(status: number, reason: string, text: string): string {
  const body = JSON.stringify({ Message: text });
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

function clientErrorAnswer(err: NodeJS.ErrnoException, limits: Limits): string | undefined {
  switch (err.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return undefined; // the client has gone
    case 'HPE_HEADER_OVERFLOW':
      return rawAnswer(431, 'Request Header Fields Too Large', `The request line and headers are too large: send at most ${sizeText(limits.maxHeaderBytes)} of them.`);
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return rawAnswer(408, 'Request Timeout', `The request took too long to arrive: send the headers within ${limits.headersTimeoutMs / 1000} s and the whole request within ${limits.requestTimeoutMs / 1000} s.`);
    default:
      return rawAnswer(400, 'Bad Request', `The request is not valid HTTP (${err.code ?? err.message}).`);
  }
}

/** An answer before the app sees the request; the connection closes after it (the body may be unread). */
function answer(outgoing: ServerResponse, status: number, text: string): void {
  const body = JSON.stringify({ Message: text });
  closeAfterAnswer(outgoing);
  outgoing.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body), connection: 'close' });
  outgoing.end(body);
}

/**
 * False when the URL's percent-encoding decodes to bytes that are not UTF-8 (`%FF`): decoding would turn them
 * into U+FFFD and a query or name would silently mean something else. A lone `%` is left to the parsers.
 */
export function readsAsUtf8(url: string): boolean {
  // Node hands raw request-target bytes over as latin1: non-ASCII ones must read back as UTF-8.
  if (/[^\x00-\x7f]/.test(url) && !decodes(() => STRICT_UTF8.decode(Buffer.from(url, 'latin1')))) return false;
  return !url.includes('%') || decodes(() => decodeURIComponent(url.replace(/%(?![0-9a-f]{2})/gi, '%25')));
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodes(decode: () => unknown): boolean {
  try {
    decode();
    return true;
  } catch {
    return false;
  }
}

export interface HttpServerOptions {
  fetch: (request: Request, env: { incoming: IncomingMessage; outgoing: ServerResponse }) => Response | Promise<Response>;
  /** Host name for URLs of requests without a Host header. */
  hostname?: string;
  limits: Limits;
}

export function createHttpServer({ fetch, hostname, limits }: HttpServerOptions): Server {
  const listener = getRequestListener(fetch as Parameters<typeof getRequestListener>[0], {
    hostname,
    // A request the adapter cannot turn into a URL (a bad Host header, an odd request target).
    errorHandler: (err) => message(400, `The request cannot be read: ${(err as Error).message}.`, { connection: 'close' }),
  });
  const requestTimeout = limits.requestTimeoutMs;
  const headersTimeout = Math.min(limits.headersTimeoutMs, requestTimeout);
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout,
      requestTimeout,
      // How often Node looks for requests past their time: often enough that a timeout is near its value.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
    (incoming, outgoing) => {
      const declared = Number(incoming.headers['content-length']);
      if (Number.isFinite(declared) && declared > edgeBodyLimit(limits)) return answer(outgoing, 413, tooLargeMessage(edgeBodyLimit(limits), true));
      if (incoming.url && !readsAsUtf8(incoming.url)) return answer(outgoing, 400, 'The request URL is not valid UTF-8: percent-encode text as UTF-8 (%C3%A9 for \u00e9).');
      // Without a length or chunked coding an HTTP/1.1 request has no body: nothing to guard (most GETs).
      if (incoming.headers['transfer-encoding'] !== undefined || incoming.headers['content-length'] !== undefined) guardBody(incoming, outgoing, limits);
      void listener(incoming, outgoing);
    },
  );
  server.on('connection', lingerOnClose);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const answered = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage?.headersSent;
    const answer = answered ? undefined : clientErrorAnswer(err, limits);
    if (answer && socket.writable) socket.end(answer, () => socket.destroy());
    else socket.destroy();
  });
  return server;
}
