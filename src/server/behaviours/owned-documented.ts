// Read-only resources the fake has no model for, that belong to one record named by the path's first
// parameter (a requirement's ticket comments, a project's form widgets, an automated run's data tables):
// answered with ET's documented example, but only for a record that exists (404 with a Message otherwise),
// and with the owner's own Id and name where the example shows them (ProjectId, ProjectName). Parts the
// operation lists as expansions are left out unless $expand asks for them; a documented list of values is
// narrowed by `query` like ET's pickers.
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { parseExpand } from '../engine/hypermedia.ts';
import { json } from '../http/responses.ts';
import type { OperationSpec } from '../spec/operations.ts';
import { valueList } from './name-search.ts';

/** The entity whose item path is `/api/<segment>/{...}`, for the path's first parameter. */
function ownerEntity(op: OperationSpec, engine: Engine): string | undefined {
  const segment = /^\/api\/([^/]+)\/\{[^}]+\}/i.exec(op.path)?.[1]?.toLowerCase();
  if (!segment) return undefined;
  for (const def of engine.catalog.byName.values()) if (def.self && /^\/api\/[^/]+\/\{[^}]+\}$/.test(def.self) && def.self.toLowerCase().startsWith(`/api/${segment}/{`)) return def.name;
  return undefined;
}

/**
 * A documented list of values (a remote field's options) narrowed like ET's pickers: `query` keeps the values
 * whose Text contains it; with valuesqry=true it lists exact Identifiers or Texts.
 */
function narrowByQuery(body: Record<string, unknown>, query: URLSearchParams): void {
  const q = query.get('query')!.trim().toLowerCase();
  const exact = (query.get('valuesqry') ?? '').toLowerCase() === 'true' ? new Set(valueList(q)) : undefined;
  const texts = (v: Record<string, unknown>) => [v.Text, v.Identifier, v.Name].filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase());
  const items = (body.Items as Record<string, unknown>[]).filter((v) => (exact ? texts(v).some((t) => exact.has(t)) : texts(v).some((t) => t.includes(q))));
  body.Items = items;
  if ('Total' in body) body.Total = items.length;
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
    // The example documented for this very record, else the operation's first.
    const own = op.pathExamples.find((e) => e.status === status && e.path[op.params[0]!]?.toLowerCase() === owner.Id.toLowerCase());
    const documented = own ? own.body : example;
    if (documented === undefined) return new Response(null, { status });
    const body = structuredClone(documented) as Record<string, unknown>;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      if (`${entity}Id` in body) body[`${entity}Id`] = owner.Id;
      if (`${entity}Name` in body) body[`${entity}Name`] = owner.Name ?? null;
      // Parts named by $expand (a project's widgets per entity type) only when asked for.
      const asked = parseExpand(call.query.get('$expand')) ?? new Set<string>();
      for (const name of op.expands) if (!asked.has(name.toLowerCase())) delete body[name];
      if (Array.isArray(body.Items) && call.query.get('query')?.trim()) narrowByQuery(body, call.query);
      // A collection names its own request in Self.
      if (Array.isArray(body.Items)) body.Self = call.c.req.url;
    }
    return json(body, status);
  };
};
