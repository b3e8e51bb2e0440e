// The people pickers: GET/POST /api/assignedtosearch (users, groups and "Me" as assignee candidates) and
// GET/POST /api/usergroupsearch (users and groups by display name). `query` matches any part of a name or
// user name, case-insensitively; with `valuesqry=true`, `query` is a list of Ids or names to look up.
// POST takes the same as form fields.
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { json } from '../http/responses.ts';
import { envelope, pagingOf } from '../engine/paging.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';
import { valueList } from './name-search.ts';

interface Candidate {
  kind: 'User' | 'Group' | 'Special';
  id: string;
  name: string;
  /** Texts `query` is matched against. */
  texts: string[];
}

async function fieldsOf(call: EtCall): Promise<URLSearchParams> {
  if (call.c.req.method !== 'POST') return call.query;
  const merged = new URLSearchParams(call.query);
  for (const [k, v] of new URLSearchParams(await call.c.req.text())) merged.set(k, v);
  return merged;
}

const displayName = (u: Rec) => String(u.DisplayName ?? (`${u.FirstName ?? ''} ${u.LastName ?? ''}`.trim() || u.UserName));

function candidates(call: EtCall, withSpecial: boolean): Candidate[] {
  const { store } = call.engine;
  const users: Candidate[] = Array.from(store.collection('User').values())
    .filter((u) => u.Enabled !== false)
    .map((u) => ({ kind: 'User', id: u.Id, name: displayName(u), texts: [displayName(u), String(u.UserName ?? '')] }));
  const groups: Candidate[] = Array.from(store.collection('Group').values()).map((g) => ({ kind: 'Group', id: g.Id, name: String(g.Name), texts: [String(g.Name)] }));
  const special: Candidate[] = withSpecial ? [{ kind: 'Special', id: 'CurrentUser', name: 'Me', texts: ['Me', 'CurrentUser'] }] : [];
  return [...special, ...users, ...groups];
}

function matching(all: Candidate[], fields: URLSearchParams): Candidate[] {
  const q = (fields.get('query') ?? '').trim().toLowerCase();
  if ((fields.get('valuesqry') ?? '').toLowerCase() === 'true') {
    // Ids or names (a user name, a group name), separated by "|" or ","; candidates keep their own order.
    const values = new Set(valueList(q));
    return all.filter((c) => [c.id, ...c.texts].some((t) => values.has(t.toLowerCase())));
  }
  // "Me" is offered when asked for by name: its Id is not a GUID, which the documented model expects.
  return q ? all.filter((c) => c.texts.some((t) => t.toLowerCase().includes(q))) : all.filter((c) => c.kind !== 'Special');
}

export const assigneeSearch = (_op: OperationSpec, _engine: Engine) => async (call: EtCall): Promise<Response> => {
  const found = matching(candidates(call, true), await fieldsOf(call));
  return json({
    Items: found.map((c) => ({
      CssClass: `assignee-${c.kind.toLowerCase()}`,
      GlobalId: `${c.kind.toLowerCase()}:${c.id}`,
      Id: c.id,
      Name: c.kind === 'User' ? `${c.name} (${c.texts[1]})` : c.name,
      Type: c.kind,
    })),
    Self: call.c.req.url,
  });
};

export const userGroupSearch = (_op: OperationSpec, _engine: Engine) => async (call: EtCall): Promise<Response> => {
  const found = matching(candidates(call, false), await fieldsOf(call));
  const paging = pagingOf(call.query);
  const page = found.slice(paging.skip, paging.skip + paging.top).map((c) => ({ DisplayName: c.name, Id: c.id }));
  return json(envelope('tql', paging, found.length, page, call.c.req.url));
};
