// The ET-specific handlers, by the name the spec gives in x-et-behaviour. Each module is imported the first
// time one of its operations is called, so start-up only loads the generic engine. A few ET behaviours have
// no name in the catalogue (updating a run, setting a password, ...): `implicitBehaviour` recognises them by
// the entity and path they serve.
import type { Handler } from '../call.ts';
import type { Engine } from '../engine.ts';
import type { OperationSpec } from '../spec.ts';

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

/** Same as behaviours/permissions.ts PERMISSIONS_PATH (kept here so matching does not load that module). */
const PERMISSIONS_PATH = /^\/api\/(user|group)\/\{[^}]+\}\/permissions\/(global|project\/\{[^}]+\})\/?$/i;

export function implicitBehaviour(op: OperationSpec): string | undefined {
  if (op.entity === 'ScriptRun' && op.kind === 'item' && op.method === 'PUT') return 'script-run-update';
  if (op.entity === 'User' && op.kind === 'collection' && op.method === 'POST') return 'user-create';
  if (op.entity === 'User' && op.kind === 'item' && op.method === 'PUT') return 'user-update';
  if (PERMISSIONS_PATH.test(op.path) && (op.method === 'GET' || op.method === 'PUT')) return 'permissions';
  if (/^\/api\/(user|group)\/\{[^}]+\}\/permissions\/projects$/i.test(op.path) && op.method === 'GET') return 'permission-projects';
  if (/^\/api\/?$/i.test(op.path) && op.method === 'GET') return 'root';
  if (/^\/api\/user\/\{[^}]+\}\/password$/i.test(op.path) && op.method === 'PUT') return 'user-password';
  if (/^\/api\/[^/]+\/\{[^}]+\}\/(all)?relationships$/i.test(op.path) && op.method === 'GET') return 'relationships';
  if (/\/relationshiptype\/\{[^}]+\}\/relationships$/i.test(op.path) && op.method === 'POST') return 'relationship-create';
  if (/\/relationshiptype\/\{[^}]+\}\/relationship\/\{[^}]+\}$/i.test(op.path)) return 'relationship-item';
  if (/^\/api\/(relationshiptypes|organisation\/\{[^}]+\}\/(relationshiptypes|relationshiptype\/\{[^}]+\}))$/i.test(op.path) && op.method === 'GET') return 'relationship-types';
  if (/^\/api\/(user\/\{[^}]+\}\/groups|group\/\{[^}]+\}\/users)$/i.test(op.path) && (op.method === 'GET' || op.method === 'PUT')) return 'group-memberships';
  if (/^\/api\/assignedtosearch$/i.test(op.path)) return 'assignee-search';
  if (/^\/api\/usergroupsearch$/i.test(op.path)) return 'user-group-search';
  if (/^\/api\/attachment\/\{[^}]+\}\/contents$/i.test(op.path) && op.method === 'GET') return 'attachment-contents';
  if (/^\/api\/stepresult\/\{[^}]+\}\/(incidents|incident\/\{[^}]+\})$/i.test(op.path) && !op.entity) return 'step-result-incidents';
  return undefined;
}
