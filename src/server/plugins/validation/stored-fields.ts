// A body field the entity keeps must fit the entity's own model, not only the request's: a write model may be
// looser (ET's create models take "any", or any text where the entity keeps one of a list of values), and what
// is stored is what every later answer shows. Whole numbers sent as text, and nulls for fields that are never
// null, are the engine's to settle (it stores the number, or keeps the value). ET refuses bad fields with 403.
import type { EtCall } from '../../engine/call.ts';
import { storedFieldOf } from '../../engine/records.ts';
import { json } from '../../http/responses.ts';
import { describe, type SpecSchemas } from './spec-schemas.ts';

const pointerEscape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export async function storedFieldProblem(call: EtCall, body: Record<string, unknown> | undefined, schemas: SpecSchemas): Promise<Response | undefined> {
  const { op, engine } = call;
  // Generic writes only: a behaviour reads its body its own way.
  if (!body || op.behaviour || !op.entity || op.method === 'GET' || op.method === 'DELETE') return undefined;
  const def = engine.catalog.get(op.entity);
  const props = schemas.doc.components?.schemas?.[op.entity]?.properties as Record<string, unknown> | undefined;
  if (!def || !props) return undefined;
  const errors: string[] = [];
  for (const [sent, value] of Object.entries(body)) {
    // Only what the engine stores from a body is checked, under the name it stores it.
    const key = storedFieldOf(def, sent);
    if (key === undefined || !(key in props)) continue;
    if ((value === null && def.nonNullFields.has(key)) || (typeof value === 'string' && def.integerFields.has(key))) continue;
    const validate = await schemas.validator(`#/components/schemas/${pointerEscape(op.entity)}/properties/${pointerEscape(key)}`);
    if (validate(value)) continue;
    for (const e of (validate.errors ?? []).slice(0, 5)) errors.push(describe({ ...e, instancePath: `/${pointerEscape(sent)}${e.instancePath}` }).Message);
  }
  if (!errors.length) return undefined;
  return json({ Message: `The request is invalid: ${errors[0]} (as ${def.name} keeps it).`, Errors: errors }, 403);
}
