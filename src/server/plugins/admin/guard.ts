// The admin API answers the Administrator only: a user holding ET's global Administration permission. With
// authentication off (--no-auth) everyone is the Administrator.
import { authenticate, challenge } from '../../accounts/basic.ts';
import { HeldPermissions } from '../../accounts/held.ts';
import { message } from '../../http/responses.ts';
import type { Rec, Store } from '../../engine/store-types.ts';

export const ADMIN_PERMISSION = 'Administration';

/** Who the credentials are in `store`, and whether they hold the global Administration permission there. */
function standing(store: Store, header: string | undefined): { user?: Rec; admin: boolean } {
  const user = authenticate(store, header);
  return { user, admin: !!user && HeldPermissions.of(store, user).allowsEverywhere([ADMIN_PERMISSION]) };
}

/** A refusal (401 or 403), or undefined when the caller may use the admin API. */
export function adminRefusal(store: Store, authOn: boolean, header: string | undefined): Response | undefined {
  if (!authOn) return undefined;
  const { user, admin } = standing(store, header);
  if (!user) return challenge(header);
  if (admin) return undefined;
  return message(403, `The admin API needs the global ${ADMIN_PERMISSION} permission, which ${String(user.UserName)} does not hold.`);
}

/**
 * Why data just loaded would lock the caller out (undefined when it would not): with authentication on, the
 * caller's credentials must still work there, and for the fake's own state still open the admin API, or
 * nothing but a restart could undo the load.
 */
export function lockoutReason(store: Store, authOn: boolean, header: string | undefined, needAdmin: boolean): string | undefined {
  if (!authOn) return undefined;
  const { user, admin } = standing(store, header);
  if (!user) return 'it has no enabled user with the credentials of this call';
  if (needAdmin && !admin) return `${String(user.UserName)} would not hold the global ${ADMIN_PERMISSION} permission there`;
  return undefined;
}
