// The result tree of an automated test run, as ET walks it:
//   GET /api/automatedtestrun/{runId}/nodes                     the run's root nodes (ParentId null)
//   GET /api/automatedtestrun/{runId}/node/{nodeId}/children    a node's children; the empty GUID as nodeId
//                                                               stands for the root, so it lists the root nodes
// Both answer a bare list in the order the tests ran (StartedAt, then Name) and take `statuses` (a comma-separated
// list of outcomes to keep; an outcome ET does not know is a 400).
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { entityOf } from '../engine/handlers/lookup.ts';
import { parseExpand } from '../engine/hypermedia.ts';
import { json } from '../http/responses.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';
const RUN = 'AutomatedTestRun';

const byRunOrder = (a: Rec, b: Rec) =>
  String(a.StartedAt ?? '').localeCompare(String(b.StartedAt ?? '')) || String(a.Name ?? '').localeCompare(String(b.Name ?? ''));

/** Expanded Children in the order the tests ran too. */
function inRunOrder(node: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(node.Children)) node.Children = (node.Children as Rec[]).slice().sort(byRunOrder).map((c) => inRunOrder(c));
  return node;
}

/** The outcomes the node model allows, from its schema (ET's result statuses). */
function knownStatuses(engine: Engine, entity: string): string[] {
  const schema = engine.spec.components?.schemas?.[entity] as { properties?: { Status?: { enum?: unknown[] } } } | undefined;
  return (schema?.properties?.Status?.enum ?? []).filter((s): s is string => typeof s === 'string');
}

/** The `statuses` filter, checked against ET's outcomes; undefined when absent. */
function statusFilter(call: EtCall, known: string[]): Set<string> | undefined {
  const raw = call.query.get('statuses');
  if (raw === null || !raw.trim()) return undefined;
  const wanted = new Set<string>();
  for (const name of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = known.find((k) => k.toLowerCase() === name.toLowerCase());
    if (known.length && !match) throw new HttpError(400, `'${name}' is not a result status.`);
    wanted.add((match ?? name).toLowerCase());
  }
  return wanted;
}

export const resultNodes = (op: OperationSpec, engine: Engine) => {
  const entity = op.entity ?? 'ResultNode';
  const known = knownStatuses(engine, entity);
  const [runParam, nodeParam] = op.params as [string, string | undefined];
  return (call: EtCall): Response => {
    const def = entityOf(call);
    const { store } = call.engine;
    const runId = call.params[runParam]!;
    const run = store.collection(RUN).get(runId);
    if (!run) throw new HttpError(404, `No automated test run with id ${runId} exists.`);
    const wanted = statusFilter(call, known);
    const nodeId = nodeParam ? call.params[nodeParam]! : EMPTY_GUID;
    let nodes: Rec[];
    if (nodeId === EMPTY_GUID) {
      nodes = store.collection(def.name).where('RunId', run.Id).filter((n) => n.ParentId === null || n.ParentId === undefined);
    } else {
      const node = store.collection(def.name).get(nodeId);
      if (!node || String(node.RunId).toLowerCase() !== run.Id.toLowerCase()) throw new HttpError(404, `Run ${run.Id} has no result node ${nodeId}.`);
      nodes = store.collection(def.name).where('ParentId', node.Id);
    }
    if (wanted) nodes = nodes.filter((n) => wanted.has(String(n.Status ?? '').toLowerCase()));
    const expand = parseExpand(call.query.get('$expand'));
    return json([...nodes].sort(byRunOrder).map((n) => inRunOrder(call.engine.presenter.present(def.name, n, call.base, expand))));
  };
};
