// One Ajv (draft 2020-12) over the generated spec, shared by request and response validation: the whole
// document is added once and each schema is compiled the first time an operation needs it, then cached.
// Ajv itself is loaded on first use too, so start-up does not pay for it (about 120 ms to load here).
import type { Ajv2020 as AjvType, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { importExternal } from '../../external-import.ts';
import type { OpenApiDoc } from '../../spec/operations.ts';

const DOC_ID = 'https://et-fake.local/openapi.json';

const pointerEscape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** JSON pointer to a part of an operation, e.g. `#/paths/~1api~1projects/post/requestBody`. */
export const operationPointer = (path: string, method: string, ...rest: string[]): string =>
  ['#', 'paths', pointerEscape(path), method.toLowerCase(), ...rest.map(pointerEscape)].join('/');

export class SpecSchemas {
  private ajv?: Promise<AjvType>;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly doc: OpenApiDoc) {}

  private loadAjv(): Promise<AjvType> {
    return (this.ajv ??= (async () => {
      const [{ Ajv2020 }, formats] = (await Promise.all([importExternal('ajv/dist/2020.js'), importExternal('ajv-formats')])) as [typeof import('ajv/dist/2020.js'), typeof import('ajv-formats')];
      // The spec is the build's output, already checked against the OpenAPI schema: skipping Ajv's own
      // meta-schema check of it saves about 90 ms.
      const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, validateSchema: false });
      formats.default.default(ajv);
      ajv.addSchema({ ...this.doc, $id: DOC_ID });
      return ajv;
    })());
  }

  /** The part of the document the pointer names, or undefined. */
  resolve(pointer: string): any {
    let node: any = this.doc;
    for (const raw of pointer.split('/').slice(1)) {
      node = node?.[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (node === undefined) return undefined;
    }
    return node;
  }

  /** The compiled validator of the schema at `pointer` (compiled on first use). */
  async validator(pointer: string): Promise<ValidateFunction> {
    let v = this.compiled.get(pointer);
    if (!v) {
      v = (await this.loadAjv()).compile({ $ref: `${DOC_ID}${pointer}` });
      this.compiled.set(pointer, v);
    }
    return v;
  }

  /** The validator of the schema at `pointer` if it is compiled already, else undefined (then call validator()). */
  compiledValidator(pointer: string): ValidateFunction | undefined {
    return this.compiled.get(pointer);
  }

  /** How many schemas have been compiled so far (for benchmarks and tests of laziness). */
  get compiledCount(): number {
    return this.compiled.size;
  }
}

const shared = new WeakMap<OpenApiDoc, SpecSchemas>();

/** One SpecSchemas per spec document: apps made from the same document share compiled validators. */
export function schemasOf(doc: OpenApiDoc): SpecSchemas {
  let s = shared.get(doc);
  if (!s) shared.set(doc, (s = new SpecSchemas(doc)));
  return s;
}

/** `/Steps/0/Description` -> `Steps[0].Description`; the missing property for `required`. */
export function fieldOf(e: ErrorObject): string {
  const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') parts.push(String((e.params as { missingProperty?: string }).missingProperty));
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** A sentence per Ajv error, naming the field and the rule it breaks. */
export function describe(e: ErrorObject): { field: string; rule: string; Message: string } {
  const field = fieldOf(e) || 'body';
  const params = e.params as Record<string, unknown>;
  let text: string;
  switch (e.keyword) {
    case 'required':
      text = `${field} is required`;
      break;
    case 'type':
      text = `${field} must be of type ${Array.isArray(params.type) ? (params.type as string[]).join(' or ') : String(params.type)}`;
      break;
    case 'format':
      text = `${field} must be a valid ${String(params.format)}`;
      break;
    case 'enum':
      text = `${field} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    default:
      text = `${field} ${e.message ?? 'is invalid'}`;
  }
  return { field, rule: e.keyword, Message: text };
}
