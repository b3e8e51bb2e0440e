// Running a synchronisation schedule now: 202 without a body, the schedule runs in the background and its
// run is recorded (LastRun, status, system events), and its next run counts from it.
import { describe, expect, it } from 'vitest';
import { makeTestFake } from '../../helpers/test-fake.ts';
import type { TestFake } from '../../helpers/fake.ts';

const JIRA_LINK = '6c6599a6-f39b-472c-873e-01040adb40ee';
const SCHEDULE = '60949a92-025e-4c3a-a428-76920848e32c';
const RUN = `/api/synchronizer/${JIRA_LINK}/schedule/${SCHEDULE}/run`;

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('never happened');
}

const events = async (fake: TestFake, type: string) =>
  (await fake.get(`/api/systemevents?$filter=${encodeURIComponent(`Type eq '${type}'`)}`)).body.Items as { Message: string; LinkId: string }[];

describe('running a synchronisation schedule now', () => {
  it('answers 202 and records a finished run', async () => {
    const fake = await makeTestFake();
    const before = (await fake.get(`/api/synchronizer/${JIRA_LINK}/schedule/${SCHEDULE}`)).body;
    expect(before.IsRunning).toBe(false);
    const startedEvents = (await events(fake, 'SynchronizationStarted')).length;

    const run = await fake.request('POST', RUN);
    expect(run.status).toBe(202);
    expect(run.body).toBeUndefined();
    expect((await fake.get(`/api/synchronizer/${JIRA_LINK}/schedule/${SCHEDULE}`)).body.IsRunning).toBe(true);
    expect(await events(fake, 'SynchronizationStarted')).toHaveLength(startedEvents + 1);

    await until(async () => (await fake.get(`/api/synchronizer/${JIRA_LINK}/schedule/${SCHEDULE}`)).body.IsRunning === false);
    const after = (await fake.get(`/api/synchronizer/${JIRA_LINK}/schedule/${SCHEDULE}`)).body;
    expect(after.LastRun > before.LastRun).toBe(true);
    expect(after.StatusMessage).toMatch(/^Completed/);
    // A 30-minute schedule runs next 30 minutes after this run.
    expect(Date.parse(after.NextRun) - Date.parse(after.LastRun)).toBe(30 * 60_000);
    const finished = await events(fake, 'SynchronizationFinished');
    expect(finished).toEqual([expect.objectContaining({ LinkId: JIRA_LINK })]);
  });

  it('404 for a schedule that does not exist or belongs to another link', async () => {
    const fake = await makeTestFake({ auth: false });
    const unknown = await fake.request('POST', `/api/synchronizer/${JIRA_LINK}/schedule/0b7e4c2a-8d1f-4a6b-9c3e-5f2a1d0e9b8c/run`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.Message).toMatch(/schedule/);
    const elsewhere = await fake.request('POST', `/api/synchronizer/1901ae4a-b7c3-4fb5-a16d-3cae85c1c011/schedule/${SCHEDULE}/run`);
    expect(elsewhere.status).toBe(404);
  });
});
