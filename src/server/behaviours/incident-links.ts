// Incidents linked to a step of an agile run (AgileRunStepIncident {RunId, StepId, IncidentId}) or to a result
// node of an automated test run (AutomatedTestRunIncident {RunId, NodeId, IncidentId}). ET gives these links no
// Id: the path names them by run, step or node, and incident. Served here:
//   GET  .../{stepId|nodeId}/incidents               the links of that step or node
//   POST .../{stepId|nodeId}/incidents {IncidentId}  link an incident (the existing link when already linked)
//   GET/DELETE .../incident/{incidentId}             read or remove one link
// The store keeps them with an internal Id, which is never shown. The documented links are seeded the first
// time a store is used here (the build only extracts records that have an Id). The step's or node's
// HasIncidents follows.
import { randomUUID } from 'node:crypto';
import type { EtCall } from '../engine/call.ts';
import { jsonBody } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import type { EntityDef } from '../spec/entities.ts';
import { HttpError } from '../http/errors.ts';
import { parseExpand } from '../engine/hypermedia.ts';
import { json } from '../http/responses.ts';
import { envelope, pagingOf } from '../engine/paging.ts';
import { odataOver } from '../engine/odata-lists.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec, Store } from '../engine/store-types.ts';

interface Shape {
  entity: string;
  /** The field naming the step or node (StepId, NodeId). */
  holder: string;
  /** Where the run lives and how a holder is found in it. */
  run: string;
}
const SHAPES: Shape[] = [
  { entity: 'AgileRunStepIncident', holder: 'StepId', run: 'AgileRun' },
  { entity: 'AutomatedTestRunIncident', holder: 'NodeId', run: 'AutomatedTestRun' },
];

const same = (a: unknown, b: unknown) => String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();

/** Links shown in the documentation's examples of these operations (not the ones a POST example creates). */
function documentedLinks(engine: Engine, shape: Shape): Rec[] {
  const found: Rec[] = [];
  const add = (v: unknown) => {
    const r = v as Record<string, unknown> | null;
    if (!r || typeof r.RunId !== 'string' || typeof r[shape.holder] !== 'string' || typeof r.IncidentId !== 'string') return;
    if (found.some((f) => same(f.RunId, r.RunId) && same(f[shape.holder], r[shape.holder]) && same(f.IncidentId, r.IncidentId))) return;
    found.push({ Id: randomUUID(), RunId: r.RunId, [shape.holder]: r[shape.holder], IncidentId: r.IncidentId });
  };
  for (const op of engine.operations) {
    if (op.entity !== shape.entity || (op.method !== 'GET' && op.method !== 'POST')) continue;
    for (const body of examplesOf(engine, op, 200) as { Items?: unknown[] }[]) {
      if (Array.isArray(body?.Items)) body.Items.forEach(add);
      else add(body);
    }
  }
  return found;
}

/** Every documented example body of one response (OperationSpec keeps only the first). */
function examplesOf(engine: Engine, op: OperationSpec, status: number): unknown[] {
  const content = engine.spec.paths?.[op.path]?.[op.method.toLowerCase()]?.responses?.[String(status)]?.content ?? {};
  const out: unknown[] = [];
  for (const media of Object.values<{ example?: unknown; examples?: Record<string, { value?: unknown }> }>(content)) {
    if (media?.example !== undefined) out.push(media.example);
    for (const ex of Object.values(media?.examples ?? {})) if (ex?.value !== undefined) out.push(ex.value);
  }
  return out;
}

/** Seeds the documented links once per store (a reset clears the engine's scratch, so they come back). */
function ensureSeeded(engine: Engine, shape: Shape): void {
  const key = `incident-links:${shape.entity}`;
  let seeded = engine.scratch.get(key) as WeakSet<Store> | undefined;
  if (!seeded) engine.scratch.set(key, (seeded = new WeakSet()));
  const { store } = engine;
  if (seeded.has(store)) return;
  seeded.add(store);
  const col = store.collection(shape.entity);
  if (col.size) return;
  for (const link of documentedLinks(engine, shape)) {
    // Only links whose run and incident exist in this data set.
    if (store.collection(shape.run).get(String(link.RunId)) && store.collection('Incident').get(String(link.IncidentId))) col.insert(link);
  }
}

