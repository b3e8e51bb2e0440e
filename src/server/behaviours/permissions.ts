// GET/PUT /api/user/{id}/permissions/global, /api/group/{id}/permissions/global and the per-project
// variants /api/{user|group}/{id}/permissions/project/{projectId}: read or replace a holder's grants.
import { randomUUID } from 'node:crypto';
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { json } from '../http/responses.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';
import { GRANT_ENTITY, grantsOf, normaliseKey } from '../accounts/grants.ts';

export const PERMISSIONS_PATH = /^\/api\/(user|group)\/\{[^}]+\}\/permissions\/(global|project\/\{[^}]+\})\/?$/i;

/** ET shows an assignment as the permission's Id and Key, linked to the permission. */
function presentGrant(call: EtCall, grant: Rec): Record<string, unknown> {
  const perms = call.engine.store.collection('Permission');
  const key = String(grant.Key);
  const perm = perms.where('Key', key)[0] ?? perms.where('Key', key.slice(1))[0];
  const id = String(perm?.Id ?? grant.PermissionId ?? grant.Id);
  return { Id: id, Key: grant.Key, Links: [{ Href: `${call.base}/api/permission/${id}`, Rel: 'Permission' }] };
}

export const permissions = (op: OperationSpec, _engine: Engine) => {
  const m = PERMISSIONS_PATH.exec(op.path);
  const holderType = m?.[1]?.toLowerCase() === 'group' ? 'Group' : 'User';
  const [holderParam, projectParam] = op.params;
  return async (call: EtCall): Promise<Response> => {
    const { store } = call.engine;
    const holderId = call.params[holderParam!]!;
    const holder = store.collection(holderType).get(holderId);
    if (!holder) throw new HttpError(404, `No ${holderType} with the Id '${holderId}' exists.`);
    let projectId: string | null = null;
    if (projectParam) {
      const project = store.collection('Project').get(call.params[projectParam]!);
      if (!project) throw new HttpError(404, `No Project with the Id '${call.params[projectParam]}' exists.`);
      projectId = project.Id;
    }
    if (call.c.req.method === 'GET') return json(grantsOf(store, holderType, holder.Id, projectId).map((g) => presentGrant(call, g)));

    let body: unknown;
    try {
      body = JSON.parse((await call.c.req.text()) || 'null');
    } catch {
      throw new HttpError(400, 'The request body is not valid JSON.');
    }
    if (!Array.isArray(body)) throw new HttpError(403, 'Send the full list of permission assignments, e.g. [{"Key": "/TestManagement/View"}].');
    const permissionsCol = store.collection('Permission');
    const wanted: { key: string; permissionId: string }[] = [];
    for (const item of body as Record<string, unknown>[]) {
      let perm: Rec | undefined;
      if (typeof item?.Id === 'string' && item.Id) perm = permissionsCol.get(item.Id);
      if (!perm && typeof item?.Key === 'string') {
        const key = normaliseKey(item.Key);
        perm = permissionsCol.where('Key', key)[0] ?? permissionsCol.where('Key', key.slice(1))[0];
      }
      if (!perm) throw new HttpError(403, `Unknown permission ${JSON.stringify(item?.Key ?? item?.Id ?? item)}: use a Key from /api/permissions.`);
      wanted.push({ key: normaliseKey(String(perm.Key)), permissionId: perm.Id });
    }
    const grants = store.collection(GRANT_ENTITY);
    for (const old of grantsOf(store, holderType, holder.Id, projectId)) grants.remove(old.Id);
    const saved = wanted.map((w) =>
      grants.insert({ Id: randomUUID(), HolderType: holderType, HolderId: holder.Id, ProjectId: projectId, Key: w.key, PermissionId: w.permissionId }),
    );
    return json(saved.map((g) => presentGrant(call, g)));
  };
};

/** GET /api/{user|group}/{id}/permissions/projects: every project, each linking to the holder's permissions there. */
export const permissionProjects = (op: OperationSpec, _engine: Engine) => {
  const holderType = /^\/api\/group\//i.test(op.path) ? 'Group' : 'User';
  const segment = holderType.toLowerCase();
  return (call: EtCall): Response => {
    const { store } = call.engine;
    const id = call.params[op.params[0]!]!;
    const holder = store.collection(holderType).get(id);
    if (!holder) throw new HttpError(404, `No ${holderType} with the Id '${id}' exists.`);
    const projects = Array.from(store.collection('Project').values()).map((p) => ({
      Links: [{ Href: `${call.base}/api/${segment}/${holder.Id}/permissions/project/${p.Id}`, Rel: 'Permissions' }],
      ProjectId: p.Id,
    }));
    return json({ Projects: projects });
  };
};
