// Incidents raised from a step result: links {StepResultId, IncidentId} kept as StepRunResultIncident records.
// POST /api/stepresult/{id}/incidents links an existing incident (201; 200 with the existing link when it is
// already linked), GET lists the links, GET/DELETE .../incident/{id} read or remove one. The step result's
// HasIncidents follows.
import { randomUUID } from 'node:crypto';
import type { EtCall } from '../engine/call.ts';
import { jsonBody } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { json } from '../http/responses.ts';
import { envelope, pagingOf } from '../engine/paging.ts';
import { odataOver } from '../engine/odata-lists.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec, Store } from '../engine/store-types.ts';

const LINK = 'StepRunResultIncident';
const shown = (link: Rec) => ({ IncidentId: link.IncidentId, StepResultId: link.StepResultId });

function stepOr404(store: Store, id: string): Rec {
  const step = store.collection('StepResult').get(id);
  if (!step) throw new HttpError(404, `No StepResult with the Id '${id}' exists.`);
  return step;
}

function markHasIncidents(store: Store, step: Rec): void {
  const has = store.collection(LINK).where('StepResultId', step.Id).length > 0;
  if (step.HasIncidents !== has) store.collection('StepResult').update(step.Id, { HasIncidents: has });
}

export const stepResultIncidents = (op: OperationSpec, _engine: Engine) => {
  const item = op.params.length === 2;
  const [stepParam, incidentParam] = op.params as [string, string | undefined];
  return async (call: EtCall): Promise<Response> => {
    const { store } = call.engine;
    const step = stepOr404(store, call.params[stepParam]!);
    const links = store.collection(LINK);
    const mine = () => links.where('StepResultId', step.Id);
    if (item) {
      const incidentId = call.params[incidentParam!]!.toLowerCase();
      const link = mine().find((l) => String(l.IncidentId).toLowerCase() === incidentId);
      if (!link) throw new HttpError(404, `The incident '${call.params[incidentParam!]}' is not linked to step result '${step.Id}'.`);
      if (call.c.req.method === 'DELETE') {
        links.remove(link.Id);
        markHasIncidents(store, step);
        return new Response(null, { status: 200 });
      }
      return json(shown(link));
    }
    if (call.c.req.method === 'POST') {
      const body = await jsonBody(call);
      const incident = typeof body.IncidentId === 'string' ? store.collection('Incident').get(body.IncidentId) : undefined;
      if (!incident) throw new HttpError(404, 'The incident does not exist.');
      const existing = mine().find((l) => l.IncidentId === incident.Id);
      if (existing) return json(shown(existing), 200);
      const link = links.insert({ Id: randomUUID(), StepResultId: step.Id, IncidentId: incident.Id });
      markHasIncidents(store, step);
      return json(shown(link), 201, { Location: `${call.base}/api/stepresult/${step.Id}/incident/${incident.Id}` });
    }
    const all = await odataOver(call, LINK, mine());
    const paging = pagingOf(call.query);
    return json(envelope(call.op.query ?? 'odata', paging, all.length, all.slice(paging.skip, paging.skip + paging.top).map(shown), call.c.req.url));
  };
};
