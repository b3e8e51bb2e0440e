// Authentication and permissions, as ET does them: HTTP Basic against the store's users, then each
// operation's x-et-permissions (any one suffices) checked against the caller's global grants and the grants
// of the project the call acts in. Collections and search list only what the caller may see. With
// `auth: false` (--no-auth) none of this runs and the Administrator acts for every call.
import type { EtCall } from '../../engine/call.ts';
import { HttpError } from '../../http/errors.ts';
import type { PluginContext } from '../plugin.ts';
import { authenticate, challenge } from '../../accounts/basic.ts';
import { heldBy, rememberCaller } from './request-user.ts';
import type { HeldPermissions } from '../../accounts/held.ts';
import { scopesOf } from './scope.ts';
import { onlyMyTestsProblem } from './only-my-tests.ts';
import { selfServiceRequirement } from './self-service.ts';
import { visibleRecords } from './visibility.ts';
import { peekJsonBody } from '../../http/body-text.ts';

export { authenticate, challenge } from '../../accounts/basic.ts';

export function install(ctx: PluginContext): void {
  if (!ctx.options.auth) return;
  // Both read only the request and the store: answers the engine keeps need not run them again.
  ctx.engine.beforeHandle.push(ctx.engine.pure(checkCaller));
  ctx.engine.visibility = ctx.engine.pure(visibleRecords);
}

/** Not an async function: a caller who holds the permission everywhere (the usual case) costs no promise. */
function checkCaller(call: EtCall): Response | void | Promise<void> {
  const header = call.c.req.header('authorization');
  const user = authenticate(call.engine.store, header);
  if (!user) return challenge(header);
  call.user = user;
  call.c.set('user', user);
  rememberCaller(call, user);
  const required = selfServiceRequirement(call) ?? call.op.permissions;
  if (!required.length && !call.op.params.length) return;
  const held = heldBy(call)!;
  if (!held.allowsEverywhere(required)) return checkScopes(call, held, required);
  const notMine = onlyMyTestsProblem(call, held, required, undefined);
  if (notMine) throw new HttpError(403, notMine);
}

/** The permission in each project (or globally) the call acts in, read from its path, query and body. */
async function checkScopes(call: EtCall, held: HeldPermissions, required: string[]): Promise<void> {
  let project: string | undefined;
  const body = await peekJsonBody(call.c);
  for (const scope of scopesOf(call, body)) {
    let ok: boolean;
    if (scope.kind === 'project') ok = held.allows(required, (project = scope.id));
    else if (scope.kind === 'global') ok = held.allows(required);
    // Nothing to scope by: reads list what the caller may see; a missing target is the handler's 404.
    else ok = scope.kind === 'missing' || isRead(call) ? held.allowsSomewhere(required) : held.allows(required);
    if (!ok) throw new HttpError(403, missingPermissionMessage(required, scope.kind === 'project' ? scope.id : undefined));
  }
  const notMine = onlyMyTestsProblem(call, held, required, project);
  if (notMine) throw new HttpError(403, notMine);
}

/** GETs, and POSTs that search (long queries sent as a form) rather than create. */
const isRead = (call: EtCall) =>
  call.c.req.method === 'GET' || call.op.behaviour === 'search' || (call.op.envelopeResponse && !call.op.statuses.includes(201));

function missingPermissionMessage(required: string[], projectId: string | undefined): string {
  const keys = required.length ? required.map((k) => k.replace(/^\/+/, '')).join(' or ') : 'any permission';
  const where = projectId ? ` in the project ${projectId}` : '';
  return `You do not have permission to perform this action: it requires ${keys}${where}.`;
}
