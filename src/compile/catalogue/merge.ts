// Joins help pages and catalogue files that describe the same path: the page's operations and prose win,
// the catalogue adds what pages do not say (entity bindings, models, permissions, behaviours).
import type { OperationDoc, ResourceDoc, StatusDoc } from '../model.ts';

/** `/api/User/{userId}` and `/api/user/{id}` are the same path. */
export const pathKey = (path: string) => path.toLowerCase().replace(/\{[^}]*\}/g, '{}').replace(/\/$/, '');

export function mergeResources(pages: ResourceDoc[], catalogue: ResourceDoc[]): ResourceDoc[] {
  const byPath = new Map<string, ResourceDoc>();
  for (const c of catalogue) byPath.set(pathKey(c.path), c);
  const merged = new Map(byPath);
  for (const page of pages) {
    const key = pathKey(page.path);
    const cat = byPath.get(key);
    if (!cat) {
      merged.set(key, page);
      continue;
    }
    const operations = page.operations.map((op) => mergeOperation(op, cat.operations.find((c) => c.method === op.method)));
    for (const c of cat.operations) if (!operations.some((o) => o.method === c.method)) operations.push(c);
    merged.set(key, {
      ...page,
      rootRelation: page.rootRelation ?? cat.rootRelation,
      entity: cat.entity ?? page.entity,
      parent: cat.parent ?? page.parent,
      behaviourByMethod: { ...page.behaviourByMethod, ...cat.behaviourByMethod },
      operations,
    });
  }
  return [...merged.values()].sort((a, b) => a.path.localeCompare(b.path));
}

function mergeOperation(page: OperationDoc, cat: OperationDoc | undefined): OperationDoc {
  if (!cat) return page;
  const statuses: StatusDoc[] = page.statuses.map((s) => ({ ...s, model: s.model ?? cat.statuses.find((c) => c.code === s.code)?.model }));
  for (const c of cat.statuses) if (!statuses.some((s) => s.code === c.code)) statuses.push(c);
  return {
    ...page,
    operationId: page.operationId ?? cat.operationId,
    queryStyle: page.queryStyle ?? cat.queryStyle,
    parameters: [...page.parameters, ...cat.parameters.filter((p) => !page.parameters.some((q) => q.name === p.name))],
    permissions: page.permissions.length > 0 ? page.permissions : cat.permissions,
    expansions: page.expansions.length > 0 ? page.expansions : cat.expansions,
    statuses,
    examples: [...page.examples, ...cat.examples],
    requestModel: page.requestModel ?? cat.requestModel,
    requestContentType: page.requestContentType ?? cat.requestContentType,
    behaviour: page.behaviour ?? cat.behaviour,
    refuseWhileReferenced: page.refuseWhileReferenced ?? cat.refuseWhileReferenced,
  };
}
