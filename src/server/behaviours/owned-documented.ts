// Read-only resources the fake has no model for, that belong to one record named by the path's first
// parameter (a requirement's ticket comments, a project's form widgets, an automated run's data tables):
// answered with ET's documented example, but only for a record that exists (404 with a Message otherwise),
// and with the owner's own Id and name where the example shows them (ProjectId, ProjectName). Parts the
// operation lists as expansions are left out unless $expand asks for them.
import type { EtCall } from '../call.ts';
import type { Engine } from '../engine.ts';
import { HttpError } from '../errors.ts';
import { parseExpand } from '../hypermedia.ts';
import { json } from '../http.ts';
import type { OperationSpec } from '../spec.ts';

/** The entity whose item path is `/api/<segment>/{...}`, for the path's first parameter. */
function ownerEntity(op: OperationSpec, engine: Engine): string | undefined {
  const segment = /^\/api\/([^/]+)\/\{[^}]+\}/i.exec(op.path)?.[1]?.toLowerCase();
  if (!segment) return undefined;
  for (const def of engine.catalog.byName.values()) if (/^\/api\/[^/]+\/\{[^}]+\}$/.test(def.self) && def.self.toLowerCase().startsWith(`/api/${segment}/{`)) return def.name;
  return undefined;
}

export const ownedDocumented = (op: OperationSpec, engine: Engine) => {
  const entity = ownerEntity(op, engine);
  if (!entity) throw new Error(`owned-documented: no entity owns ${op.path}.`);
  const status = op.statuses.find((s) => s >= 200 && s < 300) ?? 200;
  const example = op.exampleBodies.get(status);
  return (call: EtCall): Response => {
    const id = call.params[op.params[0]!]!;
    const owner = call.engine.store.collection(entity).get(id);
    if (!owner) throw new HttpError(404, `No ${entity} with the Id '${id}' exists.`);
    if (example === undefined) return new Response(null, { status });
    const body = structuredClone(example) as Record<string, unknown>;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      if (`${entity}Id` in body) body[`${entity}Id`] = owner.Id;
      if (`${entity}Name` in body) body[`${entity}Name`] = owner.Name ?? null;
      // Parts named by $expand (a project's widgets per entity type) only when asked for.
      const asked = parseExpand(call.query.get('$expand')) ?? new Set<string>();
      for (const name of op.expands) if (!asked.has(name.toLowerCase())) delete body[name];
    }
    return json(body, status);
  };
};
