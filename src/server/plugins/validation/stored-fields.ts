// A body field the entity keeps must fit the entity's own model, not only the request's: a write model may be
// looser (ET's create models take "any", or any text where the entity keeps one of a list of values), and what
// is stored is what every later answer shows. Whole numbers sent as text, and nulls for fields that are never
// null, are the engine's to settle (it stores the number, or keeps the value). ET refuses bad fields with 403.
import type { EtCall } from '../../engine/call.ts';
import { storedFieldOf } from '../../engine/records.ts';
import { json } from '../../http/responses.ts';
import { describe, type SpecSchemas } from './spec-schemas.ts';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { EntityDef } from '../../spec/entities.ts';

const pointerEscape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** entity -> field -> pointer to the field's schema in the entity's model (built once, not per request). */
const pointers = new Map<string, Map<string, string>>();

function fieldPointer(entity: string, key: string): string {
  let byField = pointers.get(entity);
  if (!byField) pointers.set(entity, (byField = new Map()));
  let pointer = byField.get(key);
  if (pointer === undefined) byField.set(key, (pointer = `#/components/schemas/${pointerEscape(entity)}/properties/${pointerEscape(key)}`));
  return pointer;
}

/**
 * Without a promise when every field's validator is compiled (every call after the first few): the async
 * path compiles what is missing.
 */
export function storedFieldProblem(call: EtCall, body: Record<string, unknown> | undefined, schemas: SpecSchemas): Response | undefined | Promise<Response | undefined> {
  const { op, engine } = call;
  // Generic writes only: a behaviour reads its body its own way.
  if (!body || op.behaviour || !op.entity || op.method === 'GET' || op.method === 'DELETE') return undefined;
  const def = engine.catalog.get(op.entity);
  const props = schemas.doc.components?.schemas?.[op.entity]?.properties as Record<string, unknown> | undefined;
  if (!def || !props) return undefined;
  const errors: string[] = [];
  for (const sent in body) {
    if (!Object.hasOwn(body, sent)) continue;
    const key = checkedField(def, props, sent, body[sent]);
    if (key === undefined) continue;
    const validate = schemas.compiledValidator(fieldPointer(op.entity, key));
    if (!validate) return compilingProblem(op.entity, def, props, body, schemas);
    collectErrors(validate, sent, body[sent], errors);
  }
  return refusal(def, errors);
}

async function compilingProblem(entity: string, def: EntityDef, props: Record<string, unknown>, body: Record<string, unknown>, schemas: SpecSchemas): Promise<Response | undefined> {
  const errors: string[] = [];
  for (const [sent, value] of Object.entries(body)) {
    const key = checkedField(def, props, sent, value);
    if (key === undefined) continue;
    collectErrors(await schemas.validator(fieldPointer(entity, key)), sent, value, errors);
  }
  return refusal(def, errors);
}

/** The stored field a body property is checked as, or undefined when it is not checked. */
function checkedField(def: EntityDef, props: Record<string, unknown>, sent: string, value: unknown): string | undefined {
  // Only what the engine stores from a body is checked, under the name it stores it.
  const key = storedFieldOf(def, sent);
  if (key === undefined || !(key in props)) return undefined;
  if ((value === null && def.nonNullFields.has(key)) || (typeof value === 'string' && def.integerFields.has(key))) return undefined;
  return key;
}

function collectErrors(validate: ValidateFunction, sent: string, value: unknown, errors: string[]): void {
  if (validate(value)) return;
  for (const e of (validate.errors ?? []).slice(0, 5)) errors.push(describe({ ...e, instancePath: `/${pointerEscape(sent)}${e.instancePath}` }).Message);
}

function refusal(def: EntityDef, errors: string[]): Response | undefined {
  if (!errors.length) return undefined;
  return json({ Message: `The request is invalid: ${errors[0]} (as ${def.name} keeps it).`, Errors: errors }, 403);
}
