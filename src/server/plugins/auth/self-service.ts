// Calls a user may make about themselves without any permission (their password, their notifications), as
// ET documents for setting one's own password. About another user they need the user-security permission.
import type { EtCall } from '../../engine/call.ts';

export const USER_SECURITY = 'Administration/ManageUserAndGroupSecurity';
const SELF_SERVICE = /^\/api\/user\/\{([^}]+)\}\/(password|notifications?)(\/|$)/i;

/** The permissions the call needs beyond its documented ones: none when it is about the caller. */
export function selfServiceRequirement(call: EtCall): string[] | undefined {
  const param = userParamOf(call.op.path);
  if (!param || call.op.permissions.length) return undefined;
  const userId = call.params[param];
  return userId !== undefined && call.user && userId.toLowerCase() === call.user.Id.toLowerCase() ? undefined : [USER_SECURITY];
}

/** The path's user parameter when it is a self-service path, else null; once per path (asked on every call). */
function userParamOf(path: string): string | null {
  let param = userParamByPath.get(path);
  if (param === undefined) userParamByPath.set(path, (param = SELF_SERVICE.exec(path)?.[1] ?? null));
  return param;
}
const userParamByPath = new Map<string, string | null>();
