// POST /api/externalsystemlink/{externalSystemLinkId}/ticket/{ticketId}/link: ET creates an incident that
// stays in sync with a remote ticket (a Jira issue), as a background task; the call takes no body and
// answers 202 with the task. The fake has no remote system: it knows the tickets ET's documented ticket
// search shows (for their summaries) and makes the incident in the link's project, once per ticket.
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { json } from '../http/responses.ts';
import { buildNew, insertNew } from '../engine/records.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';
import { presentTask, startTask } from '../engine/tasks.ts';
import { documentedTickets, findTicket } from './tickets.ts';

/** The incident already made from this ticket through this link, if any. */
function incidentOf(engine: Engine, linkId: string, key: string): Rec | undefined {
  for (const inc of engine.store.collection('Incident').values()) {
    const links = Array.isArray(inc.ExternalSystemLinkIds) ? (inc.ExternalSystemLinkIds as string[]) : [];
    if (String(inc.ExternalKeys ?? '').toLowerCase() === key.toLowerCase() && links.some((l) => l.toLowerCase() === linkId.toLowerCase())) return inc;
  }
  return undefined;
}

export const ticketLink = (_op: OperationSpec, engine: Engine) => {
  const tickets = documentedTickets(engine);
  return (call: EtCall): Response => {
    const linkId = call.params.externalSystemLinkId ?? '';
    const ticketId = (call.params.ticketId ?? '').trim();
    const link = call.engine.store.collection('ExternalSystemLink').get(linkId);
    // ET documents 403 (not 404) when the link or the ticket is not valid.
    if (!link) throw new HttpError(403, `No external system link has the Id '${linkId}'.`);
    if (!ticketId) throw new HttpError(403, 'Name the remote ticket to create the incident from.');
    if (typeof link.ProjectId !== 'string') throw new HttpError(403, `The external system link '${String(link.Name ?? linkId)}' belongs to no project.`);
    const ticket = findTicket(tickets, ticketId);
    const key = ticket?.Key ?? ticketId;
    let made: Rec | undefined;
    const task = startTask(call, 'CreateIncident', `Creating an incident from ${key}.`, {
      total: 1,
      step: () => {
        made = incidentOf(call.engine, link.Id, key);
        if (made) return 1;
        const def = call.engine.catalog.get('Incident');
        if (!def) throw new Error('The fake has no Incident model.');
        const body = {
          Summary: ticket?.Summary ?? `Ticket ${key}`,
          Description: ticket?.Url ? `Created from ${key} (${ticket.Url}).` : `Created from ${key}.`,
          ProjectId: link.ProjectId,
          ExternalKeys: key,
          ExternalSystemLinkIds: [link.Id],
        };
        made = insertNew(call, 'Incident', buildNew(call, def, body));
        return 1;
      },
      finished: () => `Incident ${String(made?.IncidentNumber)} is linked to ${key}.`,
    });
    const out = presentTask(call.engine, task, call.base);
    return json(out, 202, typeof out.Self === 'string' ? { Location: out.Self } : undefined);
  };
};
