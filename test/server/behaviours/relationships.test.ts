// Relationships: the view of a record with its related records, creating one (and refusing a duplicate),
// changing its direction, deleting it, and "all relationships" taking in a script's assignments.
import { describe, expect, it } from 'vitest';
import { LOGIN_SCRIPT, makeTestFake } from '../../helpers/test-fake.ts';

const ORG = '06e3f216-7665-4252-9ad1-8f3c56999fa0';
const SIGN_IN_REQ = 'c48ed974-732e-4bda-9505-f0b5f26cc10e';
const NFC_SCRIPT = '49c4156c-f4dc-4cb9-be1a-55bcb03f748c';
const CONTACTLESS_REQ = '077e25fb-015f-4b76-ac97-3cee89d3aae5';
const COVERAGE = 'ScriptToRequirementCoverage';

describe('relationships', () => {
  it('shows a script with the requirements it covers, and a requirement with the scripts covering it', async () => {
    const fake = await makeTestFake({ auth: false });
    const script = await fake.get(`/api/script/${LOGIN_SCRIPT}/relationships`);
    expect(script.status).toBe(200);
    expect(script.body).toMatchObject({ EntityId: LOGIN_SCRIPT, EntityType: 'TestScript', Name: 'Login with valid credentials' });
    const covered = script.body.Children.find((c: { EntityId: string }) => c.EntityId === SIGN_IN_REQ);
    expect(covered).toMatchObject({ EntityType: 'Requirement', Relation: 'Covers', RelationshipTypeKey: COVERAGE, RelationshipType: 'Coverage' });
    const req = await fake.get(`/api/requirement/${SIGN_IN_REQ}/relationships`);
    const coveredBy = req.body.Children.find((c: { EntityId: string }) => c.EntityId === LOGIN_SCRIPT);
    expect(coveredBy).toMatchObject({ EntityType: 'TestScript', Relation: 'Covered By', RelationshipId: covered.RelationshipId });
  });

  it('creates a relationship, refuses the same one twice, changes its direction and deletes it', async () => {
    const fake = await makeTestFake({ auth: false });
    const body = { SourceEntityId: NFC_SCRIPT, SourceEntityType: 'TestScript', DestinationEntityId: CONTACTLESS_REQ, DestinationEntityType: 'Requirement', RelationshipDirection: 'SourceToDestination' };
    for (const r of fake.store.collection('Relationship').where('SourceEntityId', NFC_SCRIPT)) fake.store.collection('Relationship').remove(r.Id);
    const created = await fake.post(`/api/organisation/${ORG}/relationshiptype/${COVERAGE}/relationships`, body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ EntityId: CONTACTLESS_REQ, Relation: 'Covers', RelationshipTypeKey: COVERAGE });
    const id = created.body.RelationshipId;
    const listed = await fake.get(`/api/script/${NFC_SCRIPT}/relationships`);
    expect(listed.body.Children.map((c: { RelationshipId: string }) => c.RelationshipId)).toContain(id);

    const twice = await fake.post(`/api/organisation/${ORG}/relationshiptype/${COVERAGE}/relationships`, body);
    expect(twice.status).toBe(403);
    expect(twice.body.Message).toContain('already exists');

    const both = await fake.put(`/api/organisation/${ORG}/relationshiptype/${COVERAGE}/relationship/${id}`, { RelationshipDirection: 'Both' });
    expect(both.status).toBe(200);
    expect(both.body.RelationshipDirection).toBe('Both');
    expect((await fake.get(`/api/organisation/${ORG}/relationshiptype/${COVERAGE}/relationship/${id}`)).body.RelationshipDirection).toBe('Both');

    expect((await fake.del(`/api/organisation/${ORG}/relationshiptype/${COVERAGE}/relationship/${id}`)).status).toBe(200);
    expect((await fake.get(`/api/organisation/${ORG}/relationshiptype/${COVERAGE}/relationship/${id}`)).status).toBe(404);
  });

  it('refuses ends of the wrong type or that do not exist, and unknown relationship types', async () => {
    const fake = await makeTestFake({ auth: false });
    const base = { SourceEntityId: NFC_SCRIPT, SourceEntityType: 'TestScript', DestinationEntityId: CONTACTLESS_REQ, DestinationEntityType: 'Requirement' };
    expect((await fake.post(`/api/organisation/${ORG}/relationshiptype/${COVERAGE}/relationships`, { ...base, SourceEntityType: 'Requirement' })).status).toBe(403);
    expect((await fake.post(`/api/organisation/${ORG}/relationshiptype/${COVERAGE}/relationships`, { ...base, DestinationEntityId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await fake.post(`/api/organisation/${ORG}/relationshiptype/NoSuchType/relationships`, base)).status).toBe(404);
  });

  it('takes the relationships of a script\'s assignments into its "all relationships"', async () => {
    const fake = await makeTestFake({ auth: false });
    const rels = fake.store.collection('Relationship');
    const fromAssignment = Array.from(rels.values()).find((r) => r.SourceEntityType === 'TestScriptAssignment')!;
    const assignment = fake.store.collection('ScriptAssignment').get(String(fromAssignment.SourceEntityId))!;
    const own = await fake.get(`/api/script/${assignment.ScriptId}/relationships`);
    const all = await fake.get(`/api/script/${assignment.ScriptId}/allrelationships`);
    const ids = (r: { body: { Children: { RelationshipId: string }[] } }) => r.body.Children.map((c) => c.RelationshipId);
    expect(ids(own)).not.toContain(fromAssignment.Id);
    expect(ids(all)).toContain(fromAssignment.Id);
    expect(ids(all)).toEqual(expect.arrayContaining(ids(own)));
  });

  it('feeds TQL: requirements covered by a script', async () => {
    const fake = await makeTestFake({ auth: false });
    const res = await fake.get(`/api/requirements?$top=100&tql=${encodeURIComponent('Relationships IN { RelatedToEntityType = Script }')}`);
    expect(res.status).toBe(200);
    const covered = new Set(
      Array.from(fake.store.collection('Relationship').values())
        .filter((r) => r.SourceEntityType === 'TestScript' && r.DestinationEntityType === 'Requirement')
        .map((r) => String(r.DestinationEntityId)),
    );
    expect(covered.size).toBeGreaterThan(0);
    expect(new Set(res.body.Items.map((i: { Id: string }) => i.Id))).toEqual(covered);
  });

  it('lists the relationship types, for all and per organisation, and finds one by key', async () => {
    const fake = await makeTestFake({ auth: false });
    const all = await fake.get('/api/relationshiptypes?$inlinecount=allpages');
    expect(all.body.Items.map((t: { Key: string }) => t.Key)).toContain(COVERAGE);
    expect(all.body.Total).toBe(fake.store.collection('RelationshipType').size);
    const one = await fake.get(`/api/organisation/${ORG}/relationshiptype/${COVERAGE.toLowerCase()}`);
    expect(one.body).toMatchObject({ Key: COVERAGE, Name: 'Coverage', SourceEntityType: 'TestScript', DestinationEntityType: 'Requirement' });
    expect((await fake.get(`/api/organisation/${ORG}/relationshiptypes`)).body.Items.length).toBe(all.body.Total);
    expect((await fake.get(`/api/organisation/${ORG}/relationshiptype/NoSuchType`)).status).toBe(404);
  });
  it('answers 404 for an unknown organisation or record, and writes nothing', async () => {
    const fake = await makeTestFake({ auth: false });
    const before = fake.store.collection('Relationship').size;
    const body = { SourceEntityId: NFC_SCRIPT, SourceEntityType: 'TestScript', DestinationEntityId: CONTACTLESS_REQ, DestinationEntityType: 'Requirement' };
    const nowhere = '0badc0de-0000-4000-8000-000000000000';
    const org = await fake.post(`/api/organisation/${nowhere}/relationshiptype/${COVERAGE}/relationships`, body);
    expect(org.status).toBe(404);
    expect(org.body.Message).toContain(nowhere);
    expect((await fake.post(`/api/organisation/${ORG}/relationshiptype/${COVERAGE}/relationships`, { ...body, DestinationEntityId: nowhere })).status).toBe(404);
    expect((await fake.post(`/api/organisation/${ORG}/relationshiptype/${COVERAGE}/relationships`, { ...body, SourceEntityId: nowhere })).status).toBe(404);
    const rel = fake.store.collection('Relationship').values().next().value!;
    expect((await fake.get(`/api/organisation/${nowhere}/relationshiptype/${rel.RelationshipTypeKey}/relationship/${rel.Id}`)).status).toBe(404);
    expect((await fake.del(`/api/organisation/${nowhere}/relationshiptype/${rel.RelationshipTypeKey}/relationship/${rel.Id}`)).status).toBe(404);
    expect(fake.store.collection('Relationship').size).toBe(before);
  });

  it("writes package and parent paths in ET's form: /Package/Sub-package, and \"\" where there is none", async () => {
    const fake = await makeTestFake({ auth: false });
    const view = (await fake.get(`/api/script/${LOGIN_SCRIPT}/relationships`)).body;
    const script = fake.store.collection('Script').get(LOGIN_SCRIPT)!;
    const names: string[] = [];
    for (let p = fake.store.collection('ScriptPackage').get(String(script.PackageId)); p; p = p.ParentId ? fake.store.collection('ScriptPackage').get(String(p.ParentId)) : undefined) names.unshift(String(p.Name));
    expect(names.length).toBeGreaterThan(0);
    expect(view.PackagePath).toBe(names.map((n) => `/${n}`).join(''));
    expect(view.ParentPath).toBe('');
    for (const child of view.Children) {
      expect(child.PackagePath).toMatch(/^(\/[^/]+)+$|^$/);
      expect(typeof child.ParentPath).toBe('string');
    }
  });
});
