// Who a Basic header authenticates and what a user holds depend on these entities only; caching them until one
// of these changes (not until any write) keeps a burst of creates from re-reading every caller's grants.
import { VersionedMemo } from '../engine/memos/versioned.ts';
import type { Store } from '../engine/store-types.ts';
import { CREDENTIAL_ENTITY } from './credentials.ts';
import { GRANT_ENTITY } from './grants.ts';
import { MEMBERSHIP_ENTITIES } from './held.ts';

/** Users, their passwords, their groups and memberships, and permission grants (see held.ts). */
const ACCOUNT_ENTITIES = ['User', CREDENTIAL_ENTITY, 'Group', ...MEMBERSHIP_ENTITIES, GRANT_ENTITY];

/** Greatest of the account entities' versions: they all come from one increasing clock. */
export function accountsVersion(store: Store): number {
  let v = 0;
  for (const entity of ACCOUNT_ENTITIES) v = Math.max(v, store.versionOf(entity));
  return v;
}

export const accountsMemo = new VersionedMemo();

export function memoUntilAccountsChange<T>(store: Store, key: string, compute: () => T): T {
  return accountsMemo.get(store, accountsVersion(store), key, compute);
}
