// Checks a response against the generated OpenAPI document: finds the operation by method and path
// template, then validates the JSON body with Ajv (draft 2020-12) against the schema documented for the
// status. Undocumented error statuses must still carry ET's {"Message"} body; an undocumented success
// status is a violation. Usable outside vitest (the --strict mode reuses it).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Router } from '../../src/server/http/router.ts';
import type { OpenApiDoc } from '../../src/server/spec/operations.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const DOC_ID = 'https://et-fake.local/openapi.json';
const MESSAGE_SCHEMA = { type: 'object', required: ['Message'], properties: { Message: { type: 'string' } } };

export interface ResponseCheck {
  method: string;
  /** The request path, with or without the base path and query string. */
  path: string;
  status: number;
  /** Parsed JSON body (undefined when the response had none). */
  body: unknown;
  contentType?: string | null;
}

const pointerEscape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export class ResponseValidator {
  private readonly ajv: Ajv2020;
  private readonly router = new Router<{ method: string; responses: Record<string, any>; pointer: string }>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly messageValidator: ValidateFunction;

  constructor(
    doc: OpenApiDoc,
    private readonly basePath = '',
  ) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats.default(this.ajv);
    this.ajv.addSchema({ ...doc, $id: DOC_ID });
    this.messageValidator = this.ajv.compile(MESSAGE_SCHEMA);
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const m of METHODS) {
        const op = item[m];
        if (op) this.router.add(path, m.toUpperCase(), { method: m, responses: op.responses ?? {}, pointer: `#/paths/${pointerEscape(path)}/${m}` });
      }
    }
  }

  private validatorFor(pointer: string): ValidateFunction {
    let v = this.compiled.get(pointer);
    if (!v) {
      v = this.ajv.compile({ $ref: `${DOC_ID}${pointer}` });
      this.compiled.set(pointer, v);
    }
    return v;
  }

  /** The list of problems (empty when the response matches the spec). */
  check(r: ResponseCheck): string[] {
    let path = r.path.split('?')[0]!.replace(/^[a-z]+:\/\/[^/]+/i, '');
    if (this.basePath && path.toLowerCase().startsWith(this.basePath.toLowerCase())) path = path.slice(this.basePath.length) || '/';
    const where = `${r.method} ${path} -> ${r.status}`;
    const match = this.router.match(path);
    const route = match?.methods.get(r.method.toUpperCase());
    if (!route) {
      // Not an operation of the spec (404/405 from the router): ET's error body is all there is to check.
      if (r.status === 404 || r.status === 405) return this.messageProblems(where, r.body);
      return [`${where}: no operation in the spec for this method and path`];
    }
    const documented = route.responses[String(r.status)] ?? route.responses.default;
    if (!documented) {
      if (r.status >= 400) return this.messageProblems(where, r.body);
      return [`${where}: status ${r.status} is not documented (documented: ${Object.keys(route.responses).join(', ')})`];
    }
    const content = documented.content as Record<string, { schema?: unknown }> | undefined;
    const mediaTypes = content ? Object.keys(content) : [];
    if (!mediaTypes.length) return r.body === undefined || r.body === '' ? [] : [`${where}: the spec documents no body but one was sent`];
    if (r.body === undefined) return [`${where}: the spec documents a body but none was sent`];
    const media = mediaTypes.find((t) => t.includes('json')) ?? mediaTypes[0]!;
    if (!content![media]!.schema) return [];
    const pointer = `${route.pointer}/responses/${r.status in route.responses ? r.status : 'default'}/content/${pointerEscape(media)}/schema`;
    const validate = this.validatorFor(pointer);
    if (validate(r.body)) return [];
    return (validate.errors ?? []).slice(0, 8).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`);
  }

  private messageProblems(where: string, body: unknown): string[] {
    if (this.messageValidator(body)) return [];
    return [`${where}: error responses must be {"Message": "..."}, got ${JSON.stringify(body)?.slice(0, 200)}`];
  }
}

/** Reads a fetch Response's body as JSON (undefined when empty) without consuming the original. */
export async function jsonOf(res: Response): Promise<unknown> {
  const text = await res.clone().text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
