// /api/search with the TQL fields derived from related records, over the default data (what `et-fake serve`
// holds). The expected answers are worked out from the stored collections, not from the query code.
import { describe, expect, it } from 'vitest';
import { makeTestFake, ONLINE_BANKING } from '../../helpers/test-fake.ts';
import type { TestFake } from '../../helpers/fake.ts';

type Item = { Id: string; EntityType: string };

async function search(fake: TestFake, tql: string): Promise<{ status: number; body: { Items?: Item[]; Message?: string } }> {
  return fake.get(`/api/search?$top=500&tql=${encodeURIComponent(tql)}`);
}

const sortedIds = (items: { Id: string }[]) => items.map((i) => i.Id).sort();

describe('search by derived fields', () => {
  it("finds incidents by Editor, with a user list and ProjectManager('...') as ET's own example has it", async () => {
    const fake = await makeTestFake({ auth: false });
    const users = [...fake.store.collection('User').values()];
    const jane = users.find((u) => u.FirstName === 'Jane' && u.LastName === 'Doe')!;
    const manager = String(fake.store.collection('Project').get(ONLINE_BANKING)!.ManagerId);
    const wanted = new Set([String(jane.Id), manager].map((id) => id.toLowerCase()));
    const expected = [...fake.store.collection('Incident').values()]
      .filter((i) => [i.CreatedById, i.LastUpdatedById].some((u) => typeof u === 'string' && wanted.has(u.toLowerCase())))
      .map((i) => i.Id);
    expect(expected.length).toBeGreaterThan(0);
    const res = await search(fake, "EntityType = Incident AND Editor IN [UserA, 'Jane Doe', ProjectManager('Online Banking')]");
    expect(res.status).toBe(200);
    expect(sortedIds(res.body.Items!)).toEqual([...expected].sort());
  });

  it('counts step results of script runs as execution totals', async () => {
    const fake = await makeTestFake({ auth: false });
    const failedSteps = new Map<string, number>();
    for (const s of fake.store.collection('StepResult').values()) {
      if (s.Outcome === 'Failed') failedSteps.set(String(s.RunId), (failedSteps.get(String(s.RunId)) ?? 0) + 1);
    }
    expect(failedSteps.size).toBeGreaterThan(0);
    const res = await search(fake, 'EntityType = ScriptRun AND Failed > 0');
    expect(sortedIds(res.body.Items!)).toEqual([...failedSteps.keys()].sort());
  });

  it('finds scripts by their assignments and attachments', async () => {
    const fake = await makeTestFake({ auth: false });
    const assigned = new Set([...fake.store.collection('ScriptAssignment').values()].map((a) => String(a.ScriptId)));
    const scripts = [...fake.store.collection('Script').values()];
    const res = await search(fake, 'EntityType = Script AND HasAssignments = false');
    expect(sortedIds(res.body.Items!)).toEqual(scripts.filter((s) => !assigned.has(s.Id)).map((s) => s.Id).sort());
    const withFiles = new Set([...fake.store.collection('ScriptAttachment').values()].map((a) => String(a.ScriptId)));
    const attached = await search(fake, 'EntityType = Script AND AttachmentCount >= 1');
    expect(sortedIds(attached.body.Items!)).toEqual([...withFiles].sort());
  });

  it('finds incidents by the text of their comments', async () => {
    const fake = await makeTestFake({ auth: false });
    const commented = new Set([...fake.store.collection('IncidentComment').values()].map((c) => String(c.IncidentId)));
    const res = await search(fake, 'EntityType = Incident AND Comment IS NOT EMPTY');
    expect(sortedIds(res.body.Items!)).toEqual([...commented].sort());
  });

  it('reads relationship index fields inside and outside Relationships IN { }', async () => {
    const fake = await makeTestFake({ auth: false });
    const dependent = [...fake.store.collection('Relationship').values()].filter((r) => r.RelationshipTypeKey === 'RequirementDependency');
    expect(dependent.length).toBeGreaterThan(0);
    const ends = new Set(dependent.flatMap((r) => [String(r.SourceEntityId), String(r.DestinationEntityId)]));
    // The RelationshipType record of that key is named "Dependency".
    const outside = await search(fake, 'EntityType = Requirement AND RelationshipType = Dependency');
    expect(sortedIds(outside.body.Items!)).toEqual([...ends].sort());
    const needed = await search(fake, "EntityType = Requirement AND Relationships IN { Relationship = 'Needed By' AND RelationshipDepth = 1 }");
    expect(sortedIds(needed.body.Items!)).toEqual(dependent.map((r) => String(r.DestinationEntityId)).sort());
  });

  it('says an aggregate query takes no ORDER BY', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await search(fake, 'COUNT WHERE EntityType = Incident ORDER BY Name');
    expect(res.status).toBe(403);
    expect(res.body.Message).toBe('Invalid TQL at column 35: an aggregate query (COUNT, SUM, AVG, MIN, MAX, GROUP BY) takes no ORDER BY');
  });
});
