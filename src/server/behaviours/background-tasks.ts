// POST /api/backgroundtasks starts a task (202 with the task as queued: its worker counts the work first);
// GET /api/backgroundtask/{id} reports its progress.
import { jsonBody, itemId, type EtCall } from '../engine/call.ts';
import { HttpError } from '../http/errors.ts';
import { json } from '../http/responses.ts';
import { presentTask, startTask, taskEntity } from '../engine/tasks.ts';

/** A maintenance task goes over its elements in about this many ticks, so a poll sees it progress. */
const TICKS = 20;

/** What ET says while a task of a kind runs and once it is done; other kinds are named by their Type. */
const MESSAGES: Record<string, { running: string; finished: string }> = {
  reindex: { running: 'Rebuilding the search index.', finished: 'Search index rebuilt.' },
};

/** A re-index goes over every record TQL searches: the records of the entities with a TQL-queried collection. */
function indexedRecords(call: EtCall): () => number {
  const { engine } = call;
  const store = engine.store;
  const entities = new Set(engine.operations.filter((o) => o.query === 'tql' && o.entity).map((o) => o.entity!));
  return () => {
    let n = 0;
    for (const entity of entities) n += store.collection(entity).size;
    return n;
  };
}

export const createBackgroundTask = () => async (call: EtCall) => {
  const body = await jsonBody(call);
  const type = body.Type;
  if (typeof type !== 'string' || !type.trim()) throw new HttpError(403, 'You must specify the Type of background task to run, e.g. "Reindex".');
  if (body.ProjectId !== undefined && body.ProjectId !== null && !call.engine.store.collection('Project').get(String(body.ProjectId)))
    throw new HttpError(403, `You must specify a valid ProjectId: no Project has the Id '${String(body.ProjectId)}'.`);
  const messages = MESSAGES[type.toLowerCase()] ?? { running: `Running the ${type} task.`, finished: `${type} complete.` };
  const count = indexedRecords(call);
  let chunk = 1;
  const task = startTask(call, type, messages.running, {
    total: () => {
      const n = count();
      chunk = Math.max(1, Math.ceil(n / TICKS));
      return n;
    },
    step: (done) => done + chunk,
    finished: () => messages.finished,
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
