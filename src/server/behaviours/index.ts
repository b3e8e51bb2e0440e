// The ET-specific handlers, by the name the spec gives in x-et-behaviour. Each module is imported the first
// time one of its operations is called, so start-up only loads the generic engine. A few ET behaviours have
// no name in the catalogue (updating a run, setting a password, ...): `implicitBehaviour` recognises them by
// the entity and path they serve.
import type { Handler } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import type { OperationSpec } from '../spec/operations.ts';

export type BehaviourFactory = (op: OperationSpec, engine: Engine) => Handler;
type Loader = () => Promise<BehaviourFactory>;

export const behaviours: Record<string, Loader> = {
  'script-run-start': async () => (await import('./script-run-start.ts')).scriptRunStart,
  'script-run-update': async () => (await import('./script-run-update.ts')).scriptRunUpdate,
  'background-task-create': async () => (await import('./background-tasks.ts')).createBackgroundTask,
  'background-task-status': async () => (await import('./background-tasks.ts')).backgroundTaskStatus,
  'automated-result-upload': async () => (await import('./automated-result-upload.ts')).automatedResultUpload,
  root: async () => (await import('./root.ts')).root,
  systeminfo: async () => (await import('./systeminfo.ts')).systemInfo,
  'time-zone': async () => (await import('./time-zone.ts')).timeZone,
  search: async () => (await import('./search.ts')).search,
  permissions: async () => (await import('./permissions.ts')).permissions,
  'permission-projects': async () => (await import('./permissions.ts')).permissionProjects,
  'user-create': async () => (await import('./users.ts')).createUser,
  'user-update': async () => (await import('./users.ts')).updateUser,
  'user-password': async () => (await import('./users.ts')).setUserPassword,
  relationships: async () => (await import('./relationships.ts')).relationshipsOfRecord,
  'relationship-create': async () => (await import('./relationships.ts')).createRelationship,
  'relationship-item': async () => (await import('./relationships.ts')).relationshipItem,
  'relationship-types': async () => (await import('./relationship-types.ts')).relationshipTypes,
  'group-memberships': async () => (await import('./group-memberships.ts')).groupMemberships,
  'step-result-incidents': async () => (await import('./step-result-incidents.ts')).stepResultIncidents,
  'attachment-contents': async () => (await import('./attachment-contents.ts')).attachmentContents,
  'assignee-search': async () => (await import('./people-search.ts')).assigneeSearch,
  'user-group-search': async () => (await import('./people-search.ts')).userGroupSearch,
  'name-search': async () => (await import('./name-search.ts')).nameSearch,
  'permission-tree': async () => (await import('./permission-tree.ts')).permissionTree,
  'permission-item': async () => (await import('./permission-tree.ts')).permissionItem,
  'ticket-link': async () => (await import('./ticket-link.ts')).ticketLink,
  'schedule-run': async () => (await import('./schedule-run.ts')).scheduleRun,
  'incident-links': async () => (await import('./incident-links.ts')).incidentLinks,
  'external-system-link-create': async () => (await import('./external-system-links.ts')).createExternalSystemLink,
  'external-system-link-copy': async () => (await import('./external-system-links.ts')).copyExternalSystemLink,
  'owned-documented': async () => (await import('./owned-documented.ts')).ownedDocumented,
  'project-tickets': async () => (await import('./tickets.ts')).projectTickets,
  'link-ticket': async () => (await import('./tickets.ts')).linkTicket,
  'system-events-delete': async () => (await import('./system-events.ts')).deleteSystemEvents,
  'result-nodes': async () => (await import('./result-nodes.ts')).resultNodes,
};

/** A handler that loads its behaviour module on the first call and then delegates to it. */
export function lazyBehaviour(load: Loader, op: OperationSpec, engine: Engine): Handler {
  let handler: Promise<Handler> | undefined;
  return async (call) => (await (handler ??= load().then((make) => make(op, engine))))(call);
}
