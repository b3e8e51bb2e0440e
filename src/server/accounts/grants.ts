// Who holds which permission. Grants are stored as `PermissionGrant` records ({HolderType: 'User'|'Group',
// HolderId, ProjectId (null: global), Key, PermissionId}); keys carry a leading slash ("/TestManagement/View")
// and a key grants every key below it. The auth plug-in asks `hasPermission`.
import type { Rec, Store } from '../engine/store-types.ts';

export const GRANT_ENTITY = 'PermissionGrant';

/** `TestManagement/View` and `/testmanagement/view/` both become `/TestManagement/View` (case kept as given). */
export function normaliseKey(key: string): string {
  const trimmed = key.trim().replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** The groups a user belongs to, from whichever form the data keeps memberships in. */
export function groupIdsOf(store: Store, user: Rec): string[] {
  const ids = new Set<string>();
  if (Array.isArray(user.Groups)) for (const g of user.Groups as { Id?: string }[]) if (g?.Id) ids.add(g.Id.toLowerCase());
  if (Array.isArray(user.GroupIds)) for (const g of user.GroupIds as string[]) ids.add(String(g).toLowerCase());
  for (const entity of ['GroupMembership', 'UserGroup']) {
    for (const m of store.collection(entity).where('UserId', user.Id)) if (typeof m.GroupId === 'string') ids.add(m.GroupId.toLowerCase());
  }
  return [...ids];
}

export function grantsOf(store: Store, holderType: 'User' | 'Group', holderId: string, projectId: string | null): Rec[] {
  return store
    .collection(GRANT_ENTITY)
    .where('HolderId', holderId)
    .filter((g) => g.HolderType === holderType && (g.ProjectId ?? null) === (projectId === null ? null : projectId.toLowerCase()));
}

/** Every key the user holds: global grants, plus the project's when a project is given, through groups too. */
export function permissionKeys(store: Store, user: Rec, projectId?: string): Set<string> {
  const keys = new Set<string>();
  const holders: ['User' | 'Group', string][] = [['User', user.Id], ...groupIdsOf(store, user).map((g) => ['Group', g] as ['Group', string])];
  for (const [type, id] of holders) {
    for (const g of store.collection(GRANT_ENTITY).where('HolderId', id)) {
      if (g.HolderType !== type) continue;
      const scope = (g.ProjectId as string | null | undefined) ?? null;
      if (scope === null || (projectId !== undefined && scope.toLowerCase() === projectId.toLowerCase())) keys.add(normaliseKey(String(g.Key)).toLowerCase());
    }
  }
  return keys;
}

/** True when the user holds any of `required` (or a parent of it); an empty list allows everyone. */
export function hasPermission(store: Store, user: Rec, required: string[], projectId?: string): boolean {
  if (!required.length) return true;
  const held = permissionKeys(store, user, projectId);
  return required.some((r) => {
    const parts = normaliseKey(r).toLowerCase().split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) if (held.has(`/${parts.slice(0, i).join('/')}`)) return true;
    return false;
  });
}
