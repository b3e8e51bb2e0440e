// POST /api/backgroundtasks starts a task (202 with its progress); GET /api/backgroundtask/{id} reports it.
import { jsonBody, itemId, type EtCall } from '../engine/call.ts';
import { HttpError } from '../http/errors.ts';
import { json } from '../http/responses.ts';
import { presentTask, startTask, taskEntity } from '../engine/tasks.ts';

/** How many elements a simulated maintenance task (e.g. Reindex) pretends to process. */
const SIMULATED_ELEMENTS = 10;

export const createBackgroundTask = () => async (call: EtCall) => {
  const body = await jsonBody(call);
  const type = body.Type;
  if (typeof type !== 'string' || !type.trim()) throw new HttpError(403, 'You must specify the Type of background task to run, e.g. "Reindex".');
  if (body.ProjectId !== undefined && body.ProjectId !== null && !call.engine.store.collection('Project').get(String(body.ProjectId)))
    throw new HttpError(403, `You must specify a valid ProjectId: no Project has the Id '${String(body.ProjectId)}'.`);
  const task = startTask(call, type, `${type} started`, {
    total: SIMULATED_ELEMENTS,
    step: (done) => done + 1,
    finished: () => `${type} complete`,
  });
  const out = presentTask(call.engine, task, call.base);
  return json(out, 202, typeof out.Self === 'string' ? { Location: out.Self } : undefined);
};

export const backgroundTaskStatus = () => (call: EtCall) => {
  const id = itemId(call);
  const task = call.engine.store.collection(taskEntity(call.engine)).get(id);
  if (!task) throw new HttpError(404, `No background task with the Id '${id}' exists (finished tasks are purged after a while).`);
  return json(presentTask(call.engine, task, call.base));
};
