// Helpers for handlers: the call's JSON body and the id of the item it addresses. The call's types live with
// the engine that makes calls (engine.ts) and are re-exported here for handlers.
import type { EtCall } from './engine.ts';
import { HttpError } from '../http/errors.ts';
import { bodyIfRead, jsonObjectOf } from '../http/body-text.ts';

export type { EtCall, Handler, ServerEnv } from './engine.ts';

/** The JSON body as an object; ET answers a missing or malformed one as a validation failure. */
export async function jsonBody(call: EtCall): Promise<Record<string, unknown>> {
  return parsedJsonBody(call) ?? readJsonBody(call);
}

/**
 * The JSON object body validation has parsed already (this text, this parse: no second JSON.parse), without
 * waiting; undefined when nothing has read it or it is not an object (then jsonBody reads and refuses it).
 * Nothing reads that object after the handler, so the handler may change it.
 */
export function parsedJsonBody(call: EtCall): Record<string, unknown> | undefined {
  const read = bodyIfRead(call.c);
  return read && jsonObjectOf(read);
}

async function readJsonBody(call: EtCall): Promise<Record<string, unknown>> {
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
