// A synchronisation schedule's Description and NextRun are ET's, derived from the schedule's own fields: when
// and which way it synchronises, in words that name the link's external system; when it runs next, by the
// server's clock. A save that changes neither keeps them.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../../helpers/test-fake.ts';

const JIRA_LINK = '6c6599a6-f39b-472c-873e-01040adb40ee';
/** "Every 30 minutes, both directions, Jira first", last run 2026-03-02T09:00:00Z. */
const PERIODIC = '60949a92-025e-4c3a-a428-76920848e32c';
/** "Nightly full push to Jira at 02:15", switched off. */
const NIGHTLY = '34972e2f-8389-4254-b74b-8ccbf3283ab5';

const schedule = (Type: string, more: Record<string, unknown> = {}) => ({
  LinkId: JIRA_LINK,
  Enabled: true,
  Direction: 'DestinationToSource',
  Scope: 'SynchronizeAll',
  Condition: 'AllEntities',
  Configuration: { Type, HourOfDay: 6, MinuteOfDay: 0, PeriodInMinutes: null },
  ...more,
});

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('synchronisation schedules: Description and NextRun', () => {
  it('describes a new weekly schedule and runs it next at its time of day, on the weekday it was made, within a week', async () => {
    const fake = await makeTestFake({ auth: false });
    const before = Date.now();
    const res = await fake.post(`/api/synchronizer/${JIRA_LINK}/schedules`, schedule('Weekly'));
    expect(res.status).toBe(201);
    expect(res.body.Description).toBe('Weekly, Jira to ET, at 06:00');
    const next = Date.parse(res.body.NextRun);
    expect(res.body.NextRun).toMatch(/T06:00:00Z$/);
    expect(next).toBeGreaterThan(before);
    expect(next - before).toBeLessThanOrEqual(7 * DAY);
    // The weekday the schedule was made on (or the next week's, once today's 06:00 has passed).
    expect(new Date(next).getUTCDay()).toBe(new Date(before).getUTCDay());
    // Kept as answered.
    const shown = await fake.get(`/api/synchronizer/${JIRA_LINK}/schedule/${res.body.Id}`);
    expect(shown.body).toMatchObject({ Description: res.body.Description, NextRun: res.body.NextRun });
  });

  it('runs a daily schedule next at its time of day within a day, and names each direction', async () => {
    const fake = await makeTestFake({ auth: false });
    const before = Date.now();
    const daily = await fake.post(`/api/synchronizer/${JIRA_LINK}/schedules`, schedule('Daily', { Direction: 'SourceToDestination', Configuration: { Type: 'Daily', HourOfDay: 2, MinuteOfDay: 15 } }));
    expect(daily.body.Description).toBe('Daily, ET to Jira, at 02:15');
    expect(daily.body.NextRun).toMatch(/T02:15:00Z$/);
    expect(Date.parse(daily.body.NextRun) - before).toBeLessThanOrEqual(DAY);
    const both = await fake.post(`/api/synchronizer/${JIRA_LINK}/schedules`, schedule('Periodic', { Direction: 'BiDirectionalSourceFirst', Configuration: { Type: 'Periodic', PeriodInMinutes: 60 } }));
    expect(both.body.Description).toBe('Every 60 minutes, both directions, ET first');
    // Never run: the period counts from now.
    const next = Date.parse(both.body.NextRun);
    expect(next).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 60 * MINUTE);
    expect(next).toBeLessThanOrEqual(Date.now() + 60 * MINUTE);
  });

  it('has no NextRun while switched off', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.post(`/api/synchronizer/${JIRA_LINK}/schedules`, schedule('Weekly', { Enabled: false }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ Description: 'Weekly, Jira to ET, at 06:00', NextRun: null });
  });

  it('follows a new period on PUT: the next run is the period on from the last run', async () => {
    const fake = await makeTestFake({ auth: false });
    const put = await fake.put(`/api/synchronizer/${JIRA_LINK}/schedule/${PERIODIC}`, {
      Id: PERIODIC,
      LinkId: JIRA_LINK,
      Enabled: true,
      Direction: 'BiDirectionalDestinationFirst',
      Scope: 'SynchronizeUpdated',
      Condition: 'PreviouslySynchronized',
      Configuration: { Type: 'Periodic', PeriodInMinutes: 15, HourOfDay: null, MinuteOfDay: null },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ Description: 'Every 15 minutes, both directions, Jira first', LastRun: '2026-03-02T09:00:00Z', NextRun: '2026-03-02T09:15:00Z' });
  });

  it('keeps what was derived when a save changes neither when nor which way (switching it on)', async () => {
    const fake = await makeTestFake({ auth: false });
    const patched = await fake.patch(`/api/synchronizer/${JIRA_LINK}/schedule/${NIGHTLY}`, { Enabled: true });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ Enabled: true, Description: 'Nightly full push to Jira at 02:15', NextRun: null });
  });
});
