// Remote tickets (Jira issues) seen through a project's defect tracker links. The fake has no remote system:
// the tickets it knows are those ET's documented ticket search shows. A ticket belongs to a link when it
// lives in the link's external system (and in the link's remote project, by key prefix). Its IncidentId is
// the incident made from it (POST .../ticket/{ticketId}/link), else the documented one while that exists.
//   GET /api/project/{projectId}/tickets?q=            tickets of the project's links whose key or summary contains q
//   GET /api/externalsystemlink/{id}/ticket/{ticketId}  one ticket, by key or remote id
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { parseExpand } from '../engine/hypermedia.ts';
import { json } from '../http/responses.ts';
import { envelope, pagingOf } from '../engine/paging.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';

export interface KnownTicket {
  Key: string;
  Id?: string;
  Summary?: string;
  Url?: string;
  ExternalSystemId?: string;
  IncidentId?: string | null;
  [field: string]: unknown;
}

/** The tickets of ET's documented ticket search (GET /api/project/{projectId}/tickets), in its order. */
export function documentedTickets(engine: Engine): KnownTicket[] {
  const known: KnownTicket[] = [];
  for (const op of engine.operations) {
    if (op.method !== 'GET' || !/\/tickets$/i.test(op.path)) continue;
    const items = (op.exampleBodies.get(200) as { Items?: KnownTicket[] } | undefined)?.Items ?? [];
    for (const t of items) if (typeof t?.Key === 'string' && !known.some((k) => k.Key === t.Key)) known.push(t);
  }
  return known;
}

/** A documented ticket by key or remote id (case-insensitive). */
export function findTicket(tickets: KnownTicket[], keyOrId: string): KnownTicket | undefined {
  const want = keyOrId.toLowerCase();
  return tickets.find((t) => t.Key.toLowerCase() === want || String(t.Id ?? '').toLowerCase() === want);
}

const same = (a: unknown, b: unknown) => String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();

/** Whether the ticket lives where the link points: its system, and its remote project when the link names one. */
function onLink(ticket: KnownTicket, link: Rec): boolean {
  if (!same(ticket.ExternalSystemId, link.ExternalSystemId)) return false;
  const project = typeof link.DefectTrackerProjectId === 'string' ? link.DefectTrackerProjectId : '';
  return !project || ticket.Key.toLowerCase().startsWith(`${project.toLowerCase()}-`);
}

/** The incident made from the ticket through one of `links`, else the documented one if it still exists. */
function incidentIdOf(call: EtCall, ticket: KnownTicket, links: Rec[]): string | null {
  const incidents = call.engine.store.collection('Incident');
  for (const inc of incidents.values()) {
    const through = Array.isArray(inc.ExternalSystemLinkIds) ? (inc.ExternalSystemLinkIds as string[]) : [];
    if (same(inc.ExternalKeys, ticket.Key) && through.some((id) => links.some((l) => same(l.Id, id)))) return inc.Id;
  }
  return typeof ticket.IncidentId === 'string' && incidents.get(ticket.IncidentId) ? ticket.IncidentId : null;
}

function present(call: EtCall, ticket: KnownTicket, link: Rec, links: Rec[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...ticket, IncidentId: incidentIdOf(call, ticket, links) };
  delete out.ExternalSystem;
  if (parseExpand(call.query.get('$expand'))?.has('externalsystem')) out.ExternalSystem = call.engine.presenter.present('ExternalSystemLink', link, call.base);
  return out;
}

export const projectTickets = (_op: OperationSpec, engine: Engine) => {
  const tickets = documentedTickets(engine);
  return (call: EtCall): Response => {
    const { store } = call.engine;
    const projectId = call.params.projectId ?? '';
    const project = store.collection('Project').get(projectId);
    if (!project) throw new HttpError(404, `No Project with the Id '${projectId}' exists.`);
    const links = store.collection('ExternalSystemLink').where('ProjectId', project.Id).filter((l) => l.Type === 'DefectTracker');
    const q = (call.query.get('q') ?? call.query.get('query') ?? '').trim().toLowerCase();
    const found: { ticket: KnownTicket; link: Rec }[] = [];
    for (const ticket of tickets) {
      const link = links.find((l) => onLink(ticket, l));
      if (!link) continue;
      if (q && !ticket.Key.toLowerCase().includes(q) && !String(ticket.Summary ?? '').toLowerCase().includes(q)) continue;
      found.push({ ticket, link });
    }
    const paging = pagingOf(call.query);
    const page = found.slice(paging.skip, paging.skip + paging.top).map(({ ticket, link }) => present(call, ticket, link, links));
    return json(envelope('tql', paging, found.length, page, call.c.req.url));
  };
};

export const linkTicket = (_op: OperationSpec, engine: Engine) => {
  const tickets = documentedTickets(engine);
  return (call: EtCall): Response => {
    const linkId = call.params.externalSystemLinkId ?? '';
    const link = call.engine.store.collection('ExternalSystemLink').get(linkId);
    if (!link) throw new HttpError(404, `No external system link has the Id '${linkId}'.`);
    const ticketId = call.params.ticketId ?? '';
    const ticket = findTicket(tickets, ticketId);
    if (!ticket || !onLink(ticket, link)) throw new HttpError(404, `The link '${String(link.Name ?? link.Id)}' has no ticket '${ticketId}'.`);
    return json(present(call, ticket, link, [link]));
  };
};
