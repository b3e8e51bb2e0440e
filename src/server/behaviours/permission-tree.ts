// GET /api/permissions: ET answers its permissions as a tree (Administration, Resources, Reports, Project,
// TestManagement at the top, each with its Children), while the store keeps one flat record per permission.
// The tree follows the Keys: /TestManagement/ManageScripts/View sits under /TestManagement/ManageScripts.
// With $filter (or $orderby) the matching permissions come back at the top, each with its own subtree;
// GET /api/permission/{id} shows one permission with its subtree too.
import { itemId, type EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { selectRecords } from '../engine/handlers/collection.ts';
import { entityOf, findOr404 } from '../engine/handlers/lookup.ts';
import { json } from '../http/responses.ts';
import { envelope, pagingOf } from '../engine/paging.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';

const parentKey = (key: string): string | undefined => {
  const cut = key.lastIndexOf('/');
  return cut > 0 ? key.slice(0, cut) : undefined;
};

/** Keys in the order ET's documented tree lists them (depth first), so the fake lists them the same way. */
function documentedOrder(op: OperationSpec): Map<string, number> {
  const rank = new Map<string, number>();
  const walk = (nodes: unknown) => {
    if (!Array.isArray(nodes)) return;
    for (const n of nodes as { Key?: unknown; Children?: unknown }[]) {
      if (typeof n?.Key === 'string' && !rank.has(n.Key)) rank.set(n.Key, rank.size);
      walk(n?.Children);
    }
  };
  walk((op.exampleBodies.get(200) as { Items?: unknown } | undefined)?.Items);
  return rank;
}

/** Presents a permission with everything below it, children in `byRank` order. */
function treePresenter(call: EtCall, entity: string, all: Rec[], byRank: (a: Rec, b: Rec) => number) {
  const children = new Map<string, Rec[]>();
  for (const rec of all) {
    const parent = parentKey(String(rec.Key));
    if (parent === undefined) continue;
    const list = children.get(parent.toLowerCase()) ?? [];
    list.push(rec);
    children.set(parent.toLowerCase(), list);
  }
  const present = (rec: Rec): Record<string, unknown> => {
    const out = call.engine.presenter.present(entity, rec, call.base);
    const below = (children.get(String(rec.Key).toLowerCase()) ?? []).sort(byRank);
    return { ...out, Children: below.map(present) };
  };
  return present;
}

function rankBy(op: OperationSpec, engine: Engine): (a: Rec, b: Rec) => number {
  // The item GET has no tree in its example: take the order from the list's.
  const list = engine.operations.find((o) => o.entity === op.entity && o.kind === 'collection' && o.method === 'GET') ?? op;
  const rank = documentedOrder(list);
  return (a, b) => (rank.get(String(a.Key)) ?? Infinity) - (rank.get(String(b.Key)) ?? Infinity) || String(a.Key).localeCompare(String(b.Key));
}

export const permissionTree = (op: OperationSpec, engine: Engine) => {
  const byRank = rankBy(op, engine);
  return async (call: EtCall): Promise<Response> => {
    const def = entityOf(call);
    const all = Array.from(call.engine.store.collection(def.name).values());
    const present = treePresenter(call, def.name, all, byRank);
    const q = call.query;
    const narrowed = !!(q.get('$filter') || q.get('$orderby'));
    let tops: Rec[];
    if (narrowed) {
      const selected = await selectRecords(call);
      tops = 'records' in selected ? selected.records : [];
      if (!q.get('$orderby')) tops = [...tops].sort(byRank);
    } else {
      const keys = new Set(all.map((r) => String(r.Key).toLowerCase()));
      // A permission whose parent key has no record of its own still shows, at the top.
      tops = all.filter((r) => !keys.has(parentKey(String(r.Key))?.toLowerCase() ?? '')).sort(byRank);
    }
    const paging = pagingOf(q);
    const page = tops.slice(paging.skip, paging.skip + paging.top).map(present);
    return json(envelope(call.op.query, paging, tops.length, page, call.c.req.url));
  };
};

/** GET /api/permission/{id}: one permission with its subtree. */
export const permissionItem = (op: OperationSpec, engine: Engine) => {
  const byRank = rankBy(op, engine);
  return (call: EtCall): Response => {
    const def = entityOf(call);
    const rec = findOr404(call, def.name, itemId(call));
    const all = Array.from(call.engine.store.collection(def.name).values());
    return json(treePresenter(call, def.name, all, byRank)(rec));
  };
};