/** The step (inside the agile run's Steps) or the result node the path names; 404 when it is not there. */
function holderOf(call: EtCall, shape: Shape, runId: string, holderId: string): { run: Rec; node?: Rec; step?: Record<string, unknown> } {
  const { store } = call.engine;
  const run = store.collection(shape.run).get(runId);
  if (!run) throw new HttpError(404, `No ${shape.run} with the Id '${runId}' exists.`);
  if (shape.holder === 'NodeId') {
    const node = store.collection('ResultNode').get(holderId);
    if (!node || !same(node.RunId, run.Id)) throw new HttpError(404, `Run '${run.Id}' has no result node '${holderId}'.`);
    return { run, node };
  }
  const steps = Array.isArray(run.Steps) ? (run.Steps as Record<string, unknown>[]) : [];
  const step = steps.find((s) => same(s.Id, holderId));
  if (!step) throw new HttpError(404, `Agile run '${run.Id}' has no step '${holderId}'.`);
  return { run, step };
}

/** Keeps HasIncidents on the node, or on the step inside its run, in line with the links. */
function markHasIncidents(call: EtCall, shape: Shape, run: Rec, holderId: string): void {
  const { store } = call.engine;
  const has = store.collection(shape.entity).where(shape.holder, holderId).length > 0;
  if (shape.holder === 'NodeId') {
    const node = store.collection('ResultNode').get(holderId);
    if (node && node.HasIncidents !== has) store.collection('ResultNode').update(node.Id, { HasIncidents: has });
    return;
  }
  const steps = Array.isArray(run.Steps) ? (run.Steps as Record<string, unknown>[]) : [];
  if (!steps.some((s) => same(s.Id, holderId) && s.HasIncidents !== has)) return;
  store.collection(shape.run).update(run.Id, { Steps: steps.map((s) => (same(s.Id, holderId) ? { ...s, HasIncidents: has } : s)) });
}

function present(call: EtCall, def: EntityDef, link: Rec): Record<string, unknown> {
  const out = call.engine.presenter.present(def.name, link, call.base, parseExpand(call.query.get('$expand')));
  // The internal Id is the store's, not ET's.
  if (!def.properties.has('Id')) delete out.Id;
  return out;
}

export const incidentLinks = (op: OperationSpec, engine: Engine) => {
  const shape = SHAPES.find((s) => s.entity === op.entity);
  const def = op.entity ? engine.catalog.get(op.entity) : undefined;
  if (!shape || !def) throw new Error(`incident-links cannot serve ${op.method} ${op.path} (entity ${op.entity ?? 'none'}).`);
  const [runParam, holderParam, incidentParam] = op.params as [string, string, string | undefined];
  const successOf = (...wanted: number[]) => wanted.find((s) => op.statuses.includes(s)) ?? wanted[0]!;

  return async (call: EtCall): Promise<Response> => {
    ensureSeeded(call.engine, shape);
    const runId = call.params[runParam]!;
    const holderId = call.params[holderParam]!;
    const { run } = holderOf(call, shape, runId, holderId);
    const col = call.engine.store.collection(shape.entity);
    const mine = () => col.where(shape.holder, holderId).filter((l) => same(l.RunId, run.Id));

    if (incidentParam) {
      const incidentId = call.params[incidentParam]!;
      const link = mine().find((l) => same(l.IncidentId, incidentId));
      if (!link) throw new HttpError(404, `Incident ${incidentId} is not linked to ${shape.holder === 'NodeId' ? 'node' : 'step'} ${holderId}.`);
      if (call.op.method === 'DELETE') {
        col.remove(link.Id);
        markHasIncidents(call, shape, run, holderId);
        return new Response(null, { status: successOf(200, 204) });
      }
      return json(present(call, def, link));
    }

    if (call.op.method === 'POST') {
      const body = await jsonBody(call);
      if (typeof body.IncidentId !== 'string' || !body.IncidentId.trim()) throw new HttpError(400, 'IncidentId is required.');
      const incident = call.engine.store.collection('Incident').get(body.IncidentId);
      if (!incident) throw new HttpError(404, `No incident with the Id '${body.IncidentId}' exists.`);
      const existing = mine().find((l) => same(l.IncidentId, incident.Id));
      // Linking twice answers the link there is (200 where ET documents it).
      if (existing) return json(present(call, def, existing), successOf(200, 201));
      const link = col.insert({ Id: randomUUID(), RunId: run.Id, [shape.holder]: holderId, IncidentId: incident.Id });
      markHasIncidents(call, shape, run, holderId);
      const out = present(call, def, link);
      return json(out, successOf(201, 200), typeof out.Self === 'string' ? { Location: out.Self } : undefined);
    }

    const all = await odataOver(call, shape.entity, mine());
    const paging = pagingOf(call.query);
    return json(envelope(call.op.query ?? 'odata', paging, all.length, all.slice(paging.skip, paging.skip + paging.top).map((l) => present(call, def, l)), call.c.req.url));
  };
};
