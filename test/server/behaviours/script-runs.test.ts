// Script runs: starting a run twice (201 then 200 with the same run), recording outcomes with PUT, the
// derived Status, completion, and the refusal to change outcomes of a completed run.
import { describe, expect, it } from 'vitest';
import { ADMIN_ID, JOEB_ID, LOGIN_ASSIGNMENT, makeTestFake } from '../../helpers/test-fake.ts';

/** A start-run body as ET's clients send it (the documented example names all three fields). */
const start = (testerId = ADMIN_ID) => ({ TesterId: testerId, FieldValues: null, WidgetValues: null });

/** An assignment of the demo data without runs, whose script has steps. */
async function freshAssignment(fake: Awaited<ReturnType<typeof makeTestFake>>) {
  const runs = fake.store.collection('ScriptRun');
  for (const a of fake.store.collection('ScriptAssignment').values()) {
    const script = fake.store.collection('Script').get(String(a.ScriptId));
    if (!runs.where('AssignmentId', a.Id).length && Array.isArray(script?.Steps) && script.Steps.length > 1) return { assignment: a, script };
  }
  throw new Error('the demo data has no assignment without runs');
}

describe('script runs', () => {
  it('starts a new run (201) and then answers the open run (200, same Id)', async () => {
    const fake = await makeTestFake({ auth: false });
    const { assignment, script } = await freshAssignment(fake);
    const first = await fake.post(`/api/scriptassignment/${assignment.Id}/runs?$expand=StepResults`, start());
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`http://localhost/api/scriptrun/${first.body.Id}`);
    expect(first.body).toMatchObject({ AssignmentId: assignment.Id, ScriptId: script.Id, RunBy: 'Administrator', Completed: false, Status: 'In Progress' });
    // The assignment is in progress with it, as ET shows.
    expect((await fake.get(`/api/scriptassignment/${assignment.Id}`)).body.Status).toBe('In Progress');
    const steps = script.Steps as { Description: string }[];
    expect(first.body.StepResults.map((s: { Description: string }) => s.Description)).toEqual(steps.map((s) => s.Description));
    expect(first.body.StepResults.every((s: { Outcome: string }) => s.Outcome === 'NotRun')).toBe(true);
    const second = await fake.post(`/api/scriptassignment/${assignment.Id}/runs`, start());
    expect(second.status).toBe(200);
    expect(second.body.Id).toBe(first.body.Id);
  });

  it('looks at the current (latest) run only: a newer completed run starts a new one, an older open one is left', async () => {
    const fake = await makeTestFake({ auth: false });
    const { assignment } = await freshAssignment(fake);
    const runs = fake.store.collection('ScriptRun');
    const base = { AssignmentId: assignment.Id, ScriptId: assignment.ScriptId, Status: 'NotRun' };
    runs.insert({ ...base, Id: 'a0000000-0000-4000-8000-000000000001', Completed: false, CreatedAt: '2025-01-01T00:00:00Z' });
    runs.insert({ ...base, Id: 'a0000000-0000-4000-8000-000000000002', Completed: true, Status: 'Passed', CreatedAt: '2025-02-01T00:00:00Z' });
    const started = await fake.post(`/api/scriptassignment/${assignment.Id}/runs`, start());
    expect(started.status).toBe(201);
    expect(started.body.Id).not.toMatch(/^a0000000/);
    const again = await fake.post(`/api/scriptassignment/${assignment.Id}/runs`, start());
    expect(again.status).toBe(200);
    expect(again.body.Id).toBe(started.body.Id);
  });

  it('runs as the tester named by TesterId, and refuses an unknown one', async () => {
    const fake = await makeTestFake({ auth: false });
    const { assignment } = await freshAssignment(fake);
    const bad = await fake.post(`/api/scriptassignment/${assignment.Id}/runs`, start('00000000-0000-4000-8000-000000000000'));
    expect(bad.status).toBe(403);
    expect(bad.body.Message).toContain('TesterId');
    const res = await fake.post(`/api/scriptassignment/${assignment.Id}/runs`, start(JOEB_ID));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ RunById: JOEB_ID, RunBy: 'joeb' });
  });

  it('answers 404 for runs of a missing assignment', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.post('/api/scriptassignment/00000000-0000-4000-8000-000000000000/runs', start());
    expect(res.status).toBe(404);
    expect((await fake.get('/api/scriptassignment/00000000-0000-4000-8000-000000000000/runs')).status).toBe(404);
  });

  it('the open run of the demo assignment answers 200 and shows in its runs', async () => {
    const fake = await makeTestFake({ auth: false });
    const open = fake.store.collection('ScriptRun').where('AssignmentId', LOGIN_ASSIGNMENT).find((r) => r.Completed !== true)!;
    const res = await fake.post(`/api/scriptassignment/${LOGIN_ASSIGNMENT}/runs`, start());
    expect(res.status).toBe(200);
    expect(res.body.Id).toBe(open.Id);
    const list = await fake.get(`/api/scriptassignment/${LOGIN_ASSIGNMENT}/runs`);
    expect(list.body.Items.map((r: { Id: string }) => r.Id)).toContain(open.Id);
  });

  it('records outcomes, derives Status, completes, then refuses outcome changes but takes field values', async () => {
    const fake = await makeTestFake({ auth: false });
    const { assignment } = await freshAssignment(fake);
    const run = (await fake.post(`/api/scriptassignment/${assignment.Id}/runs?$expand=StepResults`, start())).body;
    const [s1, s2, ...rest] = run.StepResults as { Id: string }[];
    const partial = await fake.put(`/api/scriptrun/${run.Id}?$expand=StepResults`, { StepResults: [{ Id: s1!.Id, Outcome: 'Passed', ActualResult: 'as expected' }] });
    expect(partial.status).toBe(200);
    expect(partial.body.Status).toBe('In Progress');
    expect(partial.body.StepResults.find((s: { Id: string }) => s.Id === s1!.Id)).toMatchObject({ Outcome: 'Passed', ActualResult: 'as expected' });

    const failed = await fake.put(`/api/scriptrun/${run.Id}`, { StepResults: [{ Id: s2!.Id, Outcome: 'Failed' }, ...rest.map((s) => ({ Id: s.Id, Outcome: 'Passed' }))], AttemptToComplete: true, ActualDuration: '7 minutes' });
    expect(failed.body).toMatchObject({ Status: 'Failed', Completed: true, ActualDuration: '7 minutes' });
    expect(fake.store.collection('ScriptAssignment').get(assignment.Id)!.Status).toBe('Failed');

    const refused = await fake.put(`/api/scriptrun/${run.Id}`, { StepResults: [{ Id: s2!.Id, Outcome: 'Passed' }] });
    expect(refused.status).toBe(403);
    expect(refused.body.Message).toMatch(/complete/i);
    expect(fake.store.collection('StepResult').get(s2!.Id)!.Outcome).toBe('Failed');

    const notes = await fake.put(`/api/scriptrun/${run.Id}?$expand=FieldValues`, { FieldValues: { AdditionalNotes: 'flaky network' } });
    expect(notes.status).toBe(200);
    expect(notes.body.FieldValues).toMatchObject({ AdditionalNotes: 'flaky network' });

    // A completed run is no longer the open one: the next start makes a new run.
    const again = await fake.post(`/api/scriptassignment/${assignment.Id}/runs`, start());
    expect(again.status).toBe(201);
    expect(again.body.Id).not.toBe(run.Id);
  });

  it('refuses unknown outcomes and steps of other runs', async () => {
    const fake = await makeTestFake({ auth: false });
    const { assignment } = await freshAssignment(fake);
    const run = (await fake.post(`/api/scriptassignment/${assignment.Id}/runs?$expand=StepResults`, start())).body;
    const badOutcome = await fake.put(`/api/scriptrun/${run.Id}`, { StepResults: [{ Id: run.StepResults[0].Id, Outcome: 'Sideways' }] });
    expect(badOutcome.status).toBe(403);
    const otherStep = fake.store.collection('StepResult').values().next().value!;
    const badStep = await fake.put(`/api/scriptrun/${run.Id}`, { StepResults: [{ Id: otherStep.Id, Outcome: 'Passed' }] });
    expect(badStep.status).toBe(403);
  });

  it('sets custom fields with the PATCH verb document (204)', async () => {
    const fake = await makeTestFake({ auth: false });
    const { assignment } = await freshAssignment(fake);
    const run = (await fake.post(`/api/scriptassignment/${assignment.Id}/runs`, start())).body;
    const res = await fake.patch(`/api/scriptrun/${run.Id}`, { update: { customFields: [{ set: { name: 'Browser', value: 'Firefox' } }] } });
    expect(res.status).toBe(204);
    expect(fake.store.collection('ScriptRun').get(run.Id)!.FieldValues).toMatchObject({ Browser: 'Firefox' });
    const bad = await fake.patch(`/api/scriptrun/${run.Id}`, { update: { customFields: [{ set: { value: 1 } }] } });
    expect(bad.status).toBe(403);
    // Names match in any case and are stored as the field spells itself; a field nobody defined is refused.
    expect((await fake.patch(`/api/scriptrun/${run.Id}`, { update: { customFields: [{ set: { name: 'additionalnotes', value: 'x' } }] } })).status).toBe(204);
    expect(fake.store.collection('ScriptRun').get(run.Id)!.FieldValues).toMatchObject({ Browser: 'Firefox', AdditionalNotes: 'x' });
    const unknown = await fake.patch(`/api/scriptrun/${run.Id}`, { update: { customFields: [{ set: { name: 'NoSuchField', value: 'x' } }] } });
    expect(unknown.status).toBe(403);
    expect(unknown.body.Message).toContain('NoSuchField');
    expect(fake.store.collection('ScriptRun').get(run.Id)!.FieldValues).not.toHaveProperty('NoSuchField');
  });
});
