// POST /api/users (and PUT /api/user/{id}): the generic create/update, plus the password (kept apart in
// UserCredential) and the GlobalPermissions link ET gives a user.
import type { EtCall } from '../engine/call.ts';
import { jsonBody } from '../engine/call.ts';
import { setPassword } from '../accounts/credentials.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { json } from '../http/responses.ts';
import { buildNew, buildPatch, insertNew, refreshDenormalisedNames } from '../engine/records.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';
import { createdStatus } from '../engine/handlers/collection.ts';
import { entityOf, findItem } from '../engine/handlers/lookup.ts';

function withPermissionsLink(call: EtCall, out: Record<string, unknown>, id: string): Record<string, unknown> {
  const links = Array.isArray(out.Links) ? [...(out.Links as { Rel: string }[])] : [];
  if (!links.some((l) => l.Rel === 'GlobalPermissions')) links.push({ Href: `${call.base}/api/user/${id}/permissions/global`, Rel: 'GlobalPermissions' } as never);
  return { ...out, Links: links };
}

function conflictStatus(call: EtCall): number {
  return call.op.statuses.includes(409) ? 409 : 403;
}

function checkUserName(call: EtCall, userName: unknown, self?: Rec): void {
  if (userName === undefined && self) return;
  if (typeof userName !== 'string' || !userName.trim()) throw new HttpError(403, 'You must specify a UserName for the user.');
  const other = call.engine.store.collection('User').where('UserName', userName)[0];
  if (other && other.Id !== self?.Id) throw new HttpError(conflictStatus(call), `A user with the UserName '${userName}' already exists.`);
}

export const createUser = (_op: OperationSpec, _engine: Engine) => async (call: EtCall): Promise<Response> => {
  const def = entityOf(call);
  const body = await jsonBody(call);
  checkUserName(call, body.UserName);
  if (body.Password !== undefined && typeof body.Password !== 'string') throw new HttpError(403, 'Password must be a string.');
  const built = buildNew(call, def, body);
  if (def.properties.has('Enabled') && built.rec.Enabled === undefined) built.rec.Enabled = true;
  if (def.properties.has('DisplayName') && !built.rec.DisplayName)
    built.rec.DisplayName = `${built.rec.FirstName ?? ''} ${built.rec.LastName ?? ''}`.trim() || built.rec.UserName;
  const saved = insertNew(call, def.name, built);
  if (typeof body.Password === 'string') setPassword(call.engine.store, saved.Id, body.Password);
  const out = withPermissionsLink(call, call.engine.presenter.present(def.name, saved, call.base), saved.Id);
  return json(out, createdStatus(call), typeof out.Self === 'string' ? { Location: out.Self } : undefined);
};

export const updateUser = (_op: OperationSpec, _engine: Engine) => async (call: EtCall): Promise<Response> => {
  const def = entityOf(call);
  const user = findItem(call, def);
  const body = await jsonBody(call);
  checkUserName(call, body.UserName, user);
  if (body.Password !== undefined && body.Password !== null && typeof body.Password !== 'string') throw new HttpError(403, 'Password must be a string.');
  const updated = call.engine.store.collection(def.name).update(user.Id, buildPatch(call, def, body, user.Id)) ?? user;
  refreshDenormalisedNames(call, def.name, user, updated);
  if (typeof body.Password === 'string' && body.Password) setPassword(call.engine.store, user.Id, body.Password);
  return json(withPermissionsLink(call, call.engine.presenter.present(def.name, updated, call.base), user.Id));
};

/** Shortest password the fake accepts (ET enforces a complexity policy; this stands in for it). */
export const MIN_PASSWORD_LENGTH = 6;

/** PUT /api/user/{id}/password: sets the password kept in UserCredential. */
export const setUserPassword = (_op: OperationSpec, _engine: Engine) => async (call: EtCall): Promise<Response> => {
  const def = entityOf({ ...call, op: { ...call.op, entity: 'User' } });
  const user = findItem(call, def);
  const body = await jsonBody(call);
  if (typeof body.Password !== 'string' || body.Password.length < MIN_PASSWORD_LENGTH)
    throw new HttpError(403, `The password does not meet the complexity requirements (at least ${MIN_PASSWORD_LENGTH} characters).`);
  setPassword(call.engine.store, user.Id, body.Password);
  return new Response(null, { status: 200 });
};
