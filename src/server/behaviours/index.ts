// The ET-specific handlers, by the name the spec gives in x-et-behaviour. A few ET behaviours have no name in
// the catalogue (updating a run, creating users, permission lists): `implicitBehaviour` recognises them by
// the entity and path they serve.
import type { Handler } from '../call.ts';
import type { Engine } from '../engine.ts';
import type { OperationSpec } from '../spec.ts';
import { automatedResultUpload } from './automated-result-upload.ts';
import { backgroundTaskStatus, createBackgroundTask } from './background-tasks.ts';
import { permissions, PERMISSIONS_PATH } from './permissions.ts';
import { root } from './root.ts';
import { scriptRunStart } from './script-run-start.ts';
import { scriptRunUpdate } from './script-run-update.ts';
import { search } from './search.ts';
import { systemInfo } from './systeminfo.ts';
import { createUser, setUserPassword, updateUser } from './users.ts';

export type BehaviourFactory = (op: OperationSpec, engine: Engine) => Handler;

export const behaviours: Record<string, BehaviourFactory> = {
  'script-run-start': scriptRunStart,
  'script-run-update': scriptRunUpdate,
  'background-task-create': createBackgroundTask,
  'background-task-status': backgroundTaskStatus,
  'automated-result-upload': automatedResultUpload,
  root,
  systeminfo: systemInfo,
  search,
  permissions,
  'user-create': createUser,
  'user-update': updateUser,
  'user-password': setUserPassword,
};

export function implicitBehaviour(op: OperationSpec): string | undefined {
  if (op.entity === 'ScriptRun' && op.kind === 'item' && op.method === 'PUT') return 'script-run-update';
  if (op.entity === 'User' && op.kind === 'collection' && op.method === 'POST') return 'user-create';
  if (op.entity === 'User' && op.kind === 'item' && op.method === 'PUT') return 'user-update';
  if (PERMISSIONS_PATH.test(op.path) && (op.method === 'GET' || op.method === 'PUT')) return 'permissions';
  if (/^\/api\/?$/i.test(op.path) && op.method === 'GET') return 'root';
  if (/^\/api\/user\/\{[^}]+\}\/password$/i.test(op.path) && op.method === 'PUT') return 'user-password';
  return undefined;
}
