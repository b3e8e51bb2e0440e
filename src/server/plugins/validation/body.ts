// Request body checks, before any handler runs: size, Content-Type, well-formed JSON, and the schema the
// operation documents. Statuses as ET answers them: 413 too large, 400 unreadable, 403 against the rules.
import type { EtCall } from '../../engine/call.ts';
import { json, message } from '../../http/responses.ts';
import type { OperationSpec } from '../../spec/operations.ts';
import { kindOf, PARSE_FAILED, requestBody, type RequestBody } from '../../http/body-text.ts';
import { tooLargeMessage, type Limits } from '../../http/limits.ts';
import { narrowBodyLimit } from '../../http/body-guard.ts';
import { describe, operationPointer, type SpecSchemas } from './spec-schemas.ts';
import type { ValidateFunction } from 'ajv/dist/2020.js';

/** Operations that take files: multipart or raw bytes, with the larger upload limit. */
export function isUpload(op: OperationSpec): boolean {
  // Asked twice on every call with a body; a function of the operation alone.
  let upload = uploads.get(op);
  if (upload === undefined) uploads.set(op, (upload = op.requestTypes.some((t) => kindOf(t) === 'binary') || op.behaviour === 'automated-result-upload'));
  return upload;
}
const uploads = new WeakMap<OperationSpec, boolean>();

/**
 * A refusal before reading the body, from its declared length. A body that declares none (chunked) is held to
 * the operation's limit as it arrives (http/node-server.ts).
 */
export function declaredSizeProblem(call: EtCall, limits: Limits): Response | undefined {
  const declared = Number(call.c.req.header('content-length'));
  const upload = isUpload(call.op);
  const limit = upload ? limits.maxUploadBytes : limits.maxBodyBytes;
  if (Number.isFinite(declared) && declared > limit) return message(413, tooLargeMessage(limit, upload), { connection: 'close' });
  narrowBodyLimit(call.c.env, limit, upload);
  return undefined;
}

export interface BodyRule {
  /** Pointer to the JSON schema of the request body, when the operation documents one. */
  schemaPointer?: string;
  /** Body kinds the operation accepts ('json', 'form', ...); empty when it documents no body. */
  kinds: Set<string>;
}

export function bodyRule(schemas: SpecSchemas, op: OperationSpec): BodyRule {
  const content = schemas.doc.paths?.[op.path]?.[op.method.toLowerCase()]?.requestBody?.content ?? {};
  const jsonType = Object.keys(content).find((t) => kindOf(t) === 'json');
  return {
    schemaPointer: jsonType && content[jsonType]?.schema ? operationPointer(op.path, op.method, 'requestBody', 'content', jsonType, 'schema') : undefined,
    kinds: new Set(Object.keys(content).map(kindOf)),
  };
}

export function bodyProblem(call: EtCall, schemas: SpecSchemas, rule: BodyRule, limits: Limits): Promise<Response | undefined> {
  return requestBody(call.c).then((body) => problemOfBody(call, body, schemas, rule, limits));
}

/**
 * The refusal of a read body, or undefined. Without a promise once the operation's schema is compiled (every
 * call after its first): each await is a turn of the microtask queue on every write.
 */
export function problemOfBody(call: EtCall, body: RequestBody, schemas: SpecSchemas, rule: BodyRule, limits: Limits): Response | undefined | Promise<Response | undefined> {
  if (body.kind === 'none') return undefined;
  const upload = isUpload(call.op);
  const limit = upload ? limits.maxUploadBytes : limits.maxBodyBytes;
  if (body.size > limit) return message(413, tooLargeMessage(limit, upload));
  if (body.size === 0) return undefined;
  if (body.badUtf8) return message(400, 'The request body is not valid UTF-8: send text and JSON encoded as UTF-8.');
  if (body.shape && body.shape.depth > limits.maxJsonDepth) return message(400, `The request body nests too deep: JSON may nest arrays and objects ${limits.maxJsonDepth} levels deep.`);
  if (body.shape && body.shape.elements > limits.maxJsonElements) return message(413, `The request body holds too many values: JSON may hold at most ${limits.maxJsonElements} array items and object members.`);
  const declaredType = call.c.req.header('content-type');
  // An operation that documents no body ignores one; one that does takes only its documented kinds (JSON
  // also when the client sends no Content-Type).
  // Form operations also read JSON and plain text fields, as the engine's searches do.
  const formAlike = rule.kinds.has('form') && (body.kind === 'json' || body.kind === 'text');
  if (rule.kinds.size && !rule.kinds.has(body.kind) && !formAlike) {
    const accepted = [...rule.kinds].map((k) => (k === 'json' ? 'application/json' : k === 'form' ? 'application/x-www-form-urlencoded' : k === 'binary' ? 'multipart/form-data' : 'text/plain'));
    // File uploads document ET's 415; elsewhere an unreadable body is a plain 400.
    const status = call.op.statuses.includes(415) ? 415 : 400;
    return message(status, `The request's Content-Type '${declaredType ?? ''}' is not supported here: send ${accepted.join(' or ')}.`);
  }
  if (body.kind !== 'json' || !rule.kinds.has('json')) return undefined;
  if (body.json === PARSE_FAILED) return message(400, 'The request body is not valid JSON.');
  if (body.json === undefined || !rule.schemaPointer) return undefined;
  const sent = body.json;
  const compiled = schemas.compiledValidator(rule.schemaPointer);
  if (compiled) return schemaProblem(compiled, sent);
  return schemas.validator(rule.schemaPointer).then((validate) => schemaProblem(validate, sent));
}

function schemaProblem(validate: ValidateFunction, sent: unknown): Response | undefined {
  if (validate(sent)) return undefined;
  const errors = (validate.errors ?? []).slice(0, 20).map((e) => describe(e).Message);
  return json({ Message: `The request is invalid: ${errors[0]}.`, Errors: errors }, 403);
}
