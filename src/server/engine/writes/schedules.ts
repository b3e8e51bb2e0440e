// What ET derives for a synchronisation schedule from its own fields: the Description that says when and which
// way it synchronises ("Every 30 minutes, both directions, Jira first"; "Weekly, Jira to ET, at 06:00"), and
// NextRun, when it runs next: a period on from its last run (or now), or the next time of day it names.
import type { Store } from '../store-types.ts';
import { externalSystemKind } from './external-system-types.ts';

interface Timing {
  Type?: unknown;
  PeriodInMinutes?: unknown;
  HourOfDay?: unknown;
  MinuteOfDay?: unknown;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The other end of the schedule's link, by the short name of its kind ("Jira"). */
function remoteName(store: Store, linkId: unknown): string {
  const link = typeof linkId === 'string' && store.entities().includes('ExternalSystemLink') ? store.collection('ExternalSystemLink').get(linkId) : undefined;
  const kind = externalSystemKind(link?.ExternalSystemImplementationType);
  return kind?.shortName ?? (typeof link?.ExternalSystemName === 'string' ? link.ExternalSystemName : 'the external system');
}

function directionWords(direction: unknown, remote: string): string {
  switch (direction) {
    case 'SourceToDestination':
      return `ET to ${remote}`;
    case 'DestinationToSource':
      return `${remote} to ET`;
    case 'BiDirectionalDestinationFirst':
      return `both directions, ${remote} first`;
    case 'BiDirectionalSourceFirst':
      return 'both directions, ET first';
    default:
      return 'no direction';
  }
}

const whole = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
const two = (n: number) => String(n).padStart(2, '0');

/** The time of day a daily, weekly or monthly schedule runs at (MinuteOfDay is the minute of that hour). */
function timeOfDay(t: Timing): { hour: number; minute: number } | undefined {
  const hour = whole(t.HourOfDay);
  return hour === undefined || hour > 23 ? undefined : { hour, minute: Math.min(59, whole(t.MinuteOfDay) ?? 0) };
}

function describe(t: Timing, direction: string): string {
  const at = timeOfDay(t);
  const atText = at ? `, at ${two(at.hour)}:${two(at.minute)}` : '';
  switch (t.Type) {
    case 'Periodic': {
      const n = whole(t.PeriodInMinutes) ?? 0;
      return `Every ${n === 1 ? 'minute' : `${n} minutes`}, ${direction}`;
    }
    case 'Daily':
    case 'Weekly':
    case 'Monthly':
      return `${t.Type}, ${direction}${atText}`;
    case 'OnChange':
      return `On change, ${direction}`;
    default:
      return `On demand, ${direction}`;
  }
}

/** When the schedule runs next, after `now` (ms); null when it is off or runs only on demand or on change. */
export function nextRunOf(t: Timing, enabled: unknown, lastRun: unknown, now: number): string | null {
  if (enabled === false) return null;
  const last = typeof lastRun === 'string' ? Date.parse(lastRun) : NaN;
  let next: number | undefined;
  if (t.Type === 'Periodic') {
    const n = whole(t.PeriodInMinutes);
    // ET counts the period from the last run.
    if (n) next = (Number.isFinite(last) ? last : now) + n * MINUTE;
  } else if (t.Type === 'Daily' || t.Type === 'Weekly' || t.Type === 'Monthly') {
    const at = timeOfDay(t);
    if (at) {
      // The day the schedule counts from (its last run, or today), at its time of day; then whole periods on until after now.
      const from = new Date(Number.isFinite(last) ? last : now);
      const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), at.hour, at.minute));
      const after = Math.max(now, Number.isFinite(last) ? last : -Infinity);
      for (let i = 0; day.getTime() <= after && i < 10_000; i++) {
        if (t.Type === 'Daily') day.setTime(day.getTime() + DAY);
        else if (t.Type === 'Weekly') day.setTime(day.getTime() + 7 * DAY);
        else day.setUTCMonth(day.getUTCMonth() + 1);
      }
      next = day.getTime();
    }
  }
  return next === undefined ? null : new Date(next).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A derivation (derived.ts), by shape. */
export const scheduleDerivation = {
  // A save that leaves when and which way alone (switching a schedule on) keeps what was derived.
  from: ['Configuration', 'Direction'],
  derive(rec: Record<string, unknown>, store: Store, now: number): Record<string, unknown> {
    const timing = (rec.Configuration && typeof rec.Configuration === 'object' ? rec.Configuration : {}) as Timing;
    return {
      Description: describe(timing, directionWords(rec.Direction, remoteName(store, rec.LinkId))),
      NextRun: nextRunOf(timing, rec.Enabled, rec.LastRun, now),
    };
  },
};
