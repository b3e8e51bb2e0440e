// The authenticated caller of a request and what it holds, remembered per request so the permission check
// and the collection filters read the grants once.
import type { Context } from 'hono';
import type { EtCall } from '../../engine/call.ts';
import type { Rec } from '../../engine/store-types.ts';
import { memoUntilChange } from '../../engine/store-memo.ts';
import { HeldPermissions } from '../../accounts/held.ts';

const heldByRequest = new WeakMap<Context, { user: Rec; held?: HeldPermissions }>();

export function rememberCaller(call: EtCall, user: Rec): void {
  heldByRequest.set(call.c, { user });
}

/** The caller's permissions; undefined when authentication is off (everything acts as the Administrator). */
export function heldBy(call: EtCall): HeldPermissions | undefined {
  const entry = heldByRequest.get(call.c);
  if (!entry) return undefined;
  const store = call.engine.store;
  return (entry.held ??= memoUntilChange(store, `held ${entry.user.Id}`, () => HeldPermissions.of(store, entry.user)));
}
