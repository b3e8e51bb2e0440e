// An update may leave out any field, but may not empty one the entity must have (a package's Name, a
// script's PackageId): the stored record would break its own model. ET refuses that as a validation failure.
import type { EtCall } from '../../engine/call.ts';
import { message } from '../../http/responses.ts';

const isEmpty = (v: unknown) => v === null || (typeof v === 'string' && !v.trim());

export function clearedFieldProblem(call: EtCall, body: Record<string, unknown> | undefined): Response | undefined {
  const { op, engine } = call;
  if (!body || (op.method !== 'PUT' && op.method !== 'PATCH') || op.kind !== 'item' || !op.entity) return undefined;
  const def = engine.catalog.get(op.entity);
  if (!def) return undefined;
  for (const field of [...def.requiredFields, ...def.requiredReferences]) {
    if (field in body && isEmpty(body[field]))
      return message(403, `The request is invalid: ${field} cannot be emptied, every ${def.name} must have one.`);
  }
  return undefined;
}
