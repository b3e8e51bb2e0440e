// Helpers for handlers: the call's JSON body and the id of the item it addresses. The call's types live with
// the engine that makes calls (engine.ts) and are re-exported here for handlers.
import type { EtCall } from './engine.ts';
import { HttpError } from '../http/errors.ts';
import { bodyIfRead, jsonObjectOf } from '../http/body-text.ts';

export type { EtCall, Handler, ServerEnv } from './engine.ts';

/** The JSON body as an object; ET answers a missing or malformed one as a validation failure. */
export async function jsonBody(call: EtCall): Promise<Record<string, unknown>> {
  // Validation has parsed it already (this text, this parse): no second JSON.parse. Nothing reads that
  // object after the handler, so the handler may change it.
  const read = bodyIfRead(call.c);
  const parsed = read && jsonObjectOf(read);
  if (parsed) return parsed;
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
