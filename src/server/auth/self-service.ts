// Calls a user may make about themselves without any permission (their password, their notifications), as
// ET documents for setting one's own password. About another user they need the user-security permission.
import type { EtCall } from '../call.ts';

export const USER_SECURITY = 'Administration/ManageUserAndGroupSecurity';
const SELF_SERVICE = /^\/api\/user\/\{([^}]+)\}\/(password|notifications?)(\/|$)/i;

/** The permissions the call needs beyond its documented ones: none when it is about the caller. */
export function selfServiceRequirement(call: EtCall): string[] | undefined {
  const m = SELF_SERVICE.exec(call.op.path);
  if (!m || call.op.permissions.length) return undefined;
  const userId = call.params[m[1]!];
  return userId !== undefined && call.user && userId.toLowerCase() === call.user.Id.toLowerCase() ? undefined : [USER_SECURITY];
}
