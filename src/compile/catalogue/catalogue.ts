// Reads the project's own catalogue: docs-spec/resources/*.json and docs-spec/models/*.json.
import {
  BuildError, HTTP_METHODS, type EntityDoc, type ExampleDoc, type HttpMethod, type JsonSchema, type ModelDoc,
  type OperationDoc, type ParameterDoc, type ResourceDoc, type SourceRef,
} from '../model.ts';

/** Parses JSON and turns a syntax error into a BuildError with the line it happened on. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const line = Number.isFinite(pos) ? text.slice(0, pos).split('\n').length : 1;
    throw new BuildError({ file, line }, `expected valid JSON: ${message}`);
  }
}

/** The line a key first appears on, for error messages that point into a JSON file. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function expectString(obj: Json, key: string, at: SourceRef, optional = false): string | undefined {
  const v = obj[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v === '') throw new BuildError(at, `expected "${key}" to be a non-empty string`);
  return v;
}

function stringList(v: unknown, what: string, at: SourceRef): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new BuildError(at, `expected "${what}" to be a list of strings`);
  return v as string[];
}

function stringMap(v: unknown, what: string, at: SourceRef): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw new BuildError(at, `expected "${what}" to be an object of strings`);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
}

export function parseResourceFile(text: string, file: string): ResourceDoc {
  const doc = parseJsonFile(text, file);
  const at = { file, line: 1 };
  if (!isObject(doc)) throw new BuildError(at, 'expected a JSON object describing one resource');
  const name = expectString(doc, 'resource', at)!;
  const path = expectString(doc, 'path', { file, line: lineOf(text, '"path"') })!;
  const operations: OperationDoc[] = [];
  const ops = doc.operations ?? {};
  if (!isObject(ops)) throw new BuildError({ file, line: lineOf(text, '"operations"') }, 'expected "operations" to be an object keyed by HTTP method');
  for (const [method, raw] of Object.entries(ops)) {
    const opAt = { file, line: lineOf(text, `"${method}"`) };
    if (!(HTTP_METHODS as readonly string[]).includes(method)) throw new BuildError(opAt, `expected an HTTP method (${HTTP_METHODS.join(', ')}), found "${method}"`);
    if (!isObject(raw)) throw new BuildError(opAt, `expected the ${method} operation to be an object`);
    operations.push(parseOperation(method as HttpMethod, raw, opAt, text));
  }
  const parent = doc.parent;
  if (parent !== undefined && !(isObject(parent) && ['param', 'entity', 'foreignKey'].every((k) => typeof parent[k] === 'string'))) {
    throw new BuildError({ file, line: lineOf(text, '"parent"') }, 'expected "parent" to be {param, entity, foreignKey}');
  }
  const behaviourByMethod = doc.behaviourByMethod === undefined ? undefined : stringMap(doc.behaviourByMethod, 'behaviourByMethod', at);
  return {
    name, path, operations, source: at,
    description: expectString(doc, 'description', at, true) ?? '',
    rootRelation: expectString(doc, 'rootRelation', at, true),
    entity: expectString(doc, 'entity', at, true),
    parent: parent as ResourceDoc['parent'],
    behaviourByMethod: behaviourByMethod as ResourceDoc['behaviourByMethod'],
  };
}

function parseOperation(method: HttpMethod, raw: Json, at: SourceRef, text: string): OperationDoc {
  const query = raw.query;
  if (query !== undefined && query !== 'tql' && query !== 'odata') throw new BuildError(at, `expected "query" to be "tql" or "odata", found ${JSON.stringify(query)}`);
  const parameters = (Array.isArray(raw.parameters) ? raw.parameters : []).map((p, i): ParameterDoc => {
    if (!isObject(p) || typeof p.name !== 'string' || (p.in !== 'path' && p.in !== 'query')) {
      throw new BuildError(at, `expected parameter ${i + 1} of ${method} to be {name, in: "path"|"query"}`);
    }
    return p as unknown as ParameterDoc;
  });
  const responses = raw.responses ?? {};
  if (!isObject(responses)) throw new BuildError(at, `expected "responses" of ${method} to be an object keyed by status`);
  const statuses = Object.entries(responses).map(([code, r]) => {
    if (!/^\d{3}$/.test(code) || !isObject(r)) throw new BuildError(at, `expected responses of ${method} keyed by a 3-digit status with {description, model?}`);
    return { code: Number(code), meaning: String(r.description ?? ''), model: typeof r.model === 'string' ? r.model : undefined };
  });
  const request = raw.request;
  if (request !== undefined && !isObject(request)) throw new BuildError(at, `expected "request" of ${method} to be {model, contentType}`);
  const examples = (Array.isArray(raw.examples) ? raw.examples : []).map((e, i) => parseExample(e, method, i, at, text));
  return {
    method,
    operationId: typeof raw.operationId === 'string' ? raw.operationId : undefined,
    description: String(raw.summary ?? raw.description ?? ''),
    queryStyle: query as OperationDoc['queryStyle'],
    queryParams: [],
    parameters,
    permissions: stringList(raw.permissions, 'permissions', at),
    expansions: stringList(raw.expands, 'expands', at),
    statuses,
    examples,
    requestModel: request && typeof request.model === 'string' ? request.model : undefined,
    requestContentType: request && typeof request.contentType === 'string' ? request.contentType : undefined,
    behaviour: typeof raw.behaviour === 'string' ? raw.behaviour : undefined,
    refuseWhileReferenced: refusalOf(raw.refuseWhileReferenced, at),
    source: at,
  };
}

function parseExample(raw: unknown, method: string, index: number, opAt: SourceRef, text: string): ExampleDoc {
  const where = `example ${index + 1} of ${method}`;
  if (!isObject(raw)) throw new BuildError(opAt, `expected ${where} to be an object`);
  const title = typeof raw.title === 'string' ? raw.title : `${method} example ${index + 1}`;
  const at = { file: opAt.file, line: lineOf(text, JSON.stringify(title)) };
  const request = raw.request === undefined ? {} : raw.request;
  const response = raw.response;
  if (!isObject(request)) throw new BuildError(at, `expected "request" of ${where} to be an object`);
  if (!isObject(response) || typeof response.status !== 'number') throw new BuildError(at, `expected "response" of ${where} to be {status, headers?, body?}`);
  return {
    title,
    description: typeof raw.description === 'string' ? raw.description : undefined,
    requestHeaders: stringMap(request.headers, 'request.headers', at),
    pathParams: stringMap(request.path, 'request.path', at),
    queryParams: stringMap(request.query, 'request.query', at),
    paramDescriptions: {},
    requestBody: request.body ?? undefined,
    responseHeaders: stringMap(response.headers, 'response.headers', at),
    responseBody: response.body ?? undefined,
    status: response.status,
    source: at,
  };
}

export function parseModelFile(text: string, file: string, name: string): ModelDoc {
  const doc = parseJsonFile(text, file);
  const at = { file, line: 1 };
  if (!isObject(doc)) throw new BuildError(at, 'expected a JSON Schema object');
  const { entity, ...schema } = doc;
  if (entity !== undefined) {
    // No "self": records ET shows without an address (an incident comment).
    if (!isObject(entity) || (entity.self !== undefined && typeof entity.self !== 'string')) {
      throw new BuildError({ file, line: lineOf(text, '"entity"') }, 'expected "entity" to be an object whose "self", when given, is a path template');
    }
  }
  return { name, schema: schema as JsonSchema, entity: entity as EntityDoc | undefined, source: at };
}

/** `{"by": ["Entity.Field", ...], "message": "..."}`: a DELETE refused while such records point at the target. */
function refusalOf(raw: unknown, at: SourceRef): OperationDoc['refuseWhileReferenced'] {
  if (raw === undefined) return undefined;
  const r = raw as { by?: unknown; message?: unknown };
  if (!r || typeof r !== 'object' || !Array.isArray(r.by) || !r.by.every((b) => typeof b === 'string' && /^\w+\.\w+$/.test(b)) || typeof r.message !== 'string')
    throw new BuildError(at, 'expected "refuseWhileReferenced" to be {"by": ["Entity.Field", ...], "message": "..."}');
  return { by: r.by as string[], message: r.message };
}
