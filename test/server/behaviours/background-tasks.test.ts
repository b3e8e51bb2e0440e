// A maintenance task (POST /api/backgroundtasks) is answered queued, as ET answers it: no elements counted
// yet, "Queued."; once its worker starts it counts the records it goes over and runs them to completion.
import { describe, expect, it } from 'vitest';
import type { TestFake } from '../../helpers/fake.ts';
import { makeTestFake } from '../../helpers/test-fake.ts';

async function polled(fake: TestFake, self: string): Promise<Record<string, unknown>[]> {
  const seen: Record<string, unknown>[] = [];
  for (let i = 0; i < 400; i++) {
    const task = await fake.get(self);
    expect(task.status).toBe(200);
    seen.push(task.body);
    if (task.body.Complete) return seen;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error('the task never completed');
}

describe('background tasks', () => {
  it('answers a re-index queued, then counts the searchable records and rebuilds the index', async () => {
    const fake = await makeTestFake({ auth: false });
    const started = await fake.request('POST', '/api/backgroundtasks', { body: { Type: 'Reindex', Parameters: { Optimize: true } } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ Complete: false, Error: null, TotalElements: 0, ProcessedElements: 0, ProgressInPercent: 0, Elapsed: '00:00:00', FinishedAt: null, Message: 'Queued.' });
    expect(started.body.Id).toMatch(/^reindex-/);
    expect(started.headers.get('location')).toBe(started.body.Self);

    const seen = await polled(fake, started.body.Self);
    const done = seen.at(-1)!;
    // Every record TQL searches (scripts among them) is one element of the re-index.
    const scripts = fake.engine.store.collection('Script').size;
    expect(done.TotalElements as number).toBeGreaterThanOrEqual(scripts);
    expect(done).toMatchObject({ Complete: true, Error: null, ProcessedElements: done.TotalElements, ProgressInPercent: 1, Message: 'Search index rebuilt.' });
    expect(typeof done.FinishedAt).toBe('string');
    // While it runs it says what it does; it is never back to queued once counted.
    for (const s of seen.filter((t) => (t.TotalElements as number) > 0 && !t.Complete)) expect(s.Message).toBe('Rebuilding the search index.');
    const processed = seen.map((t) => t.ProcessedElements as number);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    expect(processed.some((n) => n > 0 && n < (done.TotalElements as number))).toBe(true);
  });

  it('names another kind of task by its Type', async () => {
    const fake = await makeTestFake({ auth: false });
    const started = await fake.request('POST', '/api/backgroundtasks', { body: { Type: 'Cleanup' } });
    expect(started.status).toBe(202);
    expect(started.body.Message).toBe('Queued.');
    const done = (await polled(fake, started.body.Self)).at(-1)!;
    expect(done).toMatchObject({ Complete: true, Message: 'Cleanup complete.' });
  });

  it('refuses a task without a Type (403) and reports an unknown one as missing (404), each with a Message', async () => {
    const fake = await makeTestFake({ auth: false });
    const refused = await fake.request('POST', '/api/backgroundtasks', { body: { Parameters: {} } });
    expect(refused.status).toBe(403);
    expect(refused.body.Message).toMatch(/Type/);
    const unknown = await fake.get('/api/backgroundtask/reindex-00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.Message).toMatch(/background task/);
  });
});
