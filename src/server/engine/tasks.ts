// Background tasks: a record in the store that a timer-driven worker moves forward a chunk at a time, so a
// client polling GET /api/backgroundtask/{id} sees ProcessedElements grow until Complete, as with ET. A task
// whose size its worker counts first (a re-index) is answered queued, as ET answers it: "Queued.", no elements
// yet; the first tick counts them and shows the running message.
import { randomUUID } from 'node:crypto';
import type { EtCall } from './call.ts';
import type { Engine } from './engine.ts';
import { nowIso } from './records.ts';
import type { Rec, Store } from './store-types.ts';

export interface TaskWork {
  /** How many elements the work has, or how to count them when the worker starts (the task is queued until then). */
  total: number | (() => number);
  /** Does the work from element `done` on and returns how many elements are done after this chunk. */
  step(done: number): number;
  /** Message shown once the work is complete. */
  finished?(): string;
}

/** What a task counting its work shows until its worker starts, in ET's words. */
export const QUEUED_MESSAGE = 'Queued.';

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
  const counted = typeof work.total === 'function';
  let total = typeof work.total === 'function' ? 0 : work.total;
  const task = col.insert({
    Id: `${kind.toLowerCase()}-${randomUUID()}`,
    Complete: false,
    Error: null,
    TotalElements: total,
    ProcessedElements: 0,
    StartedAt: nowIso(),
    FinishedAt: null,
    ProgressInPercent: 0,
    Elapsed: '00:00:00',
    Message: counted ? QUEUED_MESSAGE : message,
  });
  let done = 0;
  let queued = counted;
  const tick = () => {
    // Shut down, reset, or the task deleted: stop quietly.
    if (engine.closed || !col.get(task.Id)) return;
    try {
      if (queued) {
        // The worker starts: it counts the work and says what it is doing.
        queued = false;
        total = (work.total as () => number)();
        col.update(task.Id, { TotalElements: total, Message: message, Elapsed: elapsed(started) });
        if (total > 0) {
          setTimeout(tick, TASK_TICK_MS).unref();
          return;
        }
      }
      done = Math.min(total, work.step(done));
    } catch (err) {
      col.update(task.Id, { Complete: true, Error: (err as Error).message, FinishedAt: nowIso(), Elapsed: elapsed(started) });
      return;
    }
    const complete = done >= total;
    col.update(task.Id, {
      ProcessedElements: done,
      ProgressInPercent: total ? done / total : 1,
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
