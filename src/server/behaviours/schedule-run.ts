// POST /api/synchronizer/{linkId}/schedule/{id}/run: run a synchronisation schedule now. ET answers 202
// without a body and does the work in the background; the fake has no remote system to synchronise with,
// so a run marks the schedule running, logs the start as a system event, and a moment later records an
// empty, successful run (LastRun, StatusMessage, the link's LastSynchronizedAt, a finishing event); the
// schedule's NextRun then counts from that run.
import { randomUUID } from 'node:crypto';
import type { EtCall } from '../engine/call.ts';
import type { Engine } from '../engine/engine.ts';
import { HttpError } from '../http/errors.ts';
import { nowIso } from '../engine/records.ts';
import type { OperationSpec } from '../spec/operations.ts';
import type { Rec } from '../engine/store-types.ts';
import { startTask } from '../engine/tasks.ts';
import { nextRunOf } from '../engine/writes/schedules.ts';

const SCHEDULE = 'SynchronizationScheduleInfo';

function logEvent(engine: Engine, link: Rec | undefined, schedule: Rec, type: string, message: string): void {
  if (!engine.catalog.get('SystemEvent')) return;
  engine.store.collection('SystemEvent').insert({
    Id: randomUUID(),
    Type: type,
    Level: 'INFO',
    Source: 'Synchronizer',
    Message: message,
    OccurredAt: nowIso(),
    LinkId: schedule.LinkId ?? null,
    SystemId: link?.ExternalSystemId ?? null,
    DocumentId: null,
    EntityId: null,
    EntityType: null,
    ReferenceId: null,
  });
}

export const scheduleRun = (_op: OperationSpec, _engine: Engine) => (call: EtCall): Response => {
  const { engine } = call;
  const linkId = call.params.linkId ?? '';
  const schedules = engine.store.collection(SCHEDULE);
  const schedule = schedules.get(call.params.id ?? '');
  if (!schedule || String(schedule.LinkId ?? '').toLowerCase() !== linkId.toLowerCase())
    throw new HttpError(404, `No synchronisation schedule with the Id '${call.params.id}' exists for the link '${linkId}'.`);
  // A run already under way is not started twice.
  if (schedule.IsRunning === true) return new Response(null, { status: 202 });
  const links = engine.store.collection('ExternalSystemLink');
  const link = links.get(linkId);
  const name = String(schedule.Description ?? schedule.Id);
  schedules.update(schedule.Id, { IsRunning: true, StatusMessage: 'Running' });
  logEvent(engine, link, schedule, 'SynchronizationStarted', `Synchronisation started (schedule: ${name}).`);
  startTask(call, 'Synchronize', `Synchronising (schedule: ${name}).`, {
    total: 1,
    step: () => {
      const now = nowIso();
      const current = schedules.get(schedule.Id);
      if (current) {
        const timing = (current.Configuration && typeof current.Configuration === 'object' ? current.Configuration : {}) as Parameters<typeof nextRunOf>[0];
        const nextRun = nextRunOf(timing, current.Enabled, now, Date.parse(now));
        schedules.update(schedule.Id, { IsRunning: false, LastRun: now, NextRun: nextRun, StatusMessage: 'Completed: 0 updated, 0 failed' });
      }
      if (link && links.get(link.Id) && 'LastSynchronizedAt' in link) links.update(link.Id, { LastSynchronizedAt: now });
      logEvent(engine, link, schedule, 'SynchronizationFinished', `Synchronisation finished (schedule: ${name}): 0 updated, 0 failed.`);
      return 1;
    },
    finished: () => `Synchronisation finished (schedule: ${name}).`,
  });
  return new Response(null, { status: 202 });
};
