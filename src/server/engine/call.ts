// What a handler gets for one request: the matched operation, its parameters and the caller.
import type { Context } from 'hono';
import type { Engine } from './engine.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from './store-types.ts';
import { HttpError } from '../http/errors.ts';

/**
 * Hono variables the server's middleware share: auth sets `user`; a middleware that serves the API under an
 * extra prefix (a sandbox's `/sandboxes/{id}`, after the base path) sets `pathPrefix`, which the engine strips
 * before routing and keeps in every link it builds.
 */
export type ServerEnv = { Variables: { user?: Rec; engine: Engine; pathPrefix?: string } };

export interface EtCall {
  c: Context<ServerEnv>;
  engine: Engine;
  op: OperationSpec;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Origin plus the base path the request came in under, e.g. `http://localhost:8080/EnterpriseTester`. */
  base: string;
  /** The authenticated caller (or the Administrator when auth is off). */
  user: Rec | undefined;
}

export type Handler = (call: EtCall) => Response | Promise<Response>;

/** The JSON body as an object; ET answers a missing or malformed one as a validation failure. */
export async function jsonBody(call: EtCall): Promise<Record<string, unknown>> {
  const text = await call.c.req.text();
  if (!text.trim()) {
    // An operation that documents no body (POST /api/temporaryattachmentsets) is called without one.
    if (!call.op.requestTypes.length) return {};
    throw new HttpError(403, 'The request body is empty: send a JSON object.');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(403, 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** The value of the operation's last path parameter: the id of the item it addresses. */
export const itemId = (call: EtCall): string => call.params[call.op.params[call.op.params.length - 1]!]!;
