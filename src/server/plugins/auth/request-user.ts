// The authenticated caller of a request and what it holds, remembered on the call itself so the permission
// check and the collection filters read the grants once (a property of the call object costs less than a
// WeakMap entry per request, which every garbage collection has to visit).
import type { EtCall } from '../../engine/call.ts';
import type { Rec, Store } from '../../engine/store-types.ts';
import { accountsVersion, memoUntilAccountsChange } from '../../accounts/version.ts';
import { HeldPermissions } from '../../accounts/held.ts';

const CALLER = Symbol('caller');
type WithCaller = EtCall & { [CALLER]?: { user: Rec; held?: HeldPermissions } };

export function rememberCaller(call: EtCall, user: Rec): void {
  (call as WithCaller)[CALLER] = { user };
}

/** The caller's permissions; undefined when authentication is off (everything acts as the Administrator). */
export function heldBy(call: EtCall): HeldPermissions | undefined {
  const entry = (call as WithCaller)[CALLER];
  if (!entry) return undefined;
  return (entry.held ??= heldPermissions(call.engine.store, entry.user));
}

/** The last answer, checked first: a client sends call after call as the same user, between writes. */
let last: { store: Store; version: number; user: Rec; held: HeldPermissions } | undefined;

function heldPermissions(store: Store, user: Rec): HeldPermissions {
  const version = accountsVersion(store);
  if (last && last.user === user && last.store === store && last.version === version) return last.held;
  const held = memoUntilAccountsChange(store, `held ${user.Id}`, () => HeldPermissions.of(store, user));
  last = { store, version, user, held };
  return held;
}
