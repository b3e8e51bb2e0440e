// The permissions one user holds, read once per request from the PermissionGrant records that the
// permission endpoints write (../grants.ts), directly and through the user's groups. Keys compare without
// the leading slash and case-insensitively; holding a key holds every key below it.
import { GRANT_ENTITY } from './grants.ts';
import type { Collection, Rec, Store } from '../engine/store-types.ts';

/** Where group memberships may be kept: records {UserId, GroupId}, or the user's own Groups / GroupIds. */
export const MEMBERSHIP_ENTITIES = ['GroupMembership', 'UserGroup'];

/**
 * A collection only when the store has it: the store creates collections on first use, and a permission
 * check must not add empty ones to the state (a refused request leaves the store byte-for-byte unchanged).
 */
function existing(store: Store, names: Set<string>, entity: string): Collection | undefined {
  return names.has(entity) ? store.collection(entity) : undefined;
}

/** The lower-case ids of the groups the user belongs to. */
export function groupsOf(store: Store, user: Rec, names = new Set(store.entities())): string[] {
  const ids = new Set<string>();
  if (Array.isArray(user.Groups)) for (const g of user.Groups as { Id?: unknown }[]) if (typeof g?.Id === 'string') ids.add(g.Id.toLowerCase());
  if (Array.isArray(user.GroupIds)) for (const g of user.GroupIds as unknown[]) if (typeof g === 'string') ids.add(g.toLowerCase());
  for (const entity of MEMBERSHIP_ENTITIES) {
    for (const m of existing(store, names, entity)?.where('UserId', user.Id) ?? []) if (typeof m.GroupId === 'string') ids.add(m.GroupId.toLowerCase());
  }
  return [...ids];
}

/** `/TestManagement/View/` -> `testmanagement/view`. */
export const keyOf = (key: string): string =>
  key
    .trim()
    .toLowerCase()
    .replace(/^\/+|\/+$/g, '');

/** `testmanagement/view` -> [`testmanagement`, `testmanagement/view`]: the keys that would grant it. */
function grantingKeys(required: string): string[] {
  let keys = grantingKeysOf.get(required);
  if (!keys) {
    const parts = keyOf(required).split('/').filter(Boolean);
    grantingKeysOf.set(required, (keys = parts.map((_, i) => parts.slice(0, i + 1).join('/'))));
  }
  return keys;
}
/** Required keys come from the spec (a few hundred), and every request asks again. */
const grantingKeysOf = new Map<string, string[]>();

export class HeldPermissions {
  readonly global = new Set<string>();
  readonly byProject = new Map<string, Set<string>>();

  static of(store: Store, user: Rec): HeldPermissions {
    const held = new HeldPermissions();
    const names = new Set(store.entities());
    const grants = existing(store, names, GRANT_ENTITY);
    if (!grants) return held;
    const holders: [string, string][] = [['user', user.Id], ...groupsOf(store, user, names).map((g): [string, string] => ['group', g])];
    for (const [type, id] of holders) {
      for (const g of grants.where('HolderId', id)) {
        if (String(g.HolderType).toLowerCase() !== type || typeof g.Key !== 'string') continue;
        const project = typeof g.ProjectId === 'string' && g.ProjectId ? g.ProjectId.toLowerCase() : null;
        held.add(keyOf(g.Key), project);
      }
    }
    return held;
  }

  private add(key: string, project: string | null): void {
    if (project === null) this.global.add(key);
    else {
      let set = this.byProject.get(project);
      if (!set) this.byProject.set(project, (set = new Set()));
      set.add(key);
    }
  }

  private static grants(keys: Set<string> | undefined, required: string[]): boolean {
    if (!keys?.size) return false;
    if (!required.length) return true;
    return required.some((r) => grantingKeys(r).some((k) => keys.has(k)));
  }

  /**
   * True when the user may do what needs any one of `required` globally, or in `projectId` when given. An
   * empty list needs no particular key; in a project it still needs some grant that reaches the project.
   */
  allows(required: string[], projectId?: string | null): boolean {
    if (HeldPermissions.grants(this.global, required)) return true;
    if (!projectId) return !required.length;
    return HeldPermissions.grants(this.byProject.get(projectId.toLowerCase()), required);
  }

  /** True when the user holds the permission globally or in at least one project. */
  allowsSomewhere(required: string[]): boolean {
    if (this.allows(required)) return true;
    for (const keys of this.byProject.values()) if (HeldPermissions.grants(keys, required)) return true;
    return false;
  }

  /** True when the user holds it in every project there is (globally). */
  allowsEverywhere(required: string[]): boolean {
    return required.length ? HeldPermissions.grants(this.global, required) : this.global.size > 0;
  }

  /** The projects (lower-case ids) where the user holds it through a project grant. */
  projectsAllowing(required: string[]): Set<string> {
    const out = new Set<string>();
    for (const [project, keys] of this.byProject) if (HeldPermissions.grants(keys, required)) out.add(project);
    return out;
  }
}
