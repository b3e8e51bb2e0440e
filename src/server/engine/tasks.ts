// Background tasks: a record in the store that a timer-driven worker moves forward a chunk at a time, so a
// client polling GET /api/backgroundtask/{id} sees ProcessedElements grow until Complete, as with ET.
import { randomUUID } from 'node:crypto';
import type { EtCall } from './call.ts';
import type { Engine } from './engine.ts';
import { nowIso } from './records.ts';
import type { Rec, Store } from './store-types.ts';

export interface TaskWork {
  total: number;
  /** Does the work from element `done` on and returns how many elements are done after this chunk. */
  step(done: number): number;
  /** Message shown once the work is complete. */
  finished?(): string;
}

/** Milliseconds between chunks: long enough for a poll to see progress, short enough for tests. */
export const TASK_TICK_MS = 5;

export function taskEntity(engine: Engine): string {
  const op = engine.operations.find((o) => o.behaviour === 'background-task-status' && o.entity);
  return op?.entity ?? 'BackgroundTask';
}

export function presentTask(engine: Engine, task: Rec, base: string): Record<string, unknown> {
  const entity = taskEntity(engine);
  if (engine.catalog.get(entity)) return engine.presenter.present(entity, task, base);
  return { ...task, Self: `${base}/api/backgroundtask/${task.Id}` };
}

export function startTask(call: EtCall, kind: string, message: string, work: TaskWork): Rec {
  const { engine } = call;
  const store: Store = engine.store;
  const col = store.collection(taskEntity(engine));
  const started = Date.now();
  const task = col.insert({
    Id: `${kind.toLowerCase()}-${randomUUID()}`,
    Complete: false,
    Error: null,
    TotalElements: work.total,
    ProcessedElements: 0,
    StartedAt: nowIso(),
    FinishedAt: null,
    ProgressInPercent: 0,
    Elapsed: '00:00:00',
    Message: message,
  });
  let done = 0;
  const tick = () => {
    // Shut down, reset, or the task deleted: stop quietly.
    if (engine.closed || !col.get(task.Id)) return;
    try {
      done = Math.min(work.total, work.step(done));
    } catch (err) {
      col.update(task.Id, { Complete: true, Error: (err as Error).message, FinishedAt: nowIso(), Elapsed: elapsed(started) });
      return;
    }
    const complete = done >= work.total;
    col.update(task.Id, {
      ProcessedElements: done,
      ProgressInPercent: work.total ? done / work.total : 1,
      Elapsed: elapsed(started),
      ...(complete ? { Complete: true, FinishedAt: nowIso(), Message: work.finished?.() ?? message } : {}),
    });
    if (!complete) setTimeout(tick, TASK_TICK_MS).unref();
  };
  setTimeout(tick, TASK_TICK_MS).unref();
  return task;
}

function elapsed(since: number): string {
  const s = Math.floor((Date.now() - since) / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}
