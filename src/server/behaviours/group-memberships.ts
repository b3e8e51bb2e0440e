// GET/PUT /api/user/{id}/groups and /api/group/{id}/users: who is in which group, kept as GroupMembership
// records {Id, GroupId, UserId} (what permission checks read through a user's groups). PUT replaces the list.
import { randomUUID } from 'node:crypto';
import type { EtCall } from '../engine/call.ts';
import { jsonBody } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { parseExpand } from '../engine/hypermedia.ts';
import { json } from '../http/responses.ts';
import { envelope, pagingOf } from '../engine/paging.ts';
import { odataOver } from '../engine/odata-lists.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';

const MEMBERSHIP = 'GroupMembership';

export const groupMemberships = (op: OperationSpec, _engine: Engine) => {
  // From a user: its groups; from a group: its users.
  const fromUser = /^\/api\/user\//i.test(op.path);
  const [holder, listed, holderKey, listedKey] = fromUser ? ['User', 'Group', 'UserId', 'GroupId'] : ['Group', 'User', 'GroupId', 'UserId'];
  const nameField = fromUser ? 'Name' : 'UserName';
  return async (call: EtCall): Promise<Response> => {
    const { store, presenter } = call.engine;
    const id = call.params[op.params[0]!]!;
    const owner = store.collection(holder).get(id);
    if (!owner) throw new HttpError(404, `No ${holder} with the Id '${id}' exists.`);
    const memberships = store.collection(MEMBERSHIP);
    if (call.c.req.method === 'PUT') {
      const body = await jsonBody(call);
      if (!Array.isArray(body.Items)) throw new HttpError(403, `Send {"Items": [...]} with the ${listed === 'User' ? 'users' : 'groups'} by Id or ${nameField}.`);
      const wanted: Rec[] = [];
      for (const item of body.Items as Record<string, unknown>[]) {
        const rec =
          (typeof item?.Id === 'string' ? store.collection(listed).get(item.Id) : undefined) ??
          (typeof item?.[nameField] === 'string' ? store.collection(listed).where(nameField, item[nameField])[0] : undefined);
        if (!rec) throw new HttpError(404, `No ${listed} matches ${JSON.stringify(item)}.`);
        if (!wanted.some((w) => w.Id === rec.Id)) wanted.push(rec);
      }
      for (const m of [...memberships.where(holderKey, owner.Id)]) memberships.remove(m.Id);
      for (const rec of wanted) memberships.insert({ Id: randomUUID(), [holderKey]: owner.Id, [listedKey]: rec.Id });
    }
    const members = await odataOver(
      call,
      listed,
      memberships
        .where(holderKey, owner.Id)
        .map((m) => store.collection(listed).get(String(m[listedKey])))
        .filter((r): r is Rec => !!r),
    );
    const paging = pagingOf(call.query);
    const expand = parseExpand(call.query.get('$expand'));
    const page = members.slice(paging.skip, paging.skip + paging.top).map((r) => presenter.present(listed, r, call.base, expand));
    return json(envelope(call.op.query ?? 'odata', paging, members.length, page, call.c.req.url));
  };
};
