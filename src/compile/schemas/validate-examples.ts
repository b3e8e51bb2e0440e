// Checks every documented example body against the schema the spec gives it (Ajv, draft 2020-12).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenAPIObject } from 'openapi3-ts/oas31';

export interface ExampleProblem {
  operationId: string;
  where: string;
  title: string;
  source: string;
  errors: string;
}

const DOC_ID = 'et-openapi';

/** An Ajv instance that knows the spec's components, so `#/components/...` refs resolve. */
export function specAjv(openapi: OpenAPIObject): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true, code: { optimize: false } });
  addFormats.default(ajv);
  ajv.addSchema({ $id: DOC_ID, components: openapi.components ?? {} });
  return ajv;
}

/** Rewrites `#/components/...` to point into the registered spec document. */
export function anchorRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchorRefs);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : anchorRefs(v)]));
}

export function validateExamples(openapi: OpenAPIObject): ExampleProblem[] {
  const ajv = specAjv(openapi);
  const problems: ExampleProblem[] = [];
  type Example = { summary: string; value: unknown; 'x-et-source'?: string };
  const check = (validate: ValidateFunction, ex: Example, operationId: string, where: string) => {
    if (!validate(ex.value)) {
      const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(body)'} ${e.message}`).join('; ');
      problems.push({ operationId, where, title: ex.summary, source: ex['x-et-source'] ?? '?', errors });
    }
  };
  // A schema Ajv cannot compile is a catalogue mistake too; report it like a failing example.
  // Most operations share a handful of schemas ({$ref: X}); compile each distinct one once.
  const compiled = new Map<string, ValidateFunction>();
  const compile = (schema: unknown, operationId: string, where: string): ValidateFunction | undefined => {
    const key = JSON.stringify(schema);
    try {
      let validate = compiled.get(key);
      if (!validate) compiled.set(key, (validate = ajv.compile(anchorRefs(schema) as object)));
      return validate;
    } catch (err) {
      problems.push({ operationId, where, title: '(schema)', source: operationId, errors: `the schema does not compile: ${(err as Error).message}` });
      return undefined;
    }
  };
  for (const item of Object.values(openapi.paths ?? {})) {
    for (const op of Object.values(item) as { operationId: string; requestBody?: any; responses?: Record<string, any> }[]) {
      if (!op || typeof op !== 'object' || !op.operationId) continue;
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {}) as [string, any][]) {
        if (!type.includes('json') || !media.schema || !media.examples) continue;
        const validate = compile(media.schema, op.operationId, 'request body');
        if (validate) for (const ex of Object.values(media.examples ?? {}) as Example[]) check(validate, ex, op.operationId, 'request body');
      }
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        const media = response.content?.['application/json'];
        if (!media?.schema || !media.examples) continue;
        const validate = compile(media.schema, op.operationId, `${code} response`);
        if (validate) for (const ex of Object.values(media.examples ?? {}) as Example[]) check(validate, ex, op.operationId, `${code} response`);
      }
    }
  }
  return problems;
}
